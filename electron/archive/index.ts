/** The engine's only door: the CLI, the IPC handlers and the browser bridge import from here. */
export { Archive, parseInput, type ImportResult, type ArchiveOptions, type BatchImportEntry, type ImportProgress } from './archive.ts';
export { ArchiveError, IntegrityError, isArchiveError } from './errors.ts';
export { inspectFolder, DEFAULT_KDF, type Unlocker, type FolderState } from './vault/vault.ts';
export { HEADER_FILE } from './vault/header.ts';
export { nativePrimitives, loadWasmPrimitives, type Primitives } from './crypto/index.ts';
export { ArchiveHost } from './host.ts';
export { defaultVaultDir, userDataDir } from './paths.ts';
export {
  exportCaseDossier,
  exportSubmission,
  verifyDossier,
  DOSSIER_LANGUAGES,
  type DossierLanguage,
  type DossierResult,
  type DossierVerification,
  type DossierProgress,
} from './dossier/index.ts';
export { verifyBag, type BagReport, type BagProblem } from './integrity/bag-verify.ts';
export type { AuditProgress, LastAudit } from './integrity/audit.ts';
export { assertOutsideVault } from './exports.ts';
export { restoreReplica, type RestoreReport } from './replica/restore.ts';
export { syncthingStatus, type SyncthingReport } from './replica/syncthing.ts';
export type { ReplicaState } from './replica/link.ts';
