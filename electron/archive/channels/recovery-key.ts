import { PDFDocument } from 'pdf-lib';
import { writeDossierFile } from '../dossier/builder.ts';
import { embedFonts, Typesetter } from '../dossier/typesetter.ts';
import { ArchiveError } from '../errors.ts';

/** A normalised group as the user may type it: case, O/0 and I/L/1 forgiven, as unlocking forgives them. */
const normalise = (group: string) => group.trim().toUpperCase().replace(/O/g, '0').replace(/[IL]/g, '1');

/**
 * A recovery key just issued (at creation or on request) until the user shows it was written
 * down by typing two of its groups back; meanwhile it can be saved as a PDF. Held in memory only.
 */
export class IssuedRecoveryKey {
  private key: string | null = null;

  hold(key: string): void {
    this.key = key;
  }

  get pending(): boolean {
    return this.key !== null;
  }

  private held(): string {
    if (!this.key) throw new ArchiveError('not-found', 'no recovery key is waiting to be confirmed (issue a new one in Settings)');
    return this.key;
  }

  /** True and forgotten when both typed groups match their positions (1-based). */
  confirm(answers: Array<{ position: number; group: string }>): boolean {
    const groups = this.held().split('-');
    const positions = new Set(answers.map((answer) => answer.position));
    if (positions.size !== answers.length) throw new ArchiveError('validation', 'type two different groups');
    const right = answers.every(
      (answer) => groups[answer.position - 1] !== undefined && normalise(answer.group) === groups[answer.position - 1],
    );
    if (right) this.clear();
    return right;
  }

  /** The key on one A4 page (vault folder and date beside it), written atomically to `file`. */
  async savePdf(file: string, vault: { folder: string; vaultId: string }): Promise<void> {
    const key = this.held();
    const doc = await PDFDocument.create();
    doc.setTitle('Custodia recovery key');
    doc.setProducer('Custodia');
    const ts = new Typesetter(doc, await embedFonts(doc, 'recovery-key'));
    ts.newPage();
    ts.heading('Custodia recovery key');
    ts.text(
      'This key opens the vault below if the passphrase is forgotten. Anyone who has it and the vault folder can read everything in it.',
      {},
    );
    ts.space(6);
    ts.text('Print this page and keep it locked away, apart from the computer. Then delete this file and empty the trash.', { bold: true });
    ts.space(14);
    ts.text(key.split('-').join('  '), { size: 15, bold: true });
    ts.space(14);
    ts.fields([
      ['Vault folder', vault.folder],
      ['Vault id', vault.vaultId],
      ['Issued', new Date().toISOString().slice(0, 10)],
    ]);
    ts.endPage();
    await writeDossierFile(file, await doc.save());
  }

  clear(): void {
    this.key = null;
  }
}
