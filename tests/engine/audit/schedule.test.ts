import assert from 'node:assert/strict';
import test from 'node:test';
import { auditSummary } from '../../../electron/archive/audit/schedule.ts';
import type { LastAudit } from '../../../electron/archive/audit/fixity.ts';

const audit = (time: string, mode: 'full' | 'sample', ok = true): LastAudit => ({ seq: 7, time, actor: 'a@b', ok, mode, details: {} });
const now = new Date('2026-03-10T12:00:00.000Z');

test('never audited: a full audit is due now, and overdue', () => {
  assert.deepEqual(auditSummary(null, 30, now), { lastAudit: null, everyDays: 30, dueAt: '2026-03-10T12:00:00.000Z', overdue: true });
});

test('due `everyDays` after the last full audit; not overdue before, overdue after', () => {
  const last = audit('2026-03-01T12:00:00.000Z', 'full');
  const summary = auditSummary(last, 30, now);
  assert.equal(summary.dueAt, '2026-03-31T12:00:00.000Z');
  assert.equal(summary.overdue, false);
  assert.deepEqual(summary.lastAudit, { seq: 7, time: last.time, actor: 'a@b', ok: true, mode: 'full' });
  assert.equal(auditSummary(last, 30, new Date('2026-03-31T12:00:00.000Z')).overdue, false, 'due, not yet past due');
  assert.equal(auditSummary(last, 30, new Date('2026-03-31T12:00:00.001Z')).overdue, true);
  assert.equal(auditSummary(last, 7, now).dueAt, '2026-03-08T12:00:00.000Z');
  assert.equal(auditSummary(last, 7, now).overdue, true);
});

test('a sampled audit does not reset the schedule: only a full one does', () => {
  const summary = auditSummary(audit('2026-03-09T00:00:00.000Z', 'sample'), 30, now);
  assert.equal(summary.dueAt, now.toISOString());
  assert.equal(summary.overdue, true);
  assert.equal(summary.lastAudit?.mode, 'sample');
});

test('no schedule (0 days): never due, never overdue, whatever the history', () => {
  assert.deepEqual(auditSummary(null, 0, now), { lastAudit: null, everyDays: 0, dueAt: null, overdue: false });
  assert.equal(auditSummary(audit('2020-01-01T00:00:00.000Z', 'full'), 0, now).overdue, false);
});
