import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Database } from '../catalog/database.ts';
import { ArchiveError } from '../errors.ts';
import { openEnvelope, type EnvelopeKeys } from './envelope.ts';
import { DIRS, listNames, parseName, sha256Of } from './layout.ts';
import { SegmentBody, type EventRow, type StateBody } from './state.ts';

const MAX_SEGMENTS = 10_000_000;

function openSegment(replicaDir: string, name: string, keys: EnvelopeKeys): SegmentBody | { problem: string } {
  let file: Buffer;
  try {
    file = readFileSync(path.join(replicaDir, DIRS.log, name));
  } catch {
    return { problem: `log/${name} is missing` };
  }
  if (sha256Of(file) !== parseName(name)?.hash) return { problem: `log/${name} does not match its name (changed or truncated)` };
  const opened = openEnvelope<unknown>(keys, file);
  if ('problem' in opened) return { problem: `log/${name} ${opened.problem}` };
  const body = SegmentBody.safeParse(opened.body);
  if (!body.success || body.data.events.at(-1)!.seq !== opened.preamble.number) return { problem: `log/${name} is malformed` };
  return body.data;
}

/**
 * Walks the state's chain of custody-log segments back to the first and compares every event with
 * the restored catalog's: the two copies of the log must be the same signed chain, event for event.
 */
export function checkLogSegments(replicaDir: string, state: StateBody, keys: EnvelopeKeys, db: Database): void {
  const fromCatalog = db.prepare('SELECT * FROM custody_events WHERE seq = ?');
  let name = state.log.segment;
  let expectedLast = state.log.seq;
  for (let walked = 0; name && walked < MAX_SEGMENTS; walked++) {
    const segment = openSegment(replicaDir, name, keys);
    if ('problem' in segment) {
      // A missing segment may still be on its way (Syncthing); an altered one is refused.
      const kind = segment.problem.endsWith('is missing') ? 'not-found' : 'integrity';
      throw new ArchiveError(kind, `the replica's custody log is incomplete or broken: ${segment.problem}; nothing was restored`);
    }
    const events = segment.events;
    if (events.at(-1)!.seq !== expectedLast) {
      throw new ArchiveError(
        'integrity',
        `the replica's custody log has a gap: log/${name} ends at event ${events.at(-1)!.seq}, expected ${expectedLast}; nothing was restored`,
      );
    }
    for (const [index, event] of events.entries()) {
      if (index > 0 && event.seq !== events[index - 1]!.seq + 1) {
        throw new ArchiveError('integrity', `the replica's custody log segment log/${name} skips events; nothing was restored`);
      }
      const stored = fromCatalog.get(event.seq) as EventRow | undefined;
      if (!stored || !sameEvent(stored, event)) {
        throw new ArchiveError(
          'integrity',
          `custody event ${event.seq} differs between the replica's log (log/${name}) and its catalog; nothing was restored`,
        );
      }
    }
    expectedLast = events[0]!.seq - 1;
    name = segment.previous;
  }
  if (expectedLast !== 0) {
    throw new ArchiveError(
      'integrity',
      `the replica's custody log lacks events 1 to ${expectedLast} (its first segment is missing); nothing was restored`,
    );
  }
}

const sameEvent = (a: EventRow, b: EventRow) =>
  a.hash === b.hash && a.prev_hash === b.prev_hash && a.signature === b.signature && a.details === b.details && a.seq === b.seq;

/**
 * Genuine segments past the restored state: events that happened after it, whose state is missing
 * (still being carried, or removed to roll the replica back). Named so the user knows.
 */
export function newerSegments(replicaDir: string, seq: number, keys: EnvelopeKeys): { from: number; to: number } | null {
  let newest = seq;
  for (const name of listNames(path.join(replicaDir, DIRS.log))) {
    const number = parseName(name)?.number ?? 0;
    if (number <= newest) continue;
    const segment = openSegment(replicaDir, name, keys);
    if (!('problem' in segment)) newest = segment.events.at(-1)!.seq;
  }
  return newest > seq ? { from: seq + 1, to: newest } : null;
}
