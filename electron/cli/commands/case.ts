/** `custodia case …`: a case's record from the command line. */
import type { Command } from 'commander';
import { CASE_STATUSES } from '../../../shared/schemas.ts';
import { collect, commandGroup, optionsOf, type CliContext } from '../command-context.ts';
import { choices, confidentialityField, confidentialityOption, dropUndefined, narrativeField, type RecordFlags } from '../record-flags.ts';

interface CaseAddOptions extends RecordFlags {
  title?: string;
  reference?: string;
  status?: string;
  since?: string;
  region?: string;
  city?: string;
  tag?: string[];
  charge?: string[];
}

export function registerCaseCommands(program: Command, context: CliContext): void {
  const { withArchive, print, printJson, requireArg } = context;
  const group = commandGroup(program, 'case', 'cases: add, status, list, show');

  confidentialityOption(
    group
      .command('add')
      .description('add a case; prints its id')
      .option('--title <text>', 'the case title (required)')
      .option('--reference <text>', "the case's own reference (a court or file number)")
      .option('--status <status>', choices(CASE_STATUSES))
      .option('--since <date>', 'since when the status holds')
      .option('--region <region>', 'the region')
      .option('--city <city>', 'the city')
      .option('--charge <article[:part[:title]]>', 'a charge (repeatable), e.g. 272:2', collect)
      .option('--tag <tag>', 'a tag (repeatable)', collect)
      .option('--narrative <text>', 'the narrative of facts')
      .option('--narrative-file <file>', 'the narrative of facts from a UTF-8 text file'),
    'confidential cases stay out of dossiers',
  ).action(async (_: unknown, command: Command) => {
    const options = optionsOf<CaseAddOptions>(command);
    const input = {
      title: requireArg(options.title, '--title'),
      reference: options.reference,
      status: options.status,
      statusSince: options.since,
      region: options.region,
      city: options.city,
      tags: options.tag,
      charges: options.charge?.map(parseCharge),
      ...confidentialityField(options),
      ...narrativeField(options),
    };
    const id = await withArchive((archive) => archive.addCase(dropUndefined(input)));
    return options.json ? printJson({ id }) : print(id);
  });

  group
    .command('status')
    .description("record a case's new status")
    .argument('[id]', 'the case')
    .option('--status <status>', `required; ${choices(CASE_STATUSES)}`)
    .option('--since <date>', 'since when it holds')
    .option('--other <text>', 'what the status is, for "other"')
    .action(async (caseId: string | undefined, _: unknown, command: Command) => {
      const options = optionsOf<{ status?: string; since?: string; other?: string }>(command);
      const id = requireArg(caseId, 'case ID');
      await withArchive((archive) =>
        archive.setCaseStatus(
          id,
          dropUndefined({ status: requireArg(options.status, '--status'), statusSince: options.since, statusOther: options.other }),
        ),
      );
      return options.json ? printJson({ ok: true }) : print('Status recorded.');
    });

  group
    .command('list')
    .description('the cases, with their item counts')
    .action(async (_: unknown, command: Command) => {
      const options = optionsOf(command);
      const cases = await withArchive((archive) => archive.listCases());
      if (options.json) return printJson(cases);
      if (cases.length === 0) return print('No cases yet. Add one with: custodia case add --title TEXT');
      for (const c of cases) print(`${c.id}  ${c.itemCount} items  ${c.title}${c.reference ? `  [${c.reference}]` : ''}`);
    });

  group
    .command('show')
    .description('a case and its items')
    .argument('[id]', 'the case')
    .action(async (caseId: string | undefined, _: unknown, command: Command) => {
      const options = optionsOf(command);
      const id = requireArg(caseId, 'case ID');
      const detail = await withArchive((archive) => archive.getCase(id));
      if (options.json) return printJson(detail);
      print(`${detail.title}${detail.reference ? `  [${detail.reference}]` : ''}`);
      print(`id ${detail.id}, created ${detail.createdAt}, ${detail.items.length} items`);
      for (const item of detail.items)
        print(`  ${item.id}  ${item.sha256.slice(0, 12)}  ${item.size} B  ${item.mimeType}  ${item.originalName}`);
    });
}

/** `--charge 272` or `--charge 272:2` (article, part) or `--charge "272:2:participation in mass disorder"`. */
function parseCharge(text: string): { article: string; part?: string; title?: string } {
  const [article = '', part, ...title] = text.split(':');
  return dropUndefined({ article, part: part || undefined, title: title.length ? title.join(':') : undefined });
}
