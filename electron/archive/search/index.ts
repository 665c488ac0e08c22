import { SEARCH_COUNT_CAP, type SearchHit, type SearchPage } from '../../../shared/model.ts';
import type { SearchFilters } from '../../../shared/schemas.ts';
import type { Database } from '../catalog/database.ts';
import { foldQuery, foldText, queryWords } from './fold.ts';
import { prepared } from '../catalog/statements.ts';

export type SearchKind = SearchHit['kind'];

const SNIPPET_WORDS = 12;
/** Above this many matches, results come newest first instead of by relevance. */
const RANK_AT_MOST = 20_000;

/**
 * Full-text search over cases, persons and items (FTS5 inside the encrypted catalog). Every
 * document is indexed twice: as written, for snippets, and folded (Kazakh → Russian letters,
 * Cyrillic → Latin, no marks) so `Әділбекұлы`, `Адилбекулы` and `Adilbekuly` meet.
 */
export class SearchIndex {
  private readonly db: Database;
  constructor(db: Database) {
    this.db = db;
  }

  /** Replaces the indexed text of one document. Call inside the transaction that changes it. */
  put(kind: SearchKind, id: string, title: string, body: string): void {
    const folded = foldText(`${title} ${body}`);
    const existing = prepared(this.db, 'SELECT doc_rowid FROM search_docs WHERE kind = ? AND id = ?').get(kind, id) as
      { doc_rowid: number } | undefined;
    let rowid: number | bigint;
    if (existing) {
      rowid = existing.doc_rowid;
      prepared(this.db, 'DELETE FROM search_index WHERE rowid = ?').run(rowid);
      prepared(this.db, 'UPDATE search_docs SET title = ?, body = ? WHERE doc_rowid = ?').run(title, body, rowid);
    } else {
      rowid = prepared(this.db, 'INSERT INTO search_docs (kind, id, title, body) VALUES (?, ?, ?, ?)').run(
        kind,
        id,
        title,
        body,
      ).lastInsertRowid;
    }
    prepared(this.db, 'INSERT INTO search_index (rowid, folded) VALUES (?, ?)').run(rowid, folded);
  }

  /** The text indexed for one document (an item's extracted text with its names), '' when none. */
  text(kind: SearchKind, id: string): string {
    return (prepared(this.db, 'SELECT body FROM search_docs WHERE kind = ? AND id = ?').pluck().get(kind, id) as string | undefined) ?? '';
  }

  /** Takes a document out of search (a person merged into another is found through the one kept). */
  remove(kind: SearchKind, id: string): void {
    // Not .pluck(): the cached statement is shared with put(), and pluck() would change it for put() too.
    const row = prepared(this.db, 'SELECT doc_rowid FROM search_docs WHERE kind = ? AND id = ?').get(kind, id) as
      { doc_rowid: number } | undefined;
    if (!row) return;
    const rowid = row.doc_rowid;
    prepared(this.db, 'DELETE FROM search_index WHERE rowid = ?').run(rowid);
    prepared(this.db, 'DELETE FROM search_docs WHERE doc_rowid = ?').run(rowid);
  }

  private query(
    candidates: string,
    filterSql: string,
    params: Record<string, unknown>,
  ): Array<{ kind: SearchKind; id: string; title: string; body: string }> {
    return prepared(
      this.db,
      // CROSS JOIN keeps the few FTS candidates as the outer loop; left to itself the planner drove
      // the join from search_docs by kind, touching every document (18 ms instead of 0.6 ms).
      `SELECT d.kind, d.id, d.title, d.body
         FROM (${candidates}) AS m
         CROSS JOIN search_docs d ON d.doc_rowid = m.rowid
         WHERE d.kind IN (SELECT value FROM json_each(:kinds)) AND (${filterSql})
         ORDER BY m.rank LIMIT :limit`,
    ).all(params) as Array<{ kind: SearchKind; id: string; title: string; body: string }>;
  }

  /** Whether the query matches at least `count` documents; stops counting there (postings are read lazily). */
  private atLeast(expression: string, count: number): boolean {
    const found = prepared(this.db, 'SELECT count(*) FROM (SELECT 1 FROM search_index WHERE search_index MATCH ? LIMIT ?)')
      .pluck()
      .get(expression, count) as number;
    return found >= count;
  }

  /**
   * The FTS expression for a query: its words folded, the last one a prefix; a word found in tens of
   * thousands of documents is matched whole (see search()).
   */
  private plan(query: string): { expression: string; terms: string[]; veryCommon: boolean } {
    const expression = foldQuery(query);
    // What a snippet marks: every word, and the last in each reading it may be heading for (Tokay marks Тоқаев).
    const { whole, prefixes } = queryWords(query);
    const terms = [...whole, ...prefixes];
    if (!expression) return { expression, terms, veryCommon: false };
    const wholeWords = foldText(query)
      .split(' ')
      .map((term) => `"${term}"`)
      .join(' AND ');
    const veryCommon = this.atLeast(wholeWords, RANK_AT_MOST);
    return { expression: veryCommon ? wholeWords : expression, terms, veryCommon };
  }

