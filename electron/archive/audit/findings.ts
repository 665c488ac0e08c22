import { z } from 'zod';
import type { Database } from '../catalog/database.ts';
import type { CustodyLog } from '../custody/log.ts';
import { readMetaJson, writeMetaJson } from '../users/meta-json.ts';

const FINDINGS_KEY = 'integrity_findings';
const MAX_KEPT = 1000;

const Stored = z.object({
  auditSeq: z.number().int(),
  time: z.string(),
  findings: z.array(z.object({ kind: z.string(), message: z.string(), itemId: z.string().nullable() })).max(MAX_KEPT),
  lost: z.array(z.string()).max(MAX_KEPT),
});
export type StoredFindings = z.infer<typeof Stored>;

/**
 * What the last failed audit found, item by item, kept in the encrypted catalog so the window can
 * name the damaged items (by title and case) after a restart, and what the user did about each:
 * recording an item as lost is a custody event and resolves its finding. Nothing is deleted.
 */
export class IntegrityFindings {
  private readonly db: Database;
  private readonly custody: CustodyLog;

  constructor(db: Database, custody: CustodyLog) {
    this.db = db;
    this.custody = custody;
  }

  current(): StoredFindings | null {
    return readMetaJson(this.db, FINDINGS_KEY, Stored.nullable(), 'the last audit findings') ?? null;
  }

  /** After an audit: a clean one clears the findings, a failed one replaces them (losses already recorded stay resolved). */
  recordAudit(audit: {
    ok: boolean;
    auditEvent: number;
    finishedAt: string;
    problems: Array<{ kind: string; message: string; item?: string }>;
  }): void {
    if (audit.ok) return writeMetaJson(this.db, FINDINGS_KEY, null);
    const before = this.current();
    const findings = audit.problems.slice(0, MAX_KEPT).map((p) => ({ kind: p.kind, message: p.message, itemId: p.item ?? null }));
    const lost = (before?.lost ?? []).filter((id) => findings.some((finding) => finding.itemId === id));
    writeMetaJson(this.db, FINDINGS_KEY, { auditSeq: audit.auditEvent, time: audit.finishedAt, findings, lost });
  }

  /** Records that an item's content is lost (no replica, no backup, no source): a custody event; the file and record stay. */
  recordLoss(itemId: string, note: string): void {
    this.db.transaction(() => {
      this.custody.append('metadata-changed', { kind: 'item', id: itemId }, { field: 'loss', note });
      const stored = this.current();
      if (stored && !stored.lost.includes(itemId)) writeMetaJson(this.db, FINDINGS_KEY, { ...stored, lost: [...stored.lost, itemId] });
    })();
  }
}
