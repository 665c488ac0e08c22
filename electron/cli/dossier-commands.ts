/** `custodia export-dossier`, `export-submission` and `verify-dossier`: PDF exports for recipients, and their check. */
import type { CommandContext } from './command-context.ts';
import { EXIT } from './exit-codes.ts';
import path from 'node:path';
import {
  ArchiveError,
  DOSSIER_LANGUAGES,
  exportCaseDossier,
  exportSubmission,
  verifyDossier,
  type Archive,
  type DossierLanguage,
  type DossierProgress,
  type DossierResult,
} from '../archive/index.ts';

export interface DossierCliOptions {
  json: boolean;
  case?: string;
  cases?: string;
  filter?: string;
  intro?: string;
  title?: string;
  out?: string;
  'bates-prefix'?: string;
  'bates-start'?: string;
  lang?: string;
  'include-confidential': boolean;
  'attach-media': boolean;
  'attach-originals': boolean;
  'prepared-by'?: string;
  'include-exhibit'?: string[];
  'public-key'?: string;
}

export type DossierCliContext = CommandContext<DossierCliOptions>;

/** The options parseArgs needs for these commands (merged into the CLI's own). */
export const DOSSIER_PARSE_OPTIONS = {
  cases: { type: 'string' },
  filter: { type: 'string' },
  intro: { type: 'string' },
  'bates-prefix': { type: 'string' },
  'bates-start': { type: 'string' },
  lang: { type: 'string' },
  'include-confidential': { type: 'boolean', default: false },
  'attach-media': { type: 'boolean', default: false },
  'attach-originals': { type: 'boolean', default: false },
  'prepared-by': { type: 'string' },
  'include-exhibit': { type: 'string', multiple: true },
  'public-key': { type: 'string' },
} as const;

export const DOSSIER_USAGE = `  export-dossier --case ID --out FILE.pdf [--bates-prefix PREFIX] [--bates-start N] [--lang en|ru|kk] [--include-confidential]
                 [--attach-media] [--attach-originals] [--prepared-by NAME] [--include-exhibit ITEM_ID]...
                                         a case dossier: summary, exhibit index, exhibits, chain of custody, signed manifest
  export-submission --cases ID,ID,… | --filter "status=pre-trial detention[; article=N][; region=R]" --out FILE.pdf
                 [--title TEXT] [--intro TEXT] [--bates-prefix PREFIX] [--bates-start N] [--lang en|ru|kk] [--include-confidential]
                                         several cases: statistics, list of persons (also as CSV), a page per case
                 An exhibit whose text names a confidential person is withheld unless given with --include-exhibit
                 (it is then marked "not redacted").
  verify-dossier FILE.pdf [--public-key HEX]   check a received dossier's signature, attachments and Bates numbers
                                         (no vault needed; exit 0 intact, 1 not)`;

