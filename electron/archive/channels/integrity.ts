import path from 'node:path';
import type { IntegrityFailure, IntegrityFinding } from '../../../shared/app-model.ts';
import type { AuditResult, IntegritySummary } from '../../../shared/model.ts';
import type { AuditInput } from '../../../shared/schemas.ts';
import type { Archive } from '../archive.ts';
import { writeAuditReports } from '../dossier/audit-report.ts';
import { ArchiveError, isArchiveError } from '../errors.ts';
import { currentActor } from '../session/vault-session.ts';
import { freeFileName } from '../exports.ts';
import type { HostContext } from './context.ts';

export type IntegrityView = IntegritySummary & { failure: IntegrityFailure | null; items: number };

/** The item of a finding by title and case, for the window to link to; null when it is gone from the catalog. */
function itemOf(archive: Archive, itemId: string | null, caseTitles: Map<string, string>): IntegrityFinding['item'] {
  if (!itemId) return null;
  try {
    const item = archive.getItem(itemId);
    return { id: item.id, title: item.title ?? item.originalName, caseId: item.caseId, caseTitle: caseTitles.get(item.caseId) ?? '' };
  } catch (error) {
    if (isArchiveError(error) && error.kind === 'not-found') return null;
    throw error;
  }
}

/**
 * The Integrity screen's state: the schedule and last audit, and the last failed audit's findings
 * with the damaged items by title and case, until a later audit passes or each loss is recorded.
 * An empty vault has nothing to audit, so it is never "due".
 */
export function integrityView(archive: Archive): IntegrityView {
  const summary = archive.integritySummary();
  const items = archive.countItems();
  const idle = items === 0 && summary.lastAudit === null;
  const base = idle ? { ...summary, dueAt: null, overdue: false } : summary;
  const last = summary.lastAudit;
  if (!last || last.ok) return { ...base, failure: null, items };
  const stored = archive.findings.current();
  const caseTitles = new Map(archive.listCases().map((c) => [c.id, c.title]));
  // Findings saved by the window's audit; an audit run elsewhere (the command line) leaves only its verdict.
  const findings: IntegrityFinding[] =
    stored && stored.auditSeq === last.seq
      ? stored.findings.map((finding) => ({
          kind: finding.kind,
          message: finding.message,
          item: itemOf(archive, finding.itemId, caseTitles),
          lossRecorded: finding.itemId !== null && stored.lost.includes(finding.itemId),
        }))
      : [];
  const unresolved = findings.length === 0 ? 1 : findings.filter((finding) => !finding.lossRecorded).length;
  return { ...base, failure: unresolved === 0 ? null : { auditSeq: last.seq, time: last.time, findings, unresolved }, items };
}

export function integrityHandlers(host: HostContext) {
  return {
    'integrity.summary': async () => integrityView(host.unlocked()),
    'integrity.schedule': async ({ everyDays }: { everyDays: number }) => {
      const archive = host.unlocked();
      archive.setAuditScheduleDays(everyDays);
      return integrityView(archive);
    },
    'integrity.audit': async (input: AuditInput) => {
      const archive = host.unlocked();
      if (input.destination) await host.destinations.folderOf(input.destination);
      return host.jobs.start('audit', async (report, signal) => {
        const audit = await archive.verify({
          sample: input.sample,
          onProgress: (_done, _total, progress) => {
            if (signal.aborted) throw new ArchiveError('io', 'the audit was cancelled');
            report({
              phase: 'hashing',
              done: progress.doneBytes,
              total: progress.totalBytes,
              bytesPerSecond: progress.bytesPerSecond,
              etaSeconds: progress.etaSeconds,
            });
          },
        });
        archive.findings.recordAudit(audit);
        let reports: AuditResult['reports'] = null;
        if (input.destination) {
          const folder = await host.destinations.folderOf(input.destination);
          const stem = input.fileName ?? `audit-${audit.finishedAt.replace(/[:.]/g, '-')}`;
          const json = freeFileName(folder, stem, '.json');
          const pdf = freeFileName(folder, path.basename(json, '.json'), '.pdf');
          await writeAuditReports(
            { vaultId: archive.vaultId, publicKey: archive.publicKey, actor: archive.users.actor() ?? currentActor(), report: audit },
            json,
            pdf,
          );
          reports = {
            json: { file: json, output: host.destinations.recordOutput(json) },
            pdf: { file: pdf, output: host.destinations.recordOutput(pdf) },
          };
        }
        return {
          ok: audit.ok,
          mode: audit.mode,
          problems: audit.problems.map(({ kind, message }) => ({ kind, message })),
          blobs: audit.blobs,
          blobsInVault: audit.blobsInVault,
          bytes: audit.bytes,
          events: audit.events,
          durationMs: audit.durationMs,
          bytesPerSecond: audit.bytesPerSecond,
          auditEvent: audit.auditEvent,
          reports,
        } satisfies AuditResult;
      });
    },
    'integrity.recordLoss': async ({ itemId, note }: { itemId: string; note: string }) => {
      const archive = host.unlocked();
      archive.getItem(itemId);
      archive.findings.recordLoss(itemId, note);
      return integrityView(archive);
    },
    // `custodia log export` from the window: JSON lines, the public key and a signed checkpoint.
    'log.export': async ({ destination }: { destination: string }) => {
      const archive = host.unlocked();
      const file = freeFileName(
        await host.destinations.folderOf(destination),
        `custody-log-${new Date().toISOString().slice(0, 10)}`,
        '.jsonl',
      );
      const { events, checkpoint } = archive.exportLog(file);
      return { file, output: host.destinations.recordOutput(file), events, checkpointSeq: checkpoint.seq };
    },
  };
}