  /** One page of results and an honest count of all of them (exact up to SEARCH_COUNT_CAP). */
  page(options: { query: string; kinds?: SearchKind[]; filters?: SearchFilters; limit: number; offset: number }): SearchPage {
    const { query, limit, offset } = options;
    const hits = this.search(query, { ...options, limit: offset + limit }).slice(offset);
    const kinds = options.kinds?.length ? options.kinds : (['case', 'person', 'item'] as SearchKind[]);
    const filter = filterClause(options.filters ?? {});
    const { expression } = this.plan(query);
    const params = { kinds: JSON.stringify(kinds), cap: SEARCH_COUNT_CAP + 1, ...filter.params };
    let counted = 0;
    if (expression) {
      counted = prepared(
        this.db,
        `SELECT count(*) FROM (SELECT 1 FROM search_index m CROSS JOIN search_docs d ON d.doc_rowid = m.rowid
           WHERE search_index MATCH :match AND d.kind IN (SELECT value FROM json_each(:kinds)) AND (${filter.sql}) LIMIT :cap)`,
      )
        .pluck()
        .get({ match: expression, ...params }) as number;
    } else if (filter.sql !== '1') {
      counted = prepared(
        this.db,
        `SELECT count(*) FROM (SELECT 1 FROM search_docs d
           WHERE d.kind IN (SELECT value FROM json_each(:kinds)) AND (${filter.sql}) LIMIT :cap)`,
      )
        .pluck()
        .get(params) as number;
    }
    const total = Math.max(counted > SEARCH_COUNT_CAP ? SEARCH_COUNT_CAP : counted, offset + hits.length);
    return { hits, offset, total, totalIsLowerBound: counted > SEARCH_COUNT_CAP };
  }

  search(query: string, options: { kinds?: SearchKind[]; filters?: SearchFilters; limit?: number } = {}): SearchHit[] {
    const kinds = options.kinds?.length ? options.kinds : (['case', 'person', 'item'] as SearchKind[]);
    const filter = filterClause(options.filters ?? {});
    const limit = options.limit ?? 50;
    const { expression, terms, veryCommon } = this.plan(query);
    if (!expression) return filter.sql === '1' ? [] : this.browse(kinds, filter, limit);
    // Ranking every match of a common word (100,000 items say "постановление") and then joining
    // each to its document is what costs. So first take the best few hundred from the index alone
    // and filter those; only when filtering leaves too few is every match taken. A word found in
    // tens of thousands of documents as a whole word says little about which matter most, so such
    // a query takes the newest first and matches its words whole (FTS5 gathers every posting of a
    // prefix before it can stop; a whole word's postings are read only as far as needed).
    const candidates = Math.max(limit * 8, 400);
    // bm25 reads every posting of the word to weigh it, so a very common word is not ranked at all.
    const ranked = veryCommon ? 'rowid, -rowid AS rank' : 'rowid, rank';
    const order = veryCommon ? 'rowid DESC' : 'rank';
    const params = { match: expression, kinds: JSON.stringify(kinds), limit, ...filter.params };
    let rows = this.query(
      `SELECT ${ranked} FROM search_index WHERE search_index MATCH :match ORDER BY ${order} LIMIT ${candidates}`,
      filter.sql,
      params,
    );
    if (rows.length < limit && this.atLeast(expression, candidates + 1)) {
      rows = this.query(`SELECT ${ranked} FROM search_index WHERE search_index MATCH :match`, filter.sql, params);
    }
    return rows.map((row) => this.hit(row, snippet(`${row.title} — ${row.body}`, terms)));
  }

  /** No words, only filters: everything that passes them, newest first. */
  private browse(kinds: SearchKind[], filter: { sql: string; params: Record<string, string> }, limit: number): SearchHit[] {
    const rows = prepared(
      this.db,
      `SELECT d.kind, d.id, d.title, d.body FROM search_docs d
         WHERE d.kind IN (SELECT value FROM json_each(:kinds)) AND (${filter.sql})
         ORDER BY d.doc_rowid DESC LIMIT :limit`,
    ).all({ kinds: JSON.stringify(kinds), limit, ...filter.params }) as Array<{
      kind: SearchKind;
      id: string;
      title: string;
      body: string;
    }>;
    return rows.map((row) => this.hit(row, snippet(`${row.title} — ${row.body}`, [])));
  }

