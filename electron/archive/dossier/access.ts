import type { CaseDetail, CaseSummary, PersonDetail } from '../../../shared/model.ts';
import type { Checkpoint, CustodyEvent } from '../custody/log.ts';
import type { DossierManifest } from './manifest.ts';
import type { ExportDetails } from '../services/export-record.ts';

/** What a dossier export may read from the vault: the cases, people and items it prints, nothing that writes. */
export interface DossierReader {
  /** The vault folder (an export is never written inside it). */
  readonly dir: string;
  readonly vaultId: string;
  readonly publicKey: string;
  listCases(): CaseSummary[];
  getCase(id: string): CaseDetail;
  getPerson(id: string): PersonDetail;
  readItem(id: string): AsyncIterable<Buffer>;
  custodyEvents(itemId: string): CustodyEvent[];
  /** An item's extracted text as indexed for search ('' when it has none): dossiers check it for protected names. */
  indexedText(itemId: string): string;
  /** The first unused Bates number of a prefix: numbers never repeat across the dossiers of this vault. */
  nextBatesNumber(prefix: string): number;
}

/**
 * The one signing capability a dossier export gets: it signs the manifest of THIS export (its id,
 * this vault) once, writes the checkpoint the manifest carries, and records the export once.
 * Its PDF signature signs only this export's file, once. There is no way through it to sign other bytes.
 */
export interface ManifestSeal {
  readonly dossierId: string;
  /** A fresh signed checkpoint of the custody log, for the manifest to carry. */
  checkpoint(reason: string): Checkpoint;
  /** The manifest's bytes and their Ed25519 signature; refuses another dossier's manifest or a second call. */
  sign(manifest: DossierManifest): { json: Buffer; signature: Buffer };
  /** The SHA-256 fingerprint of the vault's PDF-signing certificate, for the cover and the verification page. */
  pdfCertificate(): Promise<string>;
  /** The CMS signature (PAdES) of this dossier's PDF bytes; once, and only after its manifest is signed. */
  signPdf(content: Uint8Array): Promise<Buffer>;
  /** Records in the custody log that these cases and items went out in this export (once). */
  recordExported(subjects: { cases: string[]; items: string[] }, details: ExportDetails): void;
}
