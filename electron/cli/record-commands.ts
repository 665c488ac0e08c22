/** `custodia case …`, `person …`, `event add`, `poa …` and `source add`: the case record from the command line. */
import type { CommandContext } from './command-context.ts';
import { MAX_DAYS_SETTING } from '../../shared/limits.ts';
import { ArchiveError } from '../archive/index.ts';
import { confidentialityField, dropUndefined, narrativeField, type RecordFlags } from './record-flags.ts';

export type RecordCliContext = CommandContext<
  RecordFlags & {
    json: boolean;
    title?: string;
    reference?: string;
    status?: string;
    since?: string;
    other?: string;
    region?: string;
    city?: string;
    tag?: string[];
    charge?: string[];
    name?: string;
    alias?: string[];
    'birth-date'?: string;
    role?: string;
    person?: string[];
    case?: string;
    date?: string;
    approximate: boolean;
    kind?: string[];
    description?: string;
    item?: string[];
    grantor?: string;
    representative?: string;
    scope?: string[];
    issued?: string;
    'valid-until'?: string;
    expiring?: string;
    url?: string;
    publisher?: string;
    accessed?: string;
  }
>;

export function recordCommands(context: RecordCliContext): Record<string, (args: string[]) => Promise<void>> {
  const { options, withArchive, print, printJson, requireArg } = context;
  return {
    async case([sub, ...rest]) {
      if (sub === 'add') {
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
      }
      if (sub === 'status') {
        const id = requireArg(rest[0], 'case ID');
        await withArchive((archive) =>
          archive.setCaseStatus(
            id,
            dropUndefined({ status: requireArg(options.status, '--status'), statusSince: options.since, statusOther: options.other }),
          ),
        );
        return options.json ? printJson({ ok: true }) : print('Status recorded.');
      }
      if (sub === 'list') {
        const cases = await withArchive((archive) => archive.listCases());
        if (options.json) return printJson(cases);
        if (cases.length === 0) return print('No cases yet. Add one with: custodia case add --title TEXT');
        for (const c of cases) print(`${c.id}  ${c.itemCount} items  ${c.title}${c.reference ? `  [${c.reference}]` : ''}`);
        return;
      }
      if (sub === 'show') {
        const id = requireArg(rest[0], 'case ID');
        const detail = await withArchive((archive) => archive.getCase(id));
        if (options.json) return printJson(detail);
        print(`${detail.title}${detail.reference ? `  [${detail.reference}]` : ''}`);
        print(`id ${detail.id}, created ${detail.createdAt}, ${detail.items.length} items`);
        for (const item of detail.items)
          print(`  ${item.id}  ${item.sha256.slice(0, 12)}  ${item.size} B  ${item.mimeType}  ${item.originalName}`);
        return;
      }
      throw new ArchiveError('validation', `unknown command "case ${sub ?? ''}" (see custodia --help)`);
    },

    async person([sub, ...rest]) {
      if (sub === 'add') {
        const input = dropUndefined({
          name: requireArg(options.name, '--name'),
          aliases: options.alias,
          birthDate: options['birth-date'],
          ...confidentialityField(options),
        });
        const link = options.case ? { caseId: options.case, role: requireArg(options.role, '--role (with --case)') } : undefined;
        const id = await withArchive((archive) => archive.addPerson(input, link));
        return options.json ? printJson({ id }) : print(id);
      }
      if (sub === 'link') {
        const input = {
          caseId: requireArg(options.case, '--case ID'),
          personId: requireArg(options.person?.[0], '--person ID'),
          role: requireArg(options.role, '--role ROLE'),
        };
        await withArchive((archive) => archive.linkPerson(input));
        return options.json ? printJson({ ok: true }) : print('Linked.');
      }
      if (sub === 'show') {
        const id = requireArg(rest[0], 'person ID');
        const person = await withArchive((archive) => archive.getPerson(id));
        if (options.json) return printJson(person);
        print(`${person.name}${person.aliases.length ? `  (also ${person.aliases.join(', ')})` : ''}`);
        for (const c of person.cases) print(`  ${c.role} in ${c.title}  [${c.caseId}]`);
        return;
      }
      throw new ArchiveError('validation', `unknown command "person ${sub ?? ''}" (see custodia --help)`);
    },

    async event([sub]) {
      if (sub !== 'add') throw new ArchiveError('validation', `unknown command "event ${sub ?? ''}" (see custodia --help)`);
      const input = {
        caseId: requireArg(options.case, '--case ID'),
        date: requireArg(options.date, '--date DATE'),
        approximate: options.approximate,
        kind: requireArg(options.kind?.[0], '--kind KIND'),
        description: requireArg(options.description, '--description TEXT'),
        itemIds: options.item ?? [],
        personIds: options.person ?? [],
      };
      const id = await withArchive((archive) => archive.addTimelineEvent(input));
      return options.json ? printJson({ id }) : print(id);
    },

    async poa([sub, ...rest]) {
      if (sub === 'add') {
        const input = dropUndefined({
          caseId: requireArg(options.case, '--case ID'),
          grantorPersonId: requireArg(options.grantor, '--grantor PERSON_ID'),
          representative: requireArg(options.representative, '--representative NAME'),
          scope: options.scope ?? [],
          issued: requireArg(options.issued, '--issued DATE'),
          validUntil: options['valid-until'],
          itemId: options.item?.[0],
        });
        const id = await withArchive((archive) => archive.addPowerOfAttorney(input));
        return options.json ? printJson({ id }) : print(id);
      }
      if (sub === 'revoke') {
        const id = requireArg(rest[0], 'power of attorney ID');
        await withArchive((archive) => archive.revokePowerOfAttorney(id, options.date));
        return options.json ? printJson({ ok: true }) : print('Revoked.');
      }
      if (sub === 'list') {
        const days = options.expiring === undefined ? undefined : Number(options.expiring);
        if (days !== undefined && (!Number.isInteger(days) || days < 0 || days > MAX_DAYS_SETTING))
          throw new ArchiveError('validation', `--expiring takes a number of days (0–${MAX_DAYS_SETTING})`);
        const list = await withArchive((archive) => archive.powersOfAttorney({ expiringWithinDays: days }));
        if (options.json) return printJson(list);
        if (list.length === 0)
          return print(days === undefined ? 'No powers of attorney.' : `No power of attorney ends within ${days} days.`);
        for (const poa of list) {
          const state = poa.state === 'valid' ? '' : `  ${poa.state.toUpperCase()}`;
          print(
            `${poa.validUntil ?? 'no end date'}  ${poa.grantorName} → ${poa.representative}  (${poa.scope.join(', ')})  ${poa.caseTitle}${state}  [${poa.id}]`,
          );
        }
        return;
      }
      throw new ArchiveError('validation', `unknown command "poa ${sub ?? ''}" (see custodia --help)`);
    },

    async source([sub]) {
      if (sub !== 'add') throw new ArchiveError('validation', `unknown command "source ${sub ?? ''}" (see custodia --help)`);
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
    },
  };
}

/** `--charge 272` or `--charge 272:2` (article, part) or `--charge "272:2:participation in mass disorder"`. */
function parseCharge(text: string): { article: string; part?: string; title?: string } {
  const [article = '', part, ...title] = text.split(':');
  return dropUndefined({ article, part: part || undefined, title: title.length ? title.join(':') : undefined });
}
