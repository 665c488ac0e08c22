import type { PowerOfAttorney } from '../../../shared/model.ts';
import { PartialDate, PowerOfAttorneyInput, SourceInput, TimelineEventInput } from '../../../shared/schemas.ts';
import { POA_WARNING_DAYS } from '../../../shared/limits.ts';
import { parseInput } from '../parse-input.ts';
import type { VaultSession } from '../session/vault-session.ts';

/** A case's records beside its items: the timeline, powers of attorney and sources. */
export class RecordService {
  private readonly session: VaultSession;
  constructor(session: VaultSession) {
    this.session = session;
  }

  addTimelineEvent(input: unknown): string {
    const s = this.session;
    s.assertUnlocked();
    const parsed = parseInput(TimelineEventInput, input);
    return s.db.transaction(() => {
      s.cases.get(parsed.caseId);
      for (const itemId of parsed.itemIds) s.items.get(itemId);
      for (const personId of parsed.personIds) s.persons.get(personId);
      const id = s.records.addTimelineEvent(parsed);
      s.custody.append(
        'metadata-changed',
        { kind: 'case', id: parsed.caseId },
        { field: 'timeline', added: id, kind: parsed.kind, date: parsed.date },
      );
      return id;
    })();
  }

  addPowerOfAttorney(input: unknown): string {
    const s = this.session;
    s.assertUnlocked();
    const parsed = parseInput(PowerOfAttorneyInput, input);
    return s.db.transaction(() => {
      s.cases.get(parsed.caseId);
      s.persons.get(parsed.grantorPersonId);
      if (parsed.itemId) s.items.get(parsed.itemId);
      const id = s.records.addPowerOfAttorney(parsed);
      s.custody.append(
        'metadata-changed',
        { kind: 'case', id: parsed.caseId },
        { field: 'power-of-attorney', added: id, validUntil: parsed.validUntil ?? null },
      );
      if (parsed.itemId) s.custody.append('linked', { kind: 'item', id: parsed.itemId }, { powerOfAttorney: id });
      return id;
    })();
  }

  revokePowerOfAttorney(id: string, revokedAt?: string): void {
    const s = this.session;
    s.assertUnlocked();
    const date = parseInput(PartialDate, revokedAt ?? s.today());
    s.db.transaction(() => {
      s.records.revokePowerOfAttorney(id, date);
      const poa = s.records.powersOfAttorney({ today: s.today(), warnDays: 0 }).find((p) => p.id === id)!;
      s.custody.append('metadata-changed', { kind: 'case', id: poa.caseId }, { field: 'power-of-attorney', revoked: id, revokedAt: date });
    })();
  }

  /** Every power of attorney, or those ending within `days` (already expired ones included). */
  powersOfAttorney(options: { expiringWithinDays?: number } = {}): PowerOfAttorney[] {
    const s = this.session;
    s.assertUnlocked();
    const warnDays = options.expiringWithinDays ?? POA_WARNING_DAYS;
    const all = s.records.powersOfAttorney({ today: s.today(), warnDays });
    return options.expiringWithinDays === undefined ? all : all.filter((p) => p.state === 'expiring' || p.state === 'expired');
  }

  addSource(input: unknown): string {
    const s = this.session;
    s.assertUnlocked();
    const parsed = parseInput(SourceInput, input);
    return s.db.transaction(() => {
      s.cases.get(parsed.caseId);
      if (parsed.archivedItemId) s.items.get(parsed.archivedItemId);
      const id = s.records.addSource(parsed);
      s.custody.append('metadata-changed', { kind: 'case', id: parsed.caseId }, { field: 'sources', added: id, url: parsed.url });
      return id;
    })();
  }
}
