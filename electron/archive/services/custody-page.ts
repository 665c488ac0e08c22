import { LogPageQuery, type LogPage } from '../../../shared/custody-log.ts';
import { prepared } from '../catalog/statements.ts';
import { toEventView } from '../custody/event-view.ts';
import { parseInput } from '../parse-input.ts';
import type { VaultSession } from '../session/vault-session.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The ids an event names: its subject, and ids among its details' values (a person's case, a merge). */
function idsOf(event: { subject: { id: string | null }; details: Record<string, unknown> }): string[] {
  const values = Object.values(event.details).flatMap((value) => (Array.isArray(value) ? value : [value]));
  return [event.subject.id, ...values].filter((value): value is string => typeof value === 'string' && UUID.test(value));
}

/**
 * One page of the vault's whole custody log, newest first, with the names of what its events are
 * about: the window shows a case or an item by its title, never by a raw id. Reading the log is not
 * a custody event (nor is the case's custody tab).
 */
export function custodyLogPage(session: VaultSession, input: unknown): LogPage {
  session.assertUnlocked();
  const { before, limit } = parseInput(LogPageQuery, input);
  const { events, hasOlder } = session.custody.page(before, limit);
  const ids = JSON.stringify([...new Set(events.flatMap(idsOf))]);
  // Only the page's ids (at most a few hundred), each found through its table's primary key.
  const rows = prepared(
    session.db,
    `SELECT id, title AS name FROM cases WHERE id IN (SELECT value FROM json_each(@ids))
     UNION ALL SELECT id, COALESCE(title, original_name) FROM items WHERE id IN (SELECT value FROM json_each(@ids))
     UNION ALL SELECT id, name FROM persons WHERE id IN (SELECT value FROM json_each(@ids))`,
  ).all({ ids }) as Array<{ id: string; name: string }>;
  const names: Record<string, string> = {};
  for (const row of rows) names[row.id] = row.name;
  // The sequence numbers run from 1 without a gap (append-only; the audit checks it), so the head is the count.
  return { events: events.map(toEventView), total: session.custody.head().seq, hasOlder, names };
}