export function dossierCommands(context: DossierCliContext): Record<string, (args: string[]) => Promise<void>> {
  const { options, print, printJson } = context;

  const language = (): DossierLanguage | undefined => {
    if (options.lang === undefined) return undefined;
    if (!(DOSSIER_LANGUAGES as readonly string[]).includes(options.lang))
      throw new ArchiveError('validation', `--lang must be one of ${DOSSIER_LANGUAGES.join(', ')}`);
    return options.lang as DossierLanguage;
  };
  const common = (archive: Archive) => ({
    out: required(options.out, '--out FILE.pdf'),
    batesPrefix: options['bates-prefix'],
    batesStart: options['bates-start'] === undefined ? undefined : Number(options['bates-start']),
    language: language(),
    includeConfidential: options['include-confidential'],
    // The vault's named user (Settings) unless the command names someone else.
    preparedBy: options['prepared-by'] ?? archive.users.preparedBy(),
    includeItems: options['include-exhibit'],
    onProgress: options.json ? undefined : progressReporter(),
  });
  const report = (result: DossierResult) => {
    if (options.json)
      return printJson({ ...result, manifest: undefined, exhibits: result.manifest.exhibits, withheld: result.manifest.withheld });
    const m = result.manifest;
    print(`Wrote ${result.file}: ${result.pages} pages, ${m.bates.first} – ${m.bates.last}, dossier ${result.dossierId}`);
    const attached = m.exhibits.filter((e) => e.included === 'attached').length;
    const listed = m.exhibits.filter((e) => e.included === 'listed').length;
    print(
      `${m.exhibits.length} exhibit(s): ${m.exhibits.length - attached - listed} on pages, ${attached} attached, ${listed} listed only`,
    );
    for (const exhibit of m.exhibits)
      if (exhibit.note && exhibit.included !== 'pages') print(`  exhibit ${exhibit.number}: ${exhibit.note}`);
    const w = m.withheld;
    if (w.cases || w.exhibits || w.exhibitsNamingProtected || w.pseudonymisedPersons)
      print(
        `Withheld: ${w.cases} case(s) and ${w.exhibits} exhibit(s) as confidential, ${w.exhibitsNamingProtected} exhibit(s) naming a protected person; ${w.pseudonymisedPersons} person(s) pseudonymised`,
      );
    if (w.unredactedExhibits) print(`${w.unredactedExhibits} exhibit(s) naming a protected person included unredacted (--include-exhibit)`);
    print(`SHA-256 of the file: ${result.sha256}`);
  };

  return {
    async 'export-dossier'() {
      const caseId = required(options.case, '--case ID');
      const result = await context.withArchive((archive) =>
        exportCaseDossier(archive, {
          ...common(archive),
          caseId,
          attachMedia: options['attach-media'],
          attachOriginals: options['attach-originals'],
        }),
      );
      report(result);
    },

    async 'export-submission'() {
      if (options.cases && options.filter) throw new ArchiveError('validation', 'give either --cases or --filter, not both');
      const caseIds = options.cases
        ?.split(',')
        .map((id) => id.trim())
        .filter(Boolean);
      const result = await context.withArchive((archive) =>
        exportSubmission(archive, { ...common(archive), caseIds, filter: options.filter, intro: options.intro, title: options.title }),
      );
      report(result);
    },

    async 'verify-dossier'([file]) {
      const target = path.resolve(required(file, 'FILE.pdf'));
      const result = await verifyDossier(target, { expectedPublicKey: options['public-key'] });
      if (options.json) printJson({ file: target, ...result });
      else {
        for (const problem of result.problems) print(`PROBLEM ${problem.kind}: ${problem.message}`);
        if (result.intact) {
          print(
            `INTACT: dossier ${result.dossierId} (${result.kind}), ${result.pages} pages ${result.bates?.first} – ${result.bates?.last}, ` +
              `${result.exhibits} exhibit(s) indexed, ${result.attachmentsChecked} attached file(s) match their SHA-256.`,
          );
          print(`Signed by Ed25519 key ${result.publicKey}`);
          print(
            result.keyStatus === 'pinned'
              ? `Fingerprint ${result.fingerprint} (the key you expected)`
              : `KEY NOT CONFIRMED: fingerprint ${result.fingerprint} matches the one printed on the cover, which proves only that the pages and the signature agree. Compare it with the one the sender gave you, or give --public-key.`,
          );
        } else {
          print(`NOT INTACT: ${result.problems.length} problem(s) in ${target}.`);
          if (result.publicKey) print(`The manifest names key ${result.publicKey} (fingerprint ${result.fingerprint}).`);
        }
      }
      if (!result.intact) process.exitCode = EXIT.checkFailed;
    },
  };
}

function required(value: string | undefined, what: string): string {
  if (!value) throw new ArchiveError('validation', `missing ${what} (see custodia --help)`);
  return value;
}

function progressReporter(): ((progress: DossierProgress) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  return (p) => {
    process.stderr.write(`\r\x1b[2K${p.phase} ${p.done}/${p.total}`);
    if (p.phase === 'writing' && p.done === p.total) process.stderr.write('\n');
  };
}
