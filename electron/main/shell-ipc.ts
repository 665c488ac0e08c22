import { dialog, shell, type BrowserWindow, type IpcMain, type IpcMainInvokeEvent } from 'electron';
import os from 'node:os';
import path from 'node:path';
import { shellChannels, shellRequests, type FolderPurpose, type ShellChannel, type ShellResponses } from '../../shared/destinations.ts';
import { fail, ok, type Result } from '../../shared/result.ts';
import { describeIssues } from '../../shared/schemas.ts';
import type { ArchiveHost } from '../archive/index.ts';
import { isArchiveError } from '../archive/index.ts';
import { REFUSED_MESSAGE } from '../ipc/register.ts';
import { SHELL_IPC_PREFIX } from '../ipc/names.ts';

type Handlers = { [C in ShellChannel]: (request: never) => Promise<ShellResponses[C]> };

/**
 * The desktop's native side of exports, beside the engine contract: the folder dialog (the chosen
 * path becomes a destination token in the engine; the renderer gets the token) and "Open" /
 * "Show in folder" for files an export wrote (by output token, never by a path from the page).
 * Same sender check and zod parse as every engine channel.
 */
export function registerShellIpc(
  ipcMain: IpcMain,
  host: ArchiveHost,
  window: () => BrowserWindow | null,
  isTrusted: (event: IpcMainInvokeEvent) => boolean,
): void {
  const handlers: Handlers = {
    chooseFolder: async ({ purpose }: { purpose?: FolderPurpose }) => {
      const parent = window();
      const options = {
        title: 'Custodia',
        defaultPath: os.homedir(),
        properties: ['openDirectory', 'createDirectory', 'dontAddToRecent'] as Array<
          'openDirectory' | 'createDirectory' | 'dontAddToRecent'
        >,
      };
      const answer = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
      const folder = answer.filePaths[0];
      if (answer.canceled || !folder) return null;
      // Folders read from (or a new vault's) get a source token; the rest are checked as write targets.
      const source = purpose === 'vault' || purpose === 'bag' || purpose === 'restore';
      return source ? host.destinations.grantSourceFolder(folder) : host.destinations.grant(folder);
    },
    openOutput: async ({ output }: { output: string }) => {
      const problem = await shell.openPath(host.destinations.outputFile(output));
      if (problem) throw new Error(problem);
      return { opened: true as const };
    },
    showOutput: async ({ output }: { output: string }) => {
      shell.showItemInFolder(path.resolve(host.destinations.outputFile(output)));
      return { shown: true as const };
    },
  };
  for (const channel of shellChannels) {
    ipcMain.handle(`${SHELL_IPC_PREFIX}${channel}`, async (event, ...args): Promise<Result<unknown>> => {
      if (!isTrusted(event)) return fail('forbidden', REFUSED_MESSAGE);
      const parsed = shellRequests[channel].safeParse(args[0]);
      if (args.length > 1 || !parsed.success)
        return fail('validation', parsed.success ? `"${channel}" takes one request object` : describeIssues(parsed.error));
      try {
        return ok(await (handlers[channel] as (request: unknown) => Promise<unknown>)(parsed.data));
      } catch (error) {
        return fail(isArchiveError(error) ? error.kind : 'io', error instanceof Error ? error.message : String(error));
      }
    });
  }
}
