/** Flags that set a record's confidentiality and a case's narrative (`case add`, `person add`, `item import`), and the values enumerated flags take. */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { CASE_STATUSES, CONFIDENTIALITY, ITEM_TYPES, PERSON_ROLES, POA_SCOPES, TIMELINE_KINDS } from '../../shared/schemas.ts';
import { ArchiveError } from '../archive/index.ts';

/** The choices of an enumerated flag, for its --help (the engine's schemas check the value and name them too). */
export const choices = (values: readonly string[]): string => `one of: ${list(values)}`;

/** `--confidentiality LEVEL` on case add, person add and item import. */
export function confidentialityOption(command: Command, effect: string): Command {
  return command.option('--confidentiality <level>', `${choices(CONFIDENTIALITY)}; ${effect}`);
}

/** The values each enumerated option takes, at the end of the overview (custodia --help). */
export const VALUES_USAGE = `Values: --status ${list(CASE_STATUSES)}
        --role ${list(PERSON_ROLES)}
        --type ${list(ITEM_TYPES)}
        --kind (event add) ${list(TIMELINE_KINDS)}
        --scope (poa add) ${list(POA_SCOPES)}
        --confidentiality ${list(CONFIDENTIALITY)}`;

function list(values: readonly string[]): string {
  return values.join(', ');
}

export interface RecordFlags {
  confidentiality?: string;
  narrative?: string;
  narrativeFile?: string;
}

/** `{ confidentiality }` when the flag is given (the schema checks the value and names the choices). */
export function confidentialityField(flags: RecordFlags): { confidentiality?: string } {
  return flags.confidentiality === undefined ? {} : { confidentiality: flags.confidentiality };
}

/** `{ narrative }` from --narrative or --narrative-file (not both). */
export function narrativeField(flags: RecordFlags): { narrative?: string } {
  if (flags.narrative !== undefined && flags.narrativeFile !== undefined)
    throw new ArchiveError('validation', 'give either --narrative or --narrative-file, not both');
  if (flags.narrativeFile !== undefined) {
    try {
      return { narrative: readFileSync(flags.narrativeFile, 'utf8') };
    } catch (error) {
      throw new ArchiveError('not-found', `cannot read --narrative-file ${flags.narrativeFile}: ${(error as NodeJS.ErrnoException).code}`);
    }
  }
  return flags.narrative === undefined ? {} : { narrative: flags.narrative };
}

/** The object without its undefined fields (flags not given), so the engine's schemas see only what was said. */
export function dropUndefined<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
