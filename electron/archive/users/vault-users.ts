import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Database } from '../catalog/database.ts';
import { readMetaJson, writeMetaJson } from './meta-json.ts';
import type { Cosigner, CustodyLog } from '../custody/log.ts';
import { ArchiveError } from '../errors.ts';
import type { UserSigner } from './user-signing.ts';

/** A person who works in this vault, as the custody log and dossiers name them. */
export interface VaultUser {
  id: string;
  name: string;
  role: string;
  addedAt: string;
}

const USERS_KEY = 'users';
const CURRENT_KEY = 'current_user';
/** Which user's key the log has certified (a cache of what the log says: the audit reads the log itself). */
const CERTIFIED_KEY = 'user_signing_keys';
const MAX_USERS = 100;

const StoredUsers = z.array(z.object({ id: z.string(), name: z.string(), role: z.string(), addedAt: z.string() }));
const CertifiedKeys = z.record(z.string(), z.string());

/**
 * The vault's named users, kept in the encrypted catalog's `meta` table. The current user is the
 * actor of every custody event (instead of the computer login, which is `root` on many machines)
 * and the "Prepared by" of dossiers. Adding a user, renaming one and changing who is at the
 * keyboard are custody events themselves, recorded under the name of whoever made the change.
 * Each user has a key of their own that countersigns the events recorded while they are at the
 * keyboard; the log certifies it (signed by the vault's key) before its first use.
 */
export class VaultUsers {
  private readonly db: Database;
  private readonly custody: CustodyLog;
  private readonly vaultId: () => string;
  private readonly signerOf: (user: string) => UserSigner;
  /** True while the certification event of a key is being appended: that event is not countersigned. */
  private certifying = false;

  constructor(db: Database, custody: CustodyLog, vaultId: () => string, signerOf: (user: string) => UserSigner) {
    this.db = db;
    this.custody = custody;
    this.vaultId = vaultId;
    this.signerOf = signerOf;
  }

  /** Each user's countersigning public key (hex). */
  signingKeyOf(user: string): string {
    return this.signerOf(user).publicKey.toString('hex');
  }

  /**
   * The current user's signer for the next custody event, or null when nobody is named. A key the
   * log has not certified yet (a user named before keys existed) is certified first, in the same
   * transaction.
   */
  cosigner(): Cosigner | null {
    if (this.certifying) return null;
    const user = this.current();
    if (!user) return null;
    const signer = this.signerOf(user.id);
    const key = signer.publicKey.toString('hex');
    if (this.certifiedKeys()[user.id] !== key) {
      this.certifying = true;
      try {
        this.custody.append('metadata-changed', this.vaultSubject(), { field: 'user-signing-key', user: user.id, signingKey: key });
        this.recordCertified(user.id, key);
      } finally {
        this.certifying = false;
      }
    }
    return signer;
  }

  private vaultSubject() {
    return { kind: 'vault' as const, id: this.vaultId() };
  }

  private certifiedKeys(): Record<string, string> {
    return readMetaJson(this.db, CERTIFIED_KEY, CertifiedKeys, 'the users’ certified keys') ?? {};
  }

  private recordCertified(user: string, key: string): void {
    writeMetaJson(this.db, CERTIFIED_KEY, { ...this.certifiedKeys(), [user]: key });
  }

  private currentId(): string | undefined {
    return readMetaJson(this.db, CURRENT_KEY, z.string(), 'the current user');
  }

  list(): VaultUser[] {
    return readMetaJson(this.db, USERS_KEY, StoredUsers, 'the list of users') ?? [];
  }

  current(): VaultUser | null {
    const id = this.currentId();
    return (id && this.list().find((user) => user.id === id)) || null;
  }

  /** The custody actor: the current user's name, or null when nobody is named yet. */
  actor(): string | null {
    return this.current()?.name ?? null;
  }

  /** "Name, role" for a dossier cover, or undefined when nobody is named yet. */
  preparedBy(): string | undefined {
    const user = this.current();
    if (!user) return undefined;
    return user.role ? `${user.name}, ${user.role}` : user.name;
  }

  /**
   * Adds a user (no id) and makes them the current one, or renames / re-roles an existing user.
   * The event is recorded under the name of whoever acts now, so a rename shows who renamed whom.
   */
  save(input: { id?: string; name: string; role: string }): VaultUser {
    return this.db.transaction(() => {
      const users = this.list();
      const vault = this.vaultSubject();
      if (!input.id) {
        if (users.length >= MAX_USERS) throw new ArchiveError('validation', `a vault keeps at most ${MAX_USERS} users`);
        const user: VaultUser = { id: randomUUID(), name: input.name, role: input.role, addedAt: new Date().toISOString() };
        const signingKey = this.signingKeyOf(user.id);
        this.custody.append('metadata-changed', vault, {
          field: 'user',
          user: user.id,
          old: null,
          new: { name: user.name, role: user.role },
          signingKey,
        });
        this.recordCertified(user.id, signingKey);
        writeMetaJson(this.db, USERS_KEY, [...users, user]);
        writeMetaJson(this.db, CURRENT_KEY, user.id);
        return user;
      }
      const index = users.findIndex((user) => user.id === input.id);
      if (index === -1) throw new ArchiveError('not-found', 'no such user in this vault');
      const before = users[index]!;
      if (before.name === input.name && before.role === input.role) return before;
      const after = { ...before, name: input.name, role: input.role };
      this.custody.append('metadata-changed', vault, {
        field: 'user',
        user: before.id,
        old: { name: before.name, role: before.role },
        new: { name: after.name, role: after.role },
      });
      users[index] = after;
      writeMetaJson(this.db, USERS_KEY, users);
      return after;
    })();
  }

  /** Who is at the keyboard from now on; recorded under the name of the user who was before. */
  select(id: string): VaultUser {
    return this.db.transaction(() => {
      const user = this.list().find((candidate) => candidate.id === id);
      if (!user) throw new ArchiveError('not-found', 'no such user in this vault');
      if (this.currentId() === id) return user;
      this.custody.append('metadata-changed', { kind: 'vault', id: this.vaultId() }, { field: 'current-user', user: id, name: user.name });
      writeMetaJson(this.db, CURRENT_KEY, id);
      return user;
    })();
  }
}