  /** A hit names the cases it belongs to, so a person or an item found by search leads to its case. */
  private hit(row: { kind: SearchKind; id: string; title: string }, text: string): SearchHit {
    const caseIds =
      row.kind === 'case'
        ? [row.id]
        : row.kind === 'person'
          ? (prepared(this.db, 'SELECT DISTINCT case_id FROM case_persons WHERE person_id = ? ORDER BY case_id')
              .pluck()
              .all(row.id) as string[])
          : (prepared(
              this.db,
              `SELECT case_id FROM items WHERE id = :id
               UNION SELECT case_id FROM item_cases WHERE item_id = :id ORDER BY 1`,
            )
              .pluck()
              .all({ id: row.id }) as string[]);
    return { kind: row.kind, id: row.id, title: row.title, snippet: text, caseIds };
  }
}

/**
 * The filters as SQL over named parameters (never user text in the SQL itself). A case filter
 * (status, charge article, region, role, dates) applies to cases directly, to items through the
 * case they belong to, and to persons through the cases they are in; item type and document dates
 * apply to items.
 */
function filterClause(filters: SearchFilters): { sql: string; params: Record<string, string> } {
  const params: Record<string, string> = {};
  const caseConditions = (caseId: string): string[] => {
    const out: string[] = [];
    if (filters.status) {
      params.status = filters.status;
      out.push(
        `(SELECT s.status FROM case_statuses s WHERE s.case_id = ${caseId} ORDER BY s.recorded_at DESC, s.rowid DESC LIMIT 1) = :status`,
      );
    }
    if (filters.article) {
      params.article = filters.article;
      out.push(`EXISTS (SELECT 1 FROM charges ch WHERE ch.case_id = ${caseId} AND ch.article = :article)`);
    }
    if (filters.region) {
      params.region = filters.region;
      out.push(
        `EXISTS (SELECT 1 FROM cases c WHERE c.id = ${caseId} AND (c.region = :region COLLATE NOCASE OR c.city = :region COLLATE NOCASE))`,
      );
    }
    return out;
  };
  const hasDates = filters.dateFrom !== undefined || filters.dateTo !== undefined;
  if (filters.role) params.role = filters.role;
  if (filters.itemType) params.itemType = filters.itemType;
  if (hasDates) {
    params.dateFrom = filters.dateFrom ?? '0000';
    // A partial upper bound ("2022-03") must include every day of it.
    params.dateTo = `${filters.dateTo ?? '9999'}\uffff`;
  }
  const all = (conditions: string[]) => (conditions.length ? conditions.join(' AND ') : '1');

  const onCase = caseConditions('d.id');
  if (filters.role) onCase.push('EXISTS (SELECT 1 FROM case_persons cp WHERE cp.case_id = d.id AND cp.role = :role)');
  if (hasDates) {
    onCase.push(`(EXISTS (SELECT 1 FROM timeline_events t WHERE t.case_id = d.id AND t.date BETWEEN :dateFrom AND :dateTo)
      OR EXISTS (SELECT 1 FROM case_statuses s WHERE s.case_id = d.id AND s.since BETWEEN :dateFrom AND :dateTo))`);
  }
  if (filters.itemType) onCase.push('0');

  const itemCase = '(SELECT i.case_id FROM items i WHERE i.id = d.id)';
  const onItem = caseConditions(itemCase);
  if (filters.role) onItem.push(`EXISTS (SELECT 1 FROM case_persons cp WHERE cp.case_id = ${itemCase} AND cp.role = :role)`);
  if (filters.itemType) onItem.push('(SELECT i.type FROM items i WHERE i.id = d.id) = :itemType');
  if (hasDates) onItem.push('(SELECT i.document_date FROM items i WHERE i.id = d.id) BETWEEN :dateFrom AND :dateTo');

  const personCases = caseConditions('cp.case_id');
  if (filters.role) personCases.push('cp.role = :role');
  const onPerson = personCases.length ? [`EXISTS (SELECT 1 FROM case_persons cp WHERE cp.person_id = d.id AND ${all(personCases)})`] : [];
  if (filters.itemType || hasDates) onPerson.push('0');

  if (onCase.length + onItem.length + onPerson.length === 0) return { sql: '1', params };
  return {
    sql: `(d.kind = 'case' AND ${all(onCase)}) OR (d.kind = 'item' AND ${all(onItem)}) OR (d.kind = 'person' AND ${all(onPerson)})`,
    params,
  };
}

/** A window of words around the first match, each matching word wrapped in [[ ]]; matching is on folded forms. */
export function snippet(text: string, terms: string[]): string {
  const words = text.split(/\s+/).filter(Boolean);
  const matches = (word: string) => {
    const folded = foldText(word);
    return folded.length > 0 && terms.some((term) => folded.split(' ').some((part) => part.startsWith(term)));
  };
  const first = words.findIndex(matches);
  const start = Math.max(0, (first < 0 ? 0 : first) - Math.floor(SNIPPET_WORDS / 3));
  const window = words.slice(start, start + SNIPPET_WORDS).map((word) => (matches(word) ? `[[${word}]]` : word));
  return `${start > 0 ? '… ' : ''}${window.join(' ')}${start + SNIPPET_WORDS < words.length ? ' …' : ''}`;
}
