/** The overview `custodia --help` prints: every command by its full name; each command's own --help lists its options. */
import { Help, type Command } from 'commander';
import { GROUPS } from './command-context.ts';
import { VALUES_USAGE } from './record-flags.ts';

const standard = new Help();

/** The command as typed after `custodia` ("case add"). */
export function commandPath(command: Command): string {
  const names: string[] = [];
  for (let at: Command | null = command; at?.parent; at = at.parent) names.unshift(at.name());
  return names.join(' ');
}

/** Every command a user can run, nested ones included, in the order they were registered. */
function runnable(command: Command): Command[] {
  return command.commands.flatMap((sub) => [...(GROUPS.has(sub) ? [] : [sub]), ...runnable(sub)]);
}

/** Set on the program before its commands are added, so they inherit the same layout. */
export function configureHelp(program: Command): void {
  program
    .usage('[--vault DIR] [--json] COMMAND [options]')
    .configureHelp({
      showGlobalOptions: true,
      visibleCommands: (command) => (command.parent ? standard.visibleCommands(command) : runnable(command)),
      subcommandTerm: (command) => `${commandPath(command)} ${command.usage()}`.trimEnd(),
    })
    .addHelpText(
      'after',
      `
Each command's --help lists its options, e.g. custodia case add --help.

${VALUES_USAGE}

The vault is --vault DIR, else CUSTODIA_VAULT, else the user-data folder.
The passphrase comes from CUSTODIA_PASSPHRASE (or CUSTODIA_RECOVERY_KEY), else a prompt.`,
    );
}
