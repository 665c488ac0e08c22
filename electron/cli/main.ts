/**
 * `custodia`: the command line, on commander. This file holds the program and its own options (--vault, --json,
 * accepted before or after a command); each group of commands lives in commands/ with only its own flags.
 */
import path from 'node:path';
import { Command } from 'commander';
import { ArchiveError, defaultVaultDir } from '../archive/index.ts';
import { createContext, type GlobalOptions } from './command-context.ts';
import { registerCaseCommands } from './commands/case.ts';
import { registerDossierCommands } from './commands/dossier.ts';
import { registerIntegrityCommands } from './commands/integrity.ts';
import { registerItemCommands } from './commands/item.ts';
import { registerLogCommands } from './commands/log.ts';
import { registerPersonCommands } from './commands/person.ts';
import { registerQuarantineCommands } from './commands/quarantine.ts';
import { registerRecordCommands } from './commands/records.ts';
import { registerReplicaCommands } from './commands/replica.ts';
import { registerSearchCommand } from './commands/search.ts';
import { registerServeCommand } from './commands/serve.ts';
import { registerVaultCommands } from './commands/vault.ts';
import { EXIT } from './exit-codes.ts';
import { fail, failAsUsage } from './failure.ts';
import { configureHelp } from './help.ts';

const program = new Command('custodia')
  .description('Custodia: an encrypted, offline evidence archive with a signed chain of custody.')
  .option('--vault <dir>', 'the vault folder (else CUSTODIA_VAULT, else the user-data folder)')
  .option('--json', 'print JSON instead of text')
  .argument('[command]')
  // As before the move: words past those a command takes are ignored, and `custodia help` is no command.
  .allowExcessArguments()
  .helpCommand(false)
  // commander's own error lines are replaced by ours (failure.ts).
  .configureOutput({ outputError: () => {} })
  .action((command: string | undefined) => {
    if (command !== undefined) throw new ArchiveError('validation', `unknown command "${command}" (see custodia --help)`);
    program.outputHelp();
    process.exitCode = EXIT.usage;
  });
configureHelp(program);

const context = createContext(() => {
  const { vault } = program.opts<GlobalOptions>();
  return vault ? path.resolve(vault) : defaultVaultDir();
});
for (const register of [
  registerVaultCommands,
  registerCaseCommands,
  registerPersonCommands,
  registerRecordCommands,
  registerSearchCommand,
  registerItemCommands,
  registerLogCommands,
  registerIntegrityCommands,
  registerDossierCommands,
  registerQuarantineCommands,
  registerReplicaCommands,
  registerServeCommand,
])
  register(program, context);
failAsUsage(program);

process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  // A closed pipe (`custodia item cat ID | head`) is not an error worth a message.
  if (error.code === 'EPIPE') process.exit(0);
  fail(error);
});

program.parseAsync(process.argv.slice(2), { from: 'user' }).catch(fail);
