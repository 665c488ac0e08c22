/** Flags that set a record's confidentiality and a case's narrative, for `case add`, `person add` and `item import`. */
import { readFileSync } from 'node:fs';
import { CASE_STATUSES, CONFIDENTIALITY, ITEM_TYPES, PERSON_ROLES, POA_SCOPES, TIMELINE_KINDS } from '../../shared/schemas.ts';
import { ArchiveError } from '../archive/index.ts';

export const RECORD_PARSE_OPTIONS = {
  confidentiality: { type: 'string' },
  narrative: { type: 'string' },
  'narrative-file': { type: 'string' },
} as const;

const list = (values: readonly string[]) => values.join(', ');

/** The values each enumerated option takes, so --help names them all. */
export const CONFIDENTIALITY_USAGE = `  --confidentiality public|restricted|confidential   on case add, person add and item import: confidential
                                         cases and items stay out of dossiers, confidential persons are pseudonymised
  --narrative TEXT | --narrative-file FILE   on case add: the narrative of facts (UTF-8 text file)

Values: --status ${list(CASE_STATUSES)}
        --role ${list(PERSON_ROLES)}
        --type ${list(ITEM_TYPES)}
        --kind (event add) ${list(TIMELINE_KINDS)}
        --scope (poa add) ${list(POA_SCOPES)}
        --confidentiality ${list(CONFIDENTIALITY)}`;

export interface RecordFlags {
  confidentiality?: string;
  narrative?: string;
  'narrative-file'?: string;
}

/** `{ confidentiality }` when the flag is given (the schema checks the value and names the choices). */
export function confidentialityField(flags: RecordFlags): { confidentiality?: string } {
  return flags.confidentiality === undefined ? {} : { confidentiality: flags.confidentiality };
}

/** `{ narrative }` from --narrative or --narrative-file (not both). */
export function narrativeField(flags: RecordFlags): { narrative?: string } {
  if (flags.narrative !== undefined && flags['narrative-file'] !== undefined)
    throw new ArchiveError('validation', 'give either --narrative or --narrative-file, not both');
  if (flags['narrative-file'] !== undefined) {
    try {
      return { narrative: readFileSync(flags['narrative-file'], 'utf8') };
    } catch (error) {
      throw new ArchiveError(
        'not-found',
        `cannot read --narrative-file ${flags['narrative-file']}: ${(error as NodeJS.ErrnoException).code}`,
      );
    }
  }
  return flags.narrative === undefined ? {} : { narrative: flags.narrative };
}

/** The object without its undefined fields (flags not given), so the engine's schemas see only what was said. */
export function dropUndefined<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
