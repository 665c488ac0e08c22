import { channels } from '../../shared/contract.ts';
import { fail, type Result } from '../../shared/result.ts';
import type { ArchiveHost } from '../archive/index.ts';
import { ipcName } from './names.ts';

export { IPC_PREFIX, ipcName } from './names.ts';

/** The part of Electron's `ipcMain` used here (structural, so this file runs under plain Node in tests). */
export interface IpcMainLike<E> {
  handle(channel: string, listener: (event: E, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

export type HostLike = Pick<ArchiveHost, 'call'>;

export const REFUSED_MESSAGE = 'refused: this request did not come from the Custodia window';

/**
 * One `ipcMain.handle` per contract channel. Each handler first checks the sender (no side
 * effect, no payload parsing for a foreign sender), then hands the payload to the engine host,
 * which validates channel and payload with the shared zod schemas and answers a Result.
 * Returns a function that removes the handlers again.
 */
export function registerIpc<E>(ipcMain: IpcMainLike<E>, host: HostLike, isTrustedSender: (event: E) => boolean): () => void {
  const names: string[] = [];
  for (const channel of channels) {
    const name = ipcName(channel);
    ipcMain.handle(name, async (event: E, ...args: unknown[]): Promise<Result<unknown>> => {
      let trusted: boolean;
      try {
        trusted = isTrustedSender(event);
      } catch {
        trusted = false;
      }
      if (!trusted) return fail('forbidden', REFUSED_MESSAGE);
      if (args.length > 1) return fail('validation', `"${channel}" takes one request object`);
      try {
        return await host.call(channel, args[0]);
      } catch (error) {
        // host.call never throws by contract; keep the envelope even if it one day does.
        return fail('internal', error instanceof Error ? error.message : String(error));
      }
    });
    names.push(name);
  }
  return () => {
    for (const name of names) ipcMain.removeHandler(name);
  };
}
