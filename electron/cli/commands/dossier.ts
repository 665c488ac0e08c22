/** `custodia export-dossier`, `export-submission` and `verify-dossier`: PDF exports for recipients, and their check. */
import path from 'node:path';
import type { Command } from 'commander';
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
} from '../../archive/index.ts';
import { collect, optionsOf, type CliContext } from '../command-context.ts';
import { EXIT } from '../exit-codes.ts';

interface DossierOptions {
  json?: boolean;
  case?: string;
  cases?: string;
  filter?: string;
  intro?: string;
  title?: string;
  out?: string;
  batesPrefix?: string;
  batesStart?: string;
  lang?: string;
  includeConfidential?: boolean;
  attachMedia?: boolean;
  attachOriginals?: boolean;
  preparedBy?: string;
  includeExhibit?: string[];
}

/** The options both PDF exports take. */
function commonOptions(command: Command): Command {
  return command
    .option('--out <file.pdf>', 'the PDF to write (required)')
    .option('--bates-prefix <prefix>', 'the Bates number prefix')
    .option('--bates-start <n>', 'the first Bates number')
    .option('--lang <lang>', `the language of the pages (${DOSSIER_LANGUAGES.join(', ')})`)
    .option('--include-confidential', 'include confidential cases and items, and persons unpseudonymised')
    .option('--prepared-by <name>', "who prepared it (default: the vault's named user)")
    .option(
      '--include-exhibit <item-id>',
      'include an exhibit whose text names a confidential person; it is marked "not redacted" (repeatable)',
      collect,
    );
}

export function registerDossierCommands(program: Command, context: CliContext): void {
  const { withArchive, print, printJson, requireArg } = context;

  const language = (options: DossierOptions): DossierLanguage | undefined => {
    if (options.lang === undefined) return undefined;
    if (!(DOSSIER_LANGUAGES as readonly string[]).includes(options.lang))
      throw new ArchiveError('validation', `--lang must be one of ${DOSSIER_LANGUAGES.join(', ')}`);
    return options.lang as DossierLanguage;
  };
  const common = (archive: Archive, options: DossierOptions) => ({
    out: requireArg(options.out, '--out FILE.pdf'),
    batesPrefix: options.batesPrefix,
    batesStart: options.batesStart === undefined ? undefined : Number(options.batesStart),
    language: language(options),
    includeConfidential: options.includeConfidential ?? false,
    // The vault's named user (Settings) unless the command names someone else.
    preparedBy: options.preparedBy ?? archive.users.preparedBy(),
    includeItems: options.includeExhibit,
    onProgress: options.json ? undefined : progressReporter(),
  });
  const report = (options: DossierOptions, result: DossierResult) => {
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

  commonOptions(
    program
      .command('export-dossier')
      .description('a case dossier: summary, exhibit index, exhibits, chain of custody, signed manifest')
      .option('--case <id>', 'the case (required)'),
  )
    .option('--attach-media', 'attach audio and video exhibits to the PDF')
    .option('--attach-originals', "attach every exhibit's original file to the PDF")
    .action(async (_: unknown, command: Command) => {
      const options = optionsOf<DossierOptions>(command);
      const caseId = requireArg(options.case, '--case ID');
      const result = await withArchive((archive) =>
        exportCaseDossier(archive, {
          ...common(archive, options),
          caseId,
          attachMedia: options.attachMedia ?? false,
          attachOriginals: options.attachOriginals ?? false,
        }),
      );
      report(options, result);
    });

  commonOptions(
    program
      .command('export-submission')
      .description('several cases: statistics, list of persons (also as CSV), a page per case')
      .option('--cases <id,id,...>', 'the cases (or --filter)')
      .option('--filter <filter>', 'the cases matching "status=pre-trial detention[; article=N][; region=R]"')
      .option('--title <text>', 'the title')
      .option('--intro <text>', 'an introduction'),
  ).action(async (_: unknown, command: Command) => {
    const options = optionsOf<DossierOptions>(command);
    if (options.cases && options.filter) throw new ArchiveError('validation', 'give either --cases or --filter, not both');
    const caseIds = options.cases
      ?.split(',')
      .map((id) => id.trim())
      .filter(Boolean);
    const result = await withArchive((archive) =>
      exportSubmission(archive, {
        ...common(archive, options),
        caseIds,
        filter: options.filter,
        intro: options.intro,
        title: options.title,
      }),
    );
    report(options, result);
  });

  program
    .command('verify-dossier')
    .description("check a received dossier's signature, attachments and Bates numbers (no vault needed; exit 0 intact, 1 not)")
    .argument('[file]', 'the dossier PDF')
    .option('--public-key <hex>', "the sender's signing key to insist on")
    .action(async (file: string | undefined, _: unknown, command: Command) => {
      const options = optionsOf<{ publicKey?: string }>(command);
      const target = path.resolve(requireArg(file, 'FILE.pdf'));
      const result = await verifyDossier(target, { expectedPublicKey: options.publicKey });
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
    });
}

function progressReporter(): ((progress: DossierProgress) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  return (p) => {
    process.stderr.write(`\r\x1b[2K${p.phase} ${p.done}/${p.total}`);
    if (p.phase === 'writing' && p.done === p.total) process.stderr.write('\n');
  };
}
