/**
 * The dossier manifest: what a recipient's machine checks. It is attached as manifest.json (these
 * exact bytes) with manifest.sig, the raw 64-byte Ed25519 signature of those bytes by the vault's key.
 */
import { createHash } from 'node:crypto';
import type { Checkpoint } from '../custody/log.ts';

export const MANIFEST_FILE = 'manifest.json';
export const SIGNATURE_FILE = 'manifest.sig';
export const MANIFEST_TYPE = 'custodia-dossier-manifest';

export interface ManifestExhibit {
  /** As printed in the index ("3", or "2.3" in a submission: case 2, exhibit 3). */
  number: string;
  itemId: string;
  caseId: string;
  title: string;
  type: string;
  mimeType: string;
  size: number;
  sha256: string;
  /** Pages of this PDF that show the exhibit; null when it is attached or listed only. */
  bates: { first: string; last: string } | null;
  /** pages: shown on pages; attached: the original file is attached; listed: indexed only, available on request. */
  included: 'pages' | 'attached' | 'listed';
  attachment: string | null;
  /** Why an exhibit is not shown on pages (damaged, encrypted, too large, media). */
  note: string | null;
}

export interface DossierManifest {
  type: typeof MANIFEST_TYPE;
  v: 2;
  kind: 'case-dossier' | 'submission';
  dossierId: string;
  createdAt: string;
  vaultId: string;
  signature: 'ed25519';
  hash: 'sha256';
  publicKey: string;
  cases: Array<{ id: string; title: string }>;
  pages: number;
  bates: { prefix: string; first: string; last: string };
  /**
   * SHA-256 of everything each page draws (its dictionary, content streams and resources, recursively;
   * see PageHasher), in page order; null for the verification pages, which show this manifest.
   */
  pageHashes: Array<string | null>;
  exhibits: ManifestExhibit[];
  withheld: {
    cases: number;
    /** Exhibits left out as confidential. */
    exhibits: number;
    /** Exhibits left out because their text names a protected person. */
    exhibitsNamingProtected: number;
    /** Exhibits included at the sender's request although they name a protected person (not redacted). */
    unredactedExhibits: number;
    pseudonymisedPersons: number;
  };
  attachments: Array<{ name: string; size: number; sha256: string }>;
  custody: Checkpoint;
}

export const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** The manifest as attached: readable JSON, UTF-8, ending in a newline. The signature covers exactly these bytes. */
export function manifestBytes(manifest: DossierManifest): Buffer {
  return Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
}

/** The same short form `custodia identity` prints: the first 128 bits of SHA-256(public key), in groups of four. */
export function keyFingerprint(publicKeyHex: string): string {
  return createHash('sha256').update(Buffer.from(publicKeyHex, 'hex')).digest('hex').slice(0, 32).match(/.{4}/g)!.join(' ');
}

/** Reads a manifest, checking only the fields verification relies on (its signature vouches for the rest). */
export function parseManifest(bytes: Uint8Array): DossierManifest {
  const value = JSON.parse(Buffer.from(bytes).toString('utf8')) as Partial<DossierManifest>;
  const isHex = (text: unknown, length: number) => typeof text === 'string' && new RegExp(`^[0-9a-f]{${length}}$`).test(text);
  if (value.type !== MANIFEST_TYPE || value.v !== 2) throw new Error('it is not a Custodia dossier manifest of version 2');
  if (!isHex(value.publicKey, 64)) throw new Error('its public key is not 64 hex digits');
  if (!Array.isArray(value.attachments) || !Array.isArray(value.exhibits)) throw new Error('it lists no attachments or exhibits');
  if (!value.attachments.every((a) => typeof a?.name === 'string' && isHex(a.sha256, 64) && Number.isSafeInteger(a.size)))
    throw new Error('an attachment entry lacks a name, size or SHA-256');
  if (!Number.isSafeInteger(value.pages) || !value.bates || typeof value.bates.prefix !== 'string')
    throw new Error('it has no page count or Bates range');
  if (!Array.isArray(value.pageHashes) || !value.pageHashes.every((h) => h === null || isHex(h, 64)))
    throw new Error('it has no list of page hashes');
  return value as DossierManifest;
}
