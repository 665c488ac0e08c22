/** How `custodia` ends on an error: one line on stderr (naming the flag involved) and the exit status of its kind. */
import { CommanderError, type Command } from 'commander';
import { ArchiveError, isArchiveError } from '../archive/index.ts';
import { exitCodeOf } from './exit-codes.ts';
import { commandPath } from './help.ts';
import { printNote } from './terminal-safe.ts';

/** The flag that sets each engine option an error can name (ArchiveError.option). */
const FLAG_OF_OPTION: Readonly<Record<string, string>> = {
  batesPrefix: '--bates-prefix',
  batesStart: '--bates-start',
  language: '--lang',
  out: '--out',
  filter: '--filter',
  cases: '--cases',
  includeConfidential: '--include-confidential',
  case: '--case',
  senderKey: '--key',
  recipient: '--to',
};

export function fail(error: unknown): void {
  // --help was asked for and printed: a normal end.
  if (error instanceof CommanderError && error.exitCode === 0) return;
  const message = isArchiveError(error) ? error.message : error instanceof Error ? error.message : String(error);
  const flag = isArchiveError(error) && error.option ? FLAG_OF_OPTION[error.option] : undefined;
  printNote(flag ? `${message} (${flag})` : message);
  process.exit(exitCodeOf(error));
}

/**
 * commander's own errors (an unknown option or command, a flag without its value) become usage errors:
 * exit 3 and our one line, not commander's exit 1. Set on every command so the message can name it.
 */
export function failAsUsage(command: Command): void {
  command.exitOverride((error) => {
    if (error.exitCode === 0) throw error;
    throw new ArchiveError('validation', usageMessage(command, error));
  });
  for (const sub of command.commands) failAsUsage(sub);
}

/** "error: unknown option '--x'\n(Did you mean --y?)" → "Unknown option '--x' for "case add"; did you mean --y? (see …)". */
function usageMessage(command: Command, error: CommanderError): string {
  const [text = '', hint] = error.message.replace(/^error: /, '').split('\n');
  const where = commandPath(command);
  const suggestion = hint ? `; ${hint.replace(/^\(Did (.*)\)$/, 'did $1')}` : '';
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}${where ? ` for "${where}"` : ''}${suggestion} (see custodia ${where ? `${where} ` : ''}--help)`;
}
