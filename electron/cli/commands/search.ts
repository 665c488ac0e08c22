/** `custodia search`: cases, persons and items by text and filters. */
import type { Command } from 'commander';
import { CASE_STATUSES, ITEM_TYPES, PERSON_ROLES } from '../../../shared/schemas.ts';
import { collect, optionsOf, type CliContext } from '../command-context.ts';
import { choices, dropUndefined } from '../record-flags.ts';

interface SearchOptions {
  kind?: string[];
  status?: string;
  article?: string;
  region?: string;
  role?: string;
  type?: string;
  from?: string;
  to?: string;
}

export function registerSearchCommand(program: Command, context: CliContext): void {
  const { withArchive, print, printJson, requireArg } = context;
  program
    .command('search')
    .description('search cases, persons and items (matches shown in bold)')
    .argument('[query]', 'the words to find')
    .option('--kind <kind>', 'case, person or item (repeatable; default: all)', collect)
    .option('--status <status>', `cases in this status, ${choices(CASE_STATUSES)}`)
    .option('--article <n>', 'cases charged under this article')
    .option('--region <region>', 'cases in this region')
    .option('--role <role>', `persons in this role, ${choices(PERSON_ROLES)}`)
    .option('--type <type>', `items of this type, ${choices(ITEM_TYPES)}`)
    .option('--from <date>', 'from this date')
    .option('--to <date>', 'to this date')
    .action(async (query: string | undefined, _: unknown, command: Command) => {
      const options = optionsOf<SearchOptions>(command);
      const text = requireArg(query, 'QUERY');
      const filters = dropUndefined({
        status: options.status,
        article: options.article,
        region: options.region,
        role: options.role,
        itemType: options.type,
        dateFrom: options.from,
        dateTo: options.to,
      });
      const request = dropUndefined({ query: text, kinds: options.kind, filters: Object.keys(filters).length ? filters : undefined });
      const hits = await withArchive((archive) => archive.searchAll(request));
      if (options.json) return printJson(hits);
      if (hits.length === 0) return print(`Nothing found for "${text}".`);
      for (const hit of hits) {
        print(`${hit.kind.padEnd(6)} ${hit.id}  ${hit.title}`);
        print(`         ${hit.snippet}`, { emphasis: true });
      }
    });
}
