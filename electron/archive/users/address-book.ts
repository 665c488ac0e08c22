import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Contact } from '../../../shared/app-model.ts';
import type { ContactInput } from '../../../shared/app-schemas.ts';
import type { Database } from '../catalog/database.ts';
import { readMetaJson, writeMetaJson } from './meta-json.ts';
import { keyFingerprint } from '../dossier/manifest.ts';
import { ArchiveError } from '../errors.ts';

const CONTACTS_KEY = 'contacts';
const MAX_CONTACTS = 1000;

const Stored = z.array(
  z.object({
    id: z.string(),
    name: z.string(),
    receivingKey: z.string().nullable(),
    signingKey: z.string().nullable(),
    addedAt: z.string(),
  }),
);

/**
 * Colleagues' pinned vault keys, in the encrypted catalog: the receiving key a package to them is
 * sealed to, and the signing key their packages and dossiers must carry. Pinning once and choosing
 * by name afterwards is what keeps a mistyped or swapped key from being used silently.
 */
export class AddressBook {
  private readonly db: Database;

  constructor(db: Database) {
    this.db = db;
  }

  list(): Contact[] {
    const stored = readMetaJson(this.db, CONTACTS_KEY, Stored, 'the address book') ?? [];
    return stored.map((contact) => ({ ...contact, fingerprint: contact.signingKey ? keyFingerprint(contact.signingKey) : null }));
  }

  get(id: string): Contact {
    const contact = this.list().find((candidate) => candidate.id === id);
    if (!contact) throw new ArchiveError('not-found', 'no such contact in the address book');
    return contact;
  }

  /** The contact whose pinned signing key this is, if any. */
  bySigningKey(key: string): Contact | null {
    return this.list().find((contact) => contact.signingKey === key.toLowerCase()) ?? null;
  }

  save(input: ContactInput): Contact[] {
    const contacts = this.list();
    const keys = { receivingKey: input.receivingKey ?? null, signingKey: input.signingKey ?? null };
    const clash = contacts.find((other) => other.id !== input.id && keys.signingKey !== null && other.signingKey === keys.signingKey);
    if (clash) throw new ArchiveError('validation', `that signing key is already pinned for ${clash.name}`);
    if (input.id) {
      const index = contacts.findIndex((contact) => contact.id === input.id);
      if (index === -1) throw new ArchiveError('not-found', 'no such contact in the address book');
      contacts[index] = { ...contacts[index]!, name: input.name, ...keys };
    } else {
      if (contacts.length >= MAX_CONTACTS) throw new ArchiveError('validation', `the address book holds at most ${MAX_CONTACTS} contacts`);
      contacts.push({ id: randomUUID(), name: input.name, ...keys, fingerprint: null, addedAt: new Date().toISOString() });
    }
    this.write(contacts);
    return this.list();
  }

  remove(id: string): Contact[] {
    this.get(id);
    this.write(this.list().filter((contact) => contact.id !== id));
    return this.list();
  }

  private write(contacts: Contact[]): void {
    const stored = contacts.map(({ fingerprint: _fingerprint, ...contact }) => contact);
    writeMetaJson(this.db, CONTACTS_KEY, stored);
  }
}
