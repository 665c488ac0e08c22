import type { Command } from 'commander';
import { Archive, ArchiveError, inspectFolder, type Unlocker } from '../archive/index.ts';
import { promptSecret } from './prompt.ts';
import { printLine, printNote } from './terminal-safe.ts';

/** The program's own options, accepted before or after a command's name. */
export interface GlobalOptions {
  vault?: string;
  json?: boolean;
}

/** What each command group gets from main.ts: the shared helpers (each command reads its own flags). */
export interface CliContext {
  /** The vault folder: --vault DIR, else CUSTODIA_VAULT, else the user-data folder. */
  vaultDir(): string;
  /** Unlocks the vault, runs `work`, and always locks it again (wiping the keys). */
  withArchive<T>(work: (archive: Archive) => Promise<T> | T): Promise<T>;
  print(line: string, options?: { emphasis?: boolean }): void;
  printJson(value: unknown): void;
  /** The value, or a usage error naming what is missing. */
  requireArg(value: string | undefined, what: string): string;
}

export function createContext(vaultDir: () => string): CliContext {
  async function unlockVault(): Promise<Archive> {
    const dir = vaultDir();
    const state = await inspectFolder(dir);
    if (state !== 'vault') {
      throw new ArchiveError(
        state === 'foreign' ? 'foreign-folder' : 'no-vault',
        state === 'foreign' ? `${dir} is not a Custodia vault` : `no vault in ${dir}: create one with "custodia init ${dir}"`,
      );
    }
    const recoveryKey = process.env.CUSTODIA_RECOVERY_KEY;
    const unlocker: Unlocker =
      recoveryKey && !process.env.CUSTODIA_PASSPHRASE
        ? { recoveryKey }
        : { passphrase: await promptSecret('Passphrase: ', 'CUSTODIA_PASSPHRASE') };
    const archive = await Archive.unlock(dir, unlocker);
    for (const warning of archive.warnings) printNote(`warning: ${warning.message}; run "custodia verify"`);
    for (const entry of archive.strayEntries) printNote(`note: ${entry} in the vault folder is not Custodia's; it was left alone`);
    return archive;
  }

  return {
    vaultDir,
    async withArchive(work) {
      const archive = await unlockVault();
      try {
        return await work(archive);
      } finally {
        archive.lock();
      }
    },
    print: (line, options = {}) => printLine(line, options),
    /** JSON is exact: escapes inside JSON strings already keep control characters off the terminal. */
    printJson: (value) => void process.stdout.write(`${JSON.stringify(value, null, 2)}\n`),
    requireArg(value, what) {
      if (!value) throw new ArchiveError('validation', `missing ${what} (see custodia --help)`);
      return value;
    },
  };
}

/** A command's own flags together with the program's (commander keeps them apart). */
export function optionsOf<Options>(command: Command): Options & GlobalOptions {
  return command.optsWithGlobals<Options & GlobalOptions>();
}

/** A repeatable flag (`--tag a --tag b`): one value per flag, collected in order, as parseArgs's `multiple` did. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** The commands made by commandGroup: the overview lists their subcommands instead. */
export const GROUPS = new WeakSet<Command>();

/**
 * A command that only groups others (`case`, `item`, …). Without a known subcommand it fails with the
 * one-line usage error every other mistake gets, instead of commander's help on stderr.
 */
export function commandGroup(parent: Command, name: string, description: string): Command {
  const group = parent
    .command(name)
    .description(description)
    .usage('COMMAND [options]')
    .argument('[command]')
    .action((sub: string | undefined) => {
      throw new ArchiveError(
        'validation',
        sub === undefined
          ? `missing a command after "${name}" (see custodia ${name} --help)`
          : `unknown command "${name} ${sub}" (see custodia ${name} --help)`,
      );
    });
  GROUPS.add(group);
  return group;
}
