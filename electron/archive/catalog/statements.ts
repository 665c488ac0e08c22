import type { Database, Statement } from 'better-sqlite3';

/**
 * Prepared statements cached per connection and SQL text. Preparing on every call leaves native
 * statement memory for the garbage collector to find, which at scale (tens of thousands of
 * inserts) grew the process to gigabytes; a cached statement is prepared once.
 */
const cache = new WeakMap<Database, Map<string, Statement>>();

export function prepared(db: Database, sql: string): Statement {
  let statements = cache.get(db);
  if (!statements) {
    statements = new Map();
    cache.set(db, statements);
  }
  let statement = statements.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    statements.set(sql, statement);
  }
  return statement;
}
