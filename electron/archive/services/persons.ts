import type { PersonDetail, SearchHit, SearchPage } from '../../../shared/model.ts';
import { CasePersonLink, SearchPageQuery, SearchQuery } from '../../../shared/schemas.ts';
import { nextBates } from '../dossier/bates-counter.ts';
import * as casework from '../casework/index.ts';
import { parseInput } from '../parse-input.ts';
import type { VaultSession } from '../session/vault-session.ts';
import type { CaseService } from './cases.ts';

/** People: add, link to cases in a role, read; and the search across cases, people and items. */
export class PersonService {
  private readonly session: VaultSession;
  private readonly caseService: CaseService;
  constructor(session: VaultSession, caseService: CaseService) {
    this.session = session;
    this.caseService = caseService;
  }

  add(input: unknown, link?: { caseId: string; role: string }): string {
    this.session.assertUnlocked();
    return casework.addPerson(this.session, { person: input, ...(link ? { link } : {}) });
  }

  link(input: unknown): void {
    this.session.assertUnlocked();
    const { caseId, personId, role } = parseInput(CasePersonLink, input);
    this.session.db.transaction(() => casework.linkPersonToCase(this.session, caseId, personId, role))();
  }

  get(id: string): PersonDetail {
    this.session.assertUnlocked();
    return this.session.persons.get(id);
  }

  searchPage(input: unknown): SearchPage {
    this.session.assertUnlocked();
    return this.session.search.page(parseInput(SearchPageQuery, input));
  }

  search(input: unknown): SearchHit[] {
    this.session.assertUnlocked();
    const { query, kinds, filters, limit } = parseInput(SearchQuery, input);
    return this.session.search.search(query, { kinds, filters, limit });
  }

  /** An item's extracted text as indexed for search ('' when it has none): dossiers check it for protected names. */
  indexedText(itemId: string): string {
    this.session.assertUnlocked();
    return this.session.search.text('item', itemId);
  }

  /** The first unused Bates number of a prefix: numbers never repeat across the dossiers of this vault. */
  nextBatesNumber(prefix: string): number {
    this.session.assertUnlocked();
    return nextBates(this.session.meta, prefix);
  }
}
