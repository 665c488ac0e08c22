/** PDF exports for recipients: the case dossier, the multi-case submission, and their verification. */
export { exportCaseDossier, type CaseDossierOptions } from './case-dossier.ts';
export { verifyDossier, verifyDossierBytes, type DossierVerification, type DossierProblem } from './verify.ts';
export type { DossierResult, CommonExportOptions } from './common.ts';
export type { DossierProgress } from './builder.ts';
export type { DossierManifest, ManifestExhibit } from './manifest.ts';
export { DOSSIER_LANGUAGES, type DossierLanguage } from './labels.ts';
export { exportSubmission, parseCaseFilter, type SubmissionOptions } from './submission.ts';
