/** Answers of the app's own screens beyond cases and items (see shared/app-schemas.ts for the requests). */

export interface UserView {
  id: string;
  name: string;
  role: string;
  addedAt: string;
  current: boolean;
  /** The user's own Ed25519 key that countersigns their custody events (hex), and its fingerprint. */
  signingKey: string;
  fingerprint: string;
}

export interface UsersView {
  users: UserView[];
  /**
   * The vault's Ed25519 key that signs every custody event (hex) and its fingerprint; each user's
   * own key countersigns the events recorded while they are at the keyboard.
   */
  signingKey: string;
  fingerprint: string;
}

/** What a colleague needs to send this vault a package, and to check what it signs. */
export interface VaultIdentity {
  signingKey: string;
  receivingKey: string;
  fingerprint: string;
}

export interface Contact {
  id: string;
  name: string;
  receivingKey: string | null;
  signingKey: string | null;
  fingerprint: string | null;
  addedAt: string;
}

export interface RecentVault {
  folder: string;
  openedAt: string;
  state: 'locked' | 'missing' | 'unlocked';
  current: boolean;
}

/** An audit problem as the Integrity screen explains it: the item by title and case, and what to do. */
export interface IntegrityFinding {
  kind: string;
  message: string;
  item: { id: string; title: string; caseId: string; caseTitle: string } | null;
  /** When a user recorded this item as lost (the finding is then resolved). */
  lossRecorded: boolean;
}

/** The last audit that failed and what of it is still unresolved; null when the vault is fine. */
export interface IntegrityFailure {
  auditSeq: number;
  time: string;
  findings: IntegrityFinding[];
  unresolved: number;
}

export interface SubmissionResultView {
  file: string;
  /** Token for "Open" / "Show in folder". */
  output: string;
  dossierId: string;
  sha256: string;
  pages: number;
  cases: number;
}

export interface BagExportView {
  dir: string;
  output: string;
  externalIdentifier: string;
  files: number;
  bytes: number;
}

export interface BagCheckView {
  ok: boolean;
  dir: string;
  files: number;
  bytes: number;
  problems: Array<{ kind: string; message: string }>;
  warnings: string[];
  custody: { publicKey: string; events: number; ok: boolean; contact: string | null } | null;
}

export interface BagImportView {
  caseId: string;
  caseCreated: boolean;
  alreadyImported: boolean;
  imported: number;
}

export interface PackageExportView {
  file: string;
  output: string;
  items: number;
  bytes: number;
  recipient: string;
}

export interface PackageImportView {
  caseId: string;
  alreadyImported: boolean;
  items: number;
  sender: { signingKey: string; fingerprint: string; contact: string | null; vaultId: string };
}

/** A received dossier checked: what the problems mean is for the window to say in plain words. */
export interface DossierCheckView {
  intact: boolean;
  problems: Array<{ kind: string; message: string }>;
  dossierId: string | null;
  kind: string | null;
  pages: number;
  bates: { first: string; last: string } | null;
  exhibits: number;
  attachmentsChecked: number;
  publicKey: string | null;
  fingerprint: string | null;
  /** Who the signing key belongs to, when we know: this vault, or a pinned contact. */
  signer: { kind: 'this-vault' } | { kind: 'contact'; name: string } | null;
}

/** What attaching media to a dossier would add, shown before the export. */
export interface DossierEstimate {
  mediaFiles: number;
  mediaBytes: number;
  documentFiles: number;
}
