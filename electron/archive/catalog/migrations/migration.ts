import type { Database } from 'better-sqlite3';

/** One schema change; each lives in its own numbered file and has its own test. */
export interface Migration {
  version: number;
  description: string;
  up(db: Database): void;
}
