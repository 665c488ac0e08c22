/**
 * The engine's only door: the CLI, the IPC handlers, the browser bridge and the app shell import
 * from here and nowhere else inside electron/archive (eslint.config.js enforces it; see
 * docs/architecture.md).
 */
export { Archive, exportCaseDossier, exportSubmission, type ArchiveOptions, type VerifyReport } from './archive.ts';
export { parseInput } from './parse-input.ts';
export type { ImportResult, BatchImportEntry, ImportProgress } from './services/imports.ts';
export { currentActor, type Clock } from './session/vault-session.ts';
export { ArchiveError, IntegrityError, isArchiveError } from './errors.ts';
export { inspectFolder, DEFAULT_KDF, type Unlocker, type FolderState } from './vault/vault.ts';
export { HEADER_FILE } from './vault/header.ts';
export { nativePrimitives, loadWasmPrimitives, type Primitives } from './crypto/index.ts';
export { ArchiveHost } from './host.ts';
export { defaultVaultDir, userDataDir } from './paths.ts';
export { buildDemoVault, DEMO_PASSPHRASE } from './demo/build.ts';
export { MEDIA_PREFIX, type MediaAnswer } from './media/tickets.ts';
export {
  verifyDossier,
  DOSSIER_LANGUAGES,
  type DossierLanguage,
  type DossierResult,
  type DossierVerification,
  type DossierProgress,
} from './dossier/index.ts';
/** The short form of a public key that people compare aloud: the first 128 bits of its SHA-256, in groups of four. */
export { keyFingerprint } from './dossier/manifest.ts';
export { verifyBag, type BagReport, type BagProblem } from './exchange/bag-verify.ts';
export type { AuditProgress, LastAudit } from './audit/fixity.ts';
export { assertOutsideVault } from './exports.ts';
export { restoreReplica, type RestoreReport } from './replica/restore.ts';
export { syncthingStatus, type SyncthingReport } from './replica/syncthing.ts';
export type { ReplicaState } from './replica/link.ts';
