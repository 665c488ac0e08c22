import type { CaseDetail, CasePage, CaseSummary } from '../../../shared/model.ts';
import { CasePageQuery, CaseStatusInput, FullCaseInput } from '../../../shared/schemas.ts';
import { POA_WARNING_DAYS } from '../../../shared/limits.ts';
import * as casework from '../casework/index.ts';
import { parseInput } from '../parse-input.ts';
import type { VaultSession } from '../session/vault-session.ts';

/** Cases: create, change status, list, read whole (with items and records), and keep their search text. */
export class CaseService {
  private readonly session: VaultSession;
  constructor(session: VaultSession) {
    this.session = session;
  }

  add(input: unknown): string {
    const s = this.session;
    s.assertUnlocked();
    const parsed = parseInput(FullCaseInput, input);
    return s.db.transaction(() => {
      const id = s.cases.add(parsed);
      s.custody.append(
        'case-created',
        { kind: 'case', id },
        { status: parsed.status ?? null, charges: (parsed.charges ?? []).map((c) => c.article) },
      );
      this.reindex(id);
      return id;
    })();
  }

  /** Records a new status; the history keeps every earlier one. */
  setStatus(caseId: string, input: unknown): void {
    const s = this.session;
    s.assertUnlocked();
    const { status, statusOther, statusSince } = parseInput(CaseStatusInput, input);
    s.db.transaction(() => {
      const before = s.cases.get(caseId).status;
      s.cases.addStatus(caseId, { status, statusOther: statusOther ?? null, since: statusSince ?? null });
      s.custody.append(
        'metadata-changed',
        { kind: 'case', id: caseId },
        { field: 'status', old: before, new: status, since: statusSince ?? null },
      );
    })();
  }

  list(): CaseSummary[] {
    this.session.assertUnlocked();
    return this.session.cases.list();
  }

  /**
   * A stretch of the case list, with the custody log's head as its revision: every change to the
   * catalog is logged, so an unchanged revision means the list the app holds is still the list.
   */
  page(input: unknown): CasePage {
    this.session.assertUnlocked();
    const { offset, limit } = parseInput(CasePageQuery, input);
    return { ...this.session.cases.page(offset, limit), revision: this.session.custody.head().seq };
  }

  /** The summaries of the cases with these ids, in their order; an id no case has is left out. */
  summaries(ids: string[]): CaseSummary[] {
    this.session.assertUnlocked();
    return this.session.cases.summaries(ids);
  }

  get(id: string, options: { includeWithdrawn?: boolean } = {}): CaseDetail {
    const s = this.session;
    s.assertUnlocked();
    const detail = s.cases.detail(id);
    return {
      ...detail,
      items: s.items.listByCase(id, options).map(({ blob: _blob, ...item }) => item),
      timeline: s.records.timeline(id),
      powersOfAttorney: s.records.powersOfAttorney({ caseId: id, today: s.today(), warnDays: POA_WARNING_DAYS }),
      sources: s.records.sources(id),
    };
  }

  /** Re-indexes a case's own text: title, reference, place, charges, people, narrative. */
  reindex(id: string): void {
    casework.indexCase(this.session, id);
  }
}
