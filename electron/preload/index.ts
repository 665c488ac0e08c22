import { contextBridge, ipcRenderer } from 'electron';
import type { Channel, CustodiaApi } from '../../shared/contract.ts';
import type { DesktopShellApi, ShellChannel } from '../../shared/destinations.ts';
import { ipcName, SHELL_IPC_PREFIX } from '../ipc/names.ts';

/**
 * The renderer's only door to the engine: `window.custodia`, one function per contract channel,
 * each forwarding its single request object to `ipcRenderer.invoke('custodia:<channel>')`.
 * `ipcRenderer` itself, its events and `require` are never exposed (context isolation keeps this
 * file's scope away from the page). Main checks the sender and zod-parses every request.
 *
 * Runs sandboxed, where only `electron` and a few built-ins can be required, so the build
 * bundles this file into out/preload/index.cjs. The channel list is `channels` from
 * shared/contract.ts, injected at build time (scripts/build-electron.js) so that zod and the
 * schemas stay out of the preload.
 */
declare const __CUSTODIA_CHANNELS__: readonly Channel[];
declare const __CUSTODIA_SHELL_CHANNELS__: readonly ShellChannel[];

function invoker(name: string) {
  // Only the request crosses; the reply is the engine's Result envelope (plain data).
  return (request: unknown): Promise<unknown> => ipcRenderer.invoke(name, request);
}

const api = Object.freeze(Object.fromEntries(__CUSTODIA_CHANNELS__.map((channel) => [channel, invoker(ipcName(channel))]))) as CustodiaApi;
contextBridge.exposeInMainWorld('custodia', api);

// The desktop-only door: native folder dialog, Open / Show in folder, the idle-lock setting.
const desktopShell = Object.freeze(
  Object.fromEntries(__CUSTODIA_SHELL_CHANNELS__.map((channel) => [channel, invoker(`${SHELL_IPC_PREFIX}${channel}`)])),
) as DesktopShellApi;
contextBridge.exposeInMainWorld('custodiaShell', desktopShell);
