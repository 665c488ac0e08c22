/** `custodia quarantine …`: what an unlock's sweep moved aside, and deleting it. */
import type { Command } from 'commander';
import { commandGroup, optionsOf, type CliContext } from '../command-context.ts';

export function registerQuarantineCommands(program: Command, context: CliContext): void {
  const { withArchive, print, printJson } = context;
  const group = commandGroup(program, 'quarantine', 'files an unlock moved aside: list, purge');

  group
    .command('list')
    .summary('what unlock sweeps moved aside; nothing is deleted without you')
    .description(
      'what unlock sweeps moved aside (temp files of interrupted imports, blob files the catalog does not know); ' +
        'nothing is ever deleted without you',
    )
    .action(async (_: unknown, command: Command) => {
      const options = optionsOf(command);
      const entries = await withArchive((archive) => archive.quarantine());
      if (options.json) return printJson(entries);
      if (entries.length === 0) return print('The quarantine is empty.');
      for (const entry of entries) print(`${entry.movedAt}  ${entry.size} B  quarantine/${entry.path}`);
    });

  group
    .command('purge')
    .description('delete what the quarantine holds (recorded in the custody log)')
    .action(async (_: unknown, command: Command) => {
      const options = optionsOf(command);
      const purged = await withArchive((archive) => archive.purgeQuarantine());
      if (options.json) return printJson(purged);
      print(
        purged.files === 0
          ? 'The quarantine was already empty.'
          : `Deleted ${purged.files} files (${purged.bytes} bytes) from the quarantine.`,
      );
    });
}
