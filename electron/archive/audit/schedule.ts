import type { IntegritySummary } from '../../../shared/model.ts';
import type { LastAudit } from './fixity.ts';

const DAY_MS = 86_400_000;

/**
 * When the next full audit is due: `everyDays` after the last full one, now if there never was
 * one, never with no schedule (0). Overdue once `now` is past that (or there was never a full audit).
 */
export function auditSummary(last: LastAudit | null, everyDays: number, now: Date): IntegritySummary {
  const nowMs = now.getTime();
  const lastFull = last?.mode === 'full' ? Date.parse(last.time) : null;
  const due = everyDays === 0 ? null : lastFull === null ? nowMs : lastFull + everyDays * DAY_MS;
  return {
    lastAudit: last ? { seq: last.seq, time: last.time, actor: last.actor, ok: last.ok, mode: last.mode } : null,
    everyDays,
    dueAt: due === null ? null : new Date(due).toISOString(),
    overdue: due !== null && (lastFull === null || nowMs > due),
  };
}
