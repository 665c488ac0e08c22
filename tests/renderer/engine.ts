import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ArchiveHost } from '../../electron/archive/index.ts';
import { channels, type Channel, type CustodiaApi, type Request, type Responses } from '../../shared/contract.ts';
import type { Result } from '../../shared/result.ts';
import { getApi } from '../../renderer/src/api/client.ts';

export const PASSPHRASE = 'correct horse battery staple';

/** A real engine in a temp folder, exposed the way the preload exposes it: one async function per channel. */
export interface Engine {
  host: ArchiveHost;
  api: CustodiaApi;
  /** The vault folder (not created until a vault is). */
  dir: string;
  /** The temp folder holding it: the folder browser's only root when the engine is opened `confined`. */
  root: string;
  /** Every channel the renderer called, in order: to prove a form did not reach the engine. */
  calls: Channel[];
  /** Calls a channel directly (for seeding and for checking what the engine holds), failing on an error. */
  call<C extends Channel>(channel: C, request: Request<C>): Promise<Responses[C]>;
  close(): void;
}

/** `confined`: the folder picker shows only the temp folder (as e2e tests do), not the user's home. */
export function openEngine({ confined = false }: { confined?: boolean } = {}): Engine {
  const root = mkdtempSync(path.join(os.tmpdir(), 'custodia-renderer-'));
  const dir = path.join(root, 'vault');
  const host = new ArchiveHost(dir, confined ? { exportRoots: [root], recentVaultsFile: path.join(root, 'recent.json') } : {});
  const calls: Channel[] = [];
  // Like ipcRenderer.invoke: the request and the answer are structured clones, never shared objects.
  const api = Object.freeze(
    Object.fromEntries(
      channels.map((channel) => [
        channel,
        async (request: unknown) => {
          calls.push(channel);
          return structuredClone(await host.call(channel, structuredClone(request)));
        },
      ]),
    ),
  ) as CustodiaApi;
  return {
    host,
    api,
    dir,
    root,
    calls,
    async call(channel, request) {
      const result = await host.call(channel, request);
      if (!result.ok) throw new Error(`${channel}: ${result.error.kind}: ${result.error.message}`);
      return result.value as Responses[typeof channel];
    },
    close() {
      host.lock();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** Makes the engine the renderer's `window.custodia` (getApi() takes it on its first call). */
export function install(engine: Engine): void {
  window.custodia = engine.api;
}

/** Calls a channel through the window's API (getApi), failing on an error: the screens listening hear of the change. */
export async function callThroughWindow<C extends Channel>(channel: C, request: Request<C>): Promise<Responses[C]> {
  const result = await (getApi()[channel] as (request: Request<C>) => Promise<Result<Responses[C]>>)(request);
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.value;
}

/**
 * Files one item into a case through the same upload channels the renderer uses; `throughWindow`
 * sends them through the window's API, as the upload queue does, so open screens hear of it.
 */
export async function importBytes(
  engine: Engine,
  caseId: string,
  name: string,
  bytes: Uint8Array,
  metadata: Request<'imports.begin'>['metadata'] = {},
  { throughWindow = false } = {},
): Promise<Responses['imports.finish']> {
  const call = throughWindow ? callThroughWindow : engine.call;
  const { uploadId } = await call('imports.begin', {
    caseId,
    name,
    size: bytes.length,
    metadata,
    acquisition: { obtainedFrom: 'Defence lawyer', method: 'handed over on a USB stick' },
  });
  // A copy, as IPC would send: the engine wipes the plaintext it was handed once it is encrypted.
  if (bytes.length > 0) await call('imports.chunk', { uploadId, offset: 0, bytes: bytes.slice() });
  return call('imports.finish', { uploadId });
}
