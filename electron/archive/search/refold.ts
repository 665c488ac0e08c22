import type { Database } from '../catalog/database.ts';
import { foldText } from './fold.ts';

/**
 * The version of foldText's output. Raise it whenever the folding changes what it returns for some text
 * (a new spelling rule): vaults indexed under an older version are folded again on their next unlock,
 * or a query folded the new way would miss text folded the old way.
 * 2: Kazakh 2017/2018 Latin, GOST 7.79, ё as yo, the ы/і Russian spellings drop.
 */
export const FOLD_VERSION = 2;
const META_KEY = 'search_fold_version';
const BATCH = 2000;

/** Re-folds every indexed document when the catalog was indexed under another FOLD_VERSION; returns how many. */
export function refoldIfStale(db: Database): number {
  const stored = db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(META_KEY) as string | undefined;
  if (stored === String(FOLD_VERSION)) return 0;
  let count = 0;
  db.transaction(() => {
    db.prepare("INSERT INTO search_index (search_index) VALUES ('delete-all')").run();
    const page = db.prepare('SELECT doc_rowid, title, body FROM search_docs WHERE doc_rowid > ? ORDER BY doc_rowid LIMIT ?');
    const insert = db.prepare('INSERT INTO search_index (rowid, folded) VALUES (?, ?)');
    let after = 0;
    for (;;) {
      const rows = page.all(after, BATCH) as Array<{ doc_rowid: number; title: string; body: string }>;
      for (const row of rows) insert.run(row.doc_rowid, foldText(`${row.title} ${row.body}`));
      count += rows.length;
      if (rows.length < BATCH) break;
      after = rows[rows.length - 1]!.doc_rowid;
    }
    db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(
      META_KEY,
      String(FOLD_VERSION),
    );
  })();
  return count;
}
