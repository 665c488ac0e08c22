/** `custodia event add`, `poa …` and `source add`: the rest of a case's record. */
import type { Command } from 'commander';
import { MAX_DAYS_SETTING } from '../../../shared/limits.ts';
import { POA_SCOPES, TIMELINE_KINDS } from '../../../shared/schemas.ts';
import { ArchiveError } from '../../archive/index.ts';
import { collect, commandGroup, optionsOf, type CliContext } from '../command-context.ts';
import { choices, dropUndefined } from '../record-flags.ts';

export function registerRecordCommands(program: Command, context: CliContext): void {
  const { withArchive, print, printJson, requireArg } = context;

  commandGroup(program, 'event', "a case's timeline: add")
    .command('add')
    .description("add an event to a case's timeline; prints its id")
    .option('--case <id>', 'the case (required)')
    .option('--date <date>', 'when (required)')
    .option('--approximate', 'the date is approximate')
    .option('--kind <kind>', `required; ${choices(TIMELINE_KINDS)}`, collect)
    .option('--description <text>', 'what happened (required)')
    .option('--item <id>', 'an item that shows it (repeatable)', collect)
    .option('--person <id>', 'a person involved (repeatable)', collect)
    .action(async (_: unknown, command: Command) => {
      const options = optionsOf<{
        case?: string;
        date?: string;
        approximate?: boolean;
        kind?: string[];
        description?: string;
        item?: string[];
        person?: string[];
      }>(command);
      const input = {
        caseId: requireArg(options.case, '--case ID'),
        date: requireArg(options.date, '--date DATE'),
        approximate: options.approximate ?? false,
        kind: requireArg(options.kind?.[0], '--kind KIND'),
        description: requireArg(options.description, '--description TEXT'),
        itemIds: options.item ?? [],
        personIds: options.person ?? [],
      };
      const id = await withArchive((archive) => archive.addTimelineEvent(input));
      return options.json ? printJson({ id }) : print(id);
    });

  const poa = commandGroup(program, 'poa', 'powers of attorney: add, list, revoke');
  poa
    .command('add')
    .description('record a power of attorney; prints its id')
    .option('--case <id>', 'the case (required)')
    .option('--grantor <person-id>', 'the person who granted it (required)')
    .option('--representative <name>', 'who represents them (required)')
    .option('--scope <scope>', `repeatable; ${choices(POA_SCOPES)}`, collect)
    .option('--issued <date>', 'when it was issued (required)')
    .option('--valid-until <date>', 'when it ends')
    .option('--item <id>', 'the item holding the document', collect)
    .action(async (_: unknown, command: Command) => {
      const options = optionsOf<{
        case?: string;
        grantor?: string;
        representative?: string;
        scope?: string[];
        issued?: string;
        validUntil?: string;
        item?: string[];
      }>(command);
      const input = dropUndefined({
        caseId: requireArg(options.case, '--case ID'),
        grantorPersonId: requireArg(options.grantor, '--grantor PERSON_ID'),
        representative: requireArg(options.representative, '--representative NAME'),
        scope: options.scope ?? [],
        issued: requireArg(options.issued, '--issued DATE'),
        validUntil: options.validUntil,
        itemId: options.item?.[0],
      });
      const id = await withArchive((archive) => archive.addPowerOfAttorney(input));
      return options.json ? printJson({ id }) : print(id);
    });

  poa
    .command('revoke')
    .description('revoke a power of attorney')
    .argument('[id]', 'the power of attorney')
    .option('--date <date>', 'when it was revoked (default: today)')
    .action(async (poaId: string | undefined, _: unknown, command: Command) => {
      const options = optionsOf<{ date?: string }>(command);
      const id = requireArg(poaId, 'power of attorney ID');
      await withArchive((archive) => archive.revokePowerOfAttorney(id, options.date));
      return options.json ? printJson({ ok: true }) : print('Revoked.');
    });

  poa
    .command('list')
    .description('the powers of attorney, with their end dates')
    .option('--expiring <days>', `only those that end within DAYS (0–${MAX_DAYS_SETTING})`)
    .action(async (_: unknown, command: Command) => {
      const options = optionsOf<{ expiring?: string }>(command);
      const days = options.expiring === undefined ? undefined : Number(options.expiring);
      if (days !== undefined && (!Number.isInteger(days) || days < 0 || days > MAX_DAYS_SETTING))
        throw new ArchiveError('validation', `--expiring takes a number of days (0–${MAX_DAYS_SETTING})`);
      const list = await withArchive((archive) => archive.powersOfAttorney({ expiringWithinDays: days }));
      if (options.json) return printJson(list);
      if (list.length === 0) return print(days === undefined ? 'No powers of attorney.' : `No power of attorney ends within ${days} days.`);
      for (const entry of list) {
        const state = entry.state === 'valid' ? '' : `  ${entry.state.toUpperCase()}`;
        print(
          `${entry.validUntil ?? 'no end date'}  ${entry.grantorName} → ${entry.representative}  (${entry.scope.join(', ')})  ${entry.caseTitle}${state}  [${entry.id}]`,
        );
      }
    });

  commandGroup(program, 'source', "a case's published sources: add")
    .command('add')
    .description('record a published source; prints its id')
    .option('--case <id>', 'the case (required)')
    .option('--url <url>', 'where it is published (required)')
    .option('--title <text>', 'its title (required)')
    .option('--publisher <name>', 'who published it')
    .option('--accessed <date>', 'when it was read (required)')
    .option('--item <id>', 'the item holding an archived copy', collect)
    .action(async (_: unknown, command: Command) => {
      const options = optionsOf<{ case?: string; url?: string; title?: string; publisher?: string; accessed?: string; item?: string[] }>(
        command,
      );
      const input = dropUndefined({
        caseId: requireArg(options.case, '--case ID'),
        url: requireArg(options.url, '--url URL'),
        title: requireArg(options.title, '--title TEXT'),
        publisher: options.publisher,
        accessedAt: requireArg(options.accessed, '--accessed DATE'),
        archivedItemId: options.item?.[0],
      });
      const id = await withArchive((archive) => archive.addSource(input));
      return options.json ? printJson({ id }) : print(id);
    });
}
