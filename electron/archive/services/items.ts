import { ItemLink, Withdrawal } from '../../../shared/schemas.ts';
import type { StoredItem } from '../catalog/items.ts';
import type { CustodyEvent, CustodySubject } from '../custody/log.ts';
import { ArchiveError, IntegrityError } from '../errors.ts';
import { parseInput } from '../parse-input.ts';
import type { VaultSession } from '../session/vault-session.ts';

/** Items once stored: read, verify, link to cases and people, withdraw from view, and their custody history. */
export class ItemService {
  private readonly session: VaultSession;
  constructor(session: VaultSession) {
    this.session = session;
  }

  get(id: string): StoredItem {
    this.session.assertUnlocked();
    return this.session.items.get(id);
  }

  count(): number {
    this.session.assertUnlocked();
    return this.session.items.count();
  }

  /** Streams the plaintext of an item (bytes start..endInclusive), authenticated chunk by chunk. */
  read(id: string, start?: number, endInclusive?: number): AsyncGenerator<Buffer> {
    this.session.assertUnlocked();
    const item = this.session.items.get(id);
    return this.session.blobs.read(item.blob, `item ${id} (${item.originalName})`, start, endInclusive);
  }

  /** Decrypts the whole item and compares its SHA-256 with the one recorded at import. */
  async verify(id: string): Promise<{ ok: boolean; sha256: string; expected: string }> {
    const s = this.session;
    s.assertUnlocked();
    const item = s.items.get(id);
    let sha256: string;
    try {
      sha256 = await s.blobs.hash(item.blob, `item ${id} (${item.originalName})`);
    } catch (error) {
      if (error instanceof IntegrityError) s.custody.record('verified', { kind: 'item', id }, { ok: false, problem: error.message });
      throw error;
    }
    const ok = sha256 === item.sha256;
    s.custody.record('verified', { kind: 'item', id }, { ok, sha256 });
    return { ok, sha256, expected: item.sha256 };
  }

  /** Records that an item was opened or read out (the viewer, `custodia item cat`). */
  recordView(id: string, via: string): void {
    this.session.assertUnlocked();
    this.session.items.get(id);
    this.session.custody.record('viewed', { kind: 'item', id }, { via });
  }

  /** Links an item to another case or to a person (the file stays where it is, stored once). */
  link(input: unknown): void {
    const s = this.session;
    s.assertUnlocked();
    const { itemId, caseId, personId } = parseInput(ItemLink, input);
    s.db.transaction(() => {
      s.items.get(itemId);
      if (caseId) {
        s.cases.get(caseId);
        if (s.items.linkCase(itemId, caseId)) s.custody.append('linked', { kind: 'item', id: itemId }, { case: caseId });
      } else if (personId) {
        s.persons.get(personId);
        if (s.items.linkPerson(itemId, personId)) s.custody.append('linked', { kind: 'item', id: itemId }, { person: personId });
      }
    })();
  }

  unlink(input: unknown): void {
    const s = this.session;
    s.assertUnlocked();
    const { itemId, caseId, personId } = parseInput(ItemLink, input);
    s.db.transaction(() => {
      const removed = caseId ? s.items.unlinkCase(itemId, caseId) : s.items.unlinkPerson(itemId, personId!);
      if (!removed) throw new ArchiveError('not-found', `item ${itemId} is not linked to that ${caseId ? 'case' : 'person'}`);
      s.custody.append('unlinked', { kind: 'item', id: itemId }, caseId ? { case: caseId } : { person: personId! });
    })();
  }

  /** Takes an item out of the working views. Nothing is deleted: the file, the record and its history stay. */
  withdraw(input: unknown): void {
    const s = this.session;
    s.assertUnlocked();
    const { itemId, reason } = parseInput(Withdrawal, input);
    s.db.transaction(() => {
      s.items.get(itemId);
      if (!s.items.withdraw(itemId, reason)) throw new ArchiveError('validation', `item ${itemId} is already withdrawn`);
      s.custody.append('withdrawn', { kind: 'item', id: itemId }, { reason });
    })();
  }

  /** The custody history of a case: events about the case, its people and its items, in order. */
  caseCustody(caseId: string): CustodyEvent[] {
    const s = this.session;
    s.assertUnlocked();
    const subjects: CustodySubject[] = [
      { kind: 'case', id: caseId },
      ...s.items.listByCase(caseId, { includeWithdrawn: true }).map((item) => ({ kind: 'item' as const, id: item.id })),
      ...s.cases.detail(caseId).persons.map((person) => ({ kind: 'person' as const, id: person.personId })),
    ];
    return s.custody.listForSubjects(subjects);
  }

  /** The custody events of one item, or of the whole vault. */
  custodyEvents(itemId?: string): CustodyEvent[] {
    const s = this.session;
    s.assertUnlocked();
    if (itemId) s.items.get(itemId);
    return s.custody.list(itemId ? ({ kind: 'item', id: itemId } satisfies CustodySubject) : undefined);
  }
}
