import { z } from 'zod';
import {
  ARGON2_MEMLIMIT_MAX_ACCEPTED,
  ARGON2_MEMLIMIT_MODERATE,
  ARGON2_OPSLIMIT_MAX_ACCEPTED,
  ARGON2_OPSLIMIT_MODERATE,
  KEY_BYTES,
  SALT_BYTES,
  TAG_BYTES,
  XNONCE_BYTES,
} from '../crypto/index.ts';
import { ArchiveError } from '../errors.ts';

/**
 * The only clear-text file of a vault: format version, KDF parameters, salts and the master key
 * wrapped twice (passphrase slot, recovery slot). Parsed strictly and bounded before any KDF runs.
 */
export const HEADER_FILE = 'custodia-vault.json';
export const FORMAT_NAME = 'custodia-vault';
export const FORMAT_VERSION = 1;

const base64Of = (bytes: number) =>
  z
    .string()
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'must be base64')
    .refine((value) => Buffer.from(value, 'base64').length === bytes, `must decode to ${bytes} bytes`);

const wrapped = { nonce: base64Of(XNONCE_BYTES), wrappedKey: base64Of(KEY_BYTES + TAG_BYTES) };

const PassphraseSlot = z
  .object({
    kdf: z.literal('argon2id13'),
    opslimit: z
      .number()
      .int()
      .min(ARGON2_OPSLIMIT_MODERATE, 'is below the MODERATE level')
      .max(ARGON2_OPSLIMIT_MAX_ACCEPTED, 'is absurdly high'),
    memlimit: z
      .number()
      .int()
      .min(ARGON2_MEMLIMIT_MODERATE, 'is below the MODERATE level')
      .max(ARGON2_MEMLIMIT_MAX_ACCEPTED, 'asks for absurd memory'),
    salt: base64Of(SALT_BYTES),
    ...wrapped,
  })
  .strict();

const RecoverySlot = z.object({ kdf: z.literal('blake2b-keyed'), salt: base64Of(SALT_BYTES), ...wrapped }).strict();

const VaultHeaderSchema = z
  .object({
    format: z.literal(FORMAT_NAME),
    version: z.literal(FORMAT_VERSION),
    vaultId: z.uuid(),
    passphrase: PassphraseSlot,
    recovery: RecoverySlot,
    /** BLAKE2b keyed with a master-key subkey over everything above: detects edits to either slot. */
    mac: base64Of(32),
  })
  .strict();

export type VaultHeader = z.infer<typeof VaultHeaderSchema>;
export type PassphraseSlot = z.infer<typeof PassphraseSlot>;
export type RecoverySlot = z.infer<typeof RecoverySlot>;

export const MAX_HEADER_BYTES = 4096;

export function parseHeader(text: string): VaultHeader {
  if (text.length > MAX_HEADER_BYTES) throw new ArchiveError('integrity', 'vault header is too large to be genuine');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ArchiveError('integrity', 'vault header is not valid JSON (damaged)');
  }
  // A header with our slots but a damaged "format" is a damaged vault header, not someone else's file.
  if (typeof json === 'object' && json && (json as { format?: unknown }).format !== FORMAT_NAME && !('passphrase' in json)) {
    throw new ArchiveError('foreign-folder', 'this folder holds a file named like a vault header, but it is not a Custodia vault');
  }
  const parsed = VaultHeaderSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ArchiveError('integrity', `vault header rejected: ${issue.path.join('.')} ${issue.message}`);
  }
  return parsed.data;
}

/** Associated data binding a wrapped key to its slot's parameters, so a changed parameter fails to unwrap. */
export function slotAd(
  vaultId: string,
  slotName: 'passphrase' | 'recovery',
  slot: Omit<PassphraseSlot, 'nonce' | 'wrappedKey'> | Omit<RecoverySlot, 'nonce' | 'wrappedKey'>,
): Buffer {
  const params = 'opslimit' in slot ? `${slot.kdf}|${slot.opslimit}|${slot.memlimit}|${slot.salt}` : `${slot.kdf}|${slot.salt}`;
  return Buffer.from(`${FORMAT_NAME}|v${FORMAT_VERSION}|${vaultId}|${slotName}|${params}`, 'utf8');
}

/** The bytes the header MAC covers: every field but the MAC, in a fixed order. */
export function macInput(header: Omit<VaultHeader, 'mac'>): Buffer {
  return Buffer.from(JSON.stringify([header.format, header.version, header.vaultId, header.passphrase, header.recovery]), 'utf8');
}

export function serializeHeader(header: VaultHeader): string {
  return `${JSON.stringify(header, null, 2)}\n`;
}
