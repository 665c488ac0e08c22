import type { CommandContext } from './command-context.ts';
import { ArchiveError } from '../archive/index.ts';

/** What the quarantine commands need from main.ts. */
export type QuarantineCliContext = CommandContext<{ json: boolean }>;

export const QUARANTINE_USAGE = `  quarantine list                        what unlock sweeps moved aside (temp files of interrupted imports, blob files
                                         the catalog does not know); nothing is ever deleted without you
  quarantine purge                       delete what the quarantine holds (recorded in the custody log)`;

export function quarantineCommands(context: QuarantineCliContext): Record<string, (args: string[]) => Promise<void>> {
  const { options, withArchive, print, printJson } = context;
  return {
    async quarantine([sub]) {
      if (sub === 'list') {
        const entries = await withArchive((archive) => archive.quarantine());
        if (options.json) return printJson(entries);
        if (entries.length === 0) return print('The quarantine is empty.');
        for (const entry of entries) print(`${entry.movedAt}  ${entry.size} B  quarantine/${entry.path}`);
        return;
      }
      if (sub === 'purge') {
        const purged = await withArchive((archive) => archive.purgeQuarantine());
        if (options.json) return printJson(purged);
        print(
          purged.files === 0
            ? 'The quarantine was already empty.'
            : `Deleted ${purged.files} files (${purged.bytes} bytes) from the quarantine.`,
        );
        return;
      }
      throw new ArchiveError('validation', `unknown command "quarantine ${sub ?? ''}" (see custodia --help)`);
    },
  };
}
