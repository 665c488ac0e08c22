import { z } from 'zod';
import type { CustodyEventView } from './model.ts';

/** The most events one page of the vault's custody log may hold: a page is read and drawn at once. */
export const MAX_LOG_PAGE = 200;

/** A page of the whole custody log, newest first: `before` a sequence number (the newest when absent). */
export const LogPageQuery = z
  .object({
    before: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
    limit: z.number().int().min(1).max(MAX_LOG_PAGE),
  })
  .strict();
export type LogPageQuery = z.infer<typeof LogPageQuery>;

export interface LogPage {
  /** Newest first. */
  events: CustodyEventView[];
  /** Events in the whole log. */
  total: number;
  /** Whether events older than the last one on this page exist. */
  hasOlder: boolean;
  /** The title or name of each case, item and person the page's events name (by id), as the catalog has it now. */
  names: Record<string, string>;
}
