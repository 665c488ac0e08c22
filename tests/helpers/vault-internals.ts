/**
 * Tests only: what the engine keeps private behind the Archive — the session (keys, log, catalog)
 * and its key buffers — for tests that check keys are wiped or play a hostile sender.
 */
import type { Archive } from '../../electron/archive/archive.ts';
import type { VaultSession } from '../../electron/archive/session/vault-session.ts';
import { recordExported } from '../../electron/archive/services/export-record.ts';

export function sessionOf(archive: Archive): VaultSession {
  return (archive as unknown as { session: VaultSession }).session;
}

/** Every key buffer the session holds: master key, signing secret, receiving secret, derived keys. */
export function keyBuffersOf(archive: Archive): Buffer[] {
  const session = sessionOf(archive) as unknown as {
    masterKey: Buffer;
    signing: { secretKey: Buffer };
    receiving: { secretKey: Buffer };
    keys: Record<string, Buffer>;
  };
  return [session.masterKey, session.signing.secretKey, session.receiving.secretKey, ...Object.values(session.keys)];
}

/** The vault key's signature over any bytes: what a hostile sender with its own vault can make. */
export const signAnything = (archive: Archive, message: Uint8Array): Buffer => sessionOf(archive).sign(message);
export const checkpointNow = (archive: Archive, reason: string) => sessionOf(archive).writeCheckpoint(reason);
export const recordExport = (archive: Archive, subjects: { cases: string[]; items: string[] }, details: Record<string, unknown>) =>
  recordExported(sessionOf(archive), subjects, details);
