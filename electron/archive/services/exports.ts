import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Checkpoint } from '../custody/log.ts';
import type { DossierReader, ManifestSeal } from '../dossier/access.ts';
import {
  exportCaseDossier,
  exportSubmission,
  type CaseDossierOptions,
  type DossierResult,
  type SubmissionOptions,
} from '../dossier/index.ts';
import { manifestBytes } from '../dossier/manifest.ts';
import { assertOutsideVault } from '../exports.ts';
import { writeFileAtomicSync } from '../fs-durable.ts';
import type { VaultSession } from '../session/vault-session.ts';
import { recordExported } from './export-record.ts';

/** Exports for people outside Custodia: the custody log as JSON lines, the case dossier and the submission (PDF). */
export class ExportService {
  private readonly session: VaultSession;
  private readonly reader: DossierReader;
  constructor(session: VaultSession, reader: DossierReader) {
    this.session = session;
    this.reader = reader;
  }

  /**
   * Writes the log as JSON lines (header with the public key, every event, a signed checkpoint)
   * for a third party to check without Custodia. Records the export first so it is included.
   */
  exportLog(outFile: string): { events: number; checkpoint: Checkpoint } {
    const s = this.session;
    s.assertUnlocked();
    assertOutsideVault(outFile, s.dir, 'the custody log');
    s.custody.record('exported', { kind: 'vault', id: s.vaultId }, { what: 'custody log', to: path.basename(outFile) });
    const checkpoint = s.writeCheckpoint('log export');
    const header = { type: 'custodia-custody-log', v: 1, vaultId: s.vaultId, publicKey: s.publicKey, signature: 'ed25519', hash: 'sha256' };
    const lines = [JSON.stringify(header)];
    let events = 0;
    for (const event of s.custody.iterate()) {
      lines.push(JSON.stringify({ type: 'event', ...event }));
      events++;
    }
    lines.push(JSON.stringify(checkpoint));
    writeFileAtomicSync(path.resolve(outFile), `${lines.join('\n')}\n`);
    return { events, checkpoint };
  }

  caseDossier(options: CaseDossierOptions): Promise<DossierResult> {
    this.session.assertUnlocked();
    return exportCaseDossier(this.reader, this.seal(), options);
  }

  submission(options: SubmissionOptions): Promise<DossierResult> {
    this.session.assertUnlocked();
    return exportSubmission(this.reader, this.seal(), options);
  }

  /** A seal for one new dossier: it can sign that dossier's manifest and nothing else. */
  private seal(): ManifestSeal {
    const s = this.session;
    const dossierId = randomUUID();
    let signed: Buffer | undefined;
    let pdfSigned = false;
    let recorded = false;
    return {
      dossierId,
      checkpoint: (reason) => {
        s.assertUnlocked();
        return s.writeCheckpoint(reason);
      },
      sign: (manifest) => {
        if (signed) throw new Error('this dossier manifest is already signed');
        if (manifest.dossierId !== dossierId || manifest.vaultId !== s.vaultId || manifest.publicKey !== s.publicKey)
          throw new Error('a manifest seal signs only the manifest of its own dossier');
        const json = manifestBytes(manifest);
        signed = json;
        return { json, signature: s.sign(json) };
      },
      pdfCertificate: async () => (await s.documentCertificate()).fingerprint,
      signPdf: (content) => {
        if (!signed || pdfSigned) throw new Error('a dossier PDF is signed once, after its manifest');
        // The manifest is attached uncompressed: a PDF without this export's manifest is not signed.
        if (!Buffer.from(content.buffer, content.byteOffset, content.byteLength).includes(signed))
          throw new Error('a manifest seal signs only the PDF that carries its own manifest');
        pdfSigned = true;
        return s.signPdfContent(content);
      },
      recordExported: (subjects, details) => {
        if (recorded) throw new Error('this dossier export is already recorded');
        recorded = true;
        recordExported(s, subjects, details);
      },
    };
  }
}
