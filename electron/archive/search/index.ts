import type { SearchHit } from '../../../shared/model.ts';
import type { Database } from '../catalog/database.ts';
import { foldQuery, foldText } from './fold.ts';

export type SearchKind = SearchHit['kind'];

const SNIPPET_WORDS = 12;

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
    this.db.prepare('DELETE FROM search_index WHERE kind = ? AND id = ?').run(kind, id);
    this.db
      .prepare('INSERT INTO search_index (kind, id, title, body, folded) VALUES (?, ?, ?, ?, ?)')
      .run(kind, id, title, body, foldText(`${title} ${body}`));
  }

  search(query: string, options: { kinds?: SearchKind[]; limit?: number } = {}): SearchHit[] {
    const expression = foldQuery(query);
    if (!expression) return [];
    const kinds = options.kinds?.length ? options.kinds : (['case', 'person', 'item'] as SearchKind[]);
    const rows = this.db
      .prepare(
        `SELECT kind, id, title, body FROM search_index
         WHERE search_index MATCH ? AND kind IN (SELECT value FROM json_each(?))
         ORDER BY bm25(search_index, 0, 0, 0, 0, 1) LIMIT ?`,
      )
      .all(`folded : (${expression})`, JSON.stringify(kinds), options.limit ?? 50) as Array<{
      kind: SearchKind;
      id: string;
      title: string;
      body: string;
    }>;
    const terms = foldText(query).split(' ').filter(Boolean);
    return rows.map((row) => ({ kind: row.kind, id: row.id, title: row.title, snippet: snippet(`${row.title} — ${row.body}`, terms) }));
  }
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
