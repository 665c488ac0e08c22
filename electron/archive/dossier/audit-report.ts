import { PDFDocument } from 'pdf-lib';
import { embedFonts, Typesetter } from './typesetter.ts';
import { writeDossierFile } from './builder.ts';

/** What an audit report shows: the audit's own report plus who ran it on which vault. */
export interface AuditReportInput {
  vaultId: string;
  publicKey: string;
  actor: string;
  report: {
    ok: boolean;
    mode: 'full' | 'sample';
    samplePercent: number;
    events: number;
    signatures: number;
    blobs: number;
    blobsInVault: number;
    bytes: number;
    startedAt: string;
    finishedAt: string;
    durationMs: number;
    bytesPerSecond: number;
    auditEvent: number;
    problems: Array<{ kind: string; message: string }>;
  };
}

/**
 * A fixity audit as the two files an archivist files away: the JSON report (for machines and
 * later comparison) and a one-to-few-page PDF (for the paper file), written side by side, each
 * to a temporary name first. The PDF restates the JSON; the custody event number ties both to the
 * signed log.
 */
export async function writeAuditReports(input: AuditReportInput, jsonFile: string, pdfFile: string): Promise<void> {
  await writeDossierFile(jsonFile, Buffer.from(`${JSON.stringify({ type: 'custodia-audit-report', v: 1, ...input }, null, 2)}\n`));
  await writeDossierFile(pdfFile, await auditReportPdf(input));
}

async function auditReportPdf({ vaultId, publicKey, actor, report }: AuditReportInput): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(`Custodia fixity audit ${report.finishedAt}`);
  doc.setProducer('Custodia');
  const ts = new Typesetter(doc, await embedFonts(doc, 'audit-report'));
  ts.newPage();
  ts.heading('Fixity audit report');
  ts.text(
    report.ok
      ? 'Result: every file checked is intact and the custody log verifies.'
      : `Result: ${report.problems.length} problem(s) found.`,
    {
      bold: true,
    },
  );
  ts.space(8);
  const mb = (report.bytes / 1e6).toFixed(1);
  ts.fields([
    ['Vault', vaultId],
    ['Signing key', publicKey],
    ['Run by', actor],
    ['Started', report.startedAt],
    ['Finished', report.finishedAt],
    ['Scope', report.mode === 'full' ? 'every file' : `a random sample of ${report.samplePercent}% of the files`],
    ['Files re-hashed', `${report.blobs} of ${report.blobsInVault} (${mb} MB at ${(report.bytesPerSecond / 1e6).toFixed(0)} MB/s)`],
    ['Custody events', `${report.events} checked (hashes and links); ${report.signatures} signatures checked one by one`],
    ['Recorded as', `custody event #${report.auditEvent}`],
  ]);
  if (report.problems.length > 0) {
    ts.space(10);
    ts.heading('Problems', 2);
    ts.table(
      [
        { title: 'Kind', width: 120 },
        { title: 'What', width: 363 },
      ],
      report.problems.map((problem) => [problem.kind, problem.message]),
    );
  }
  ts.endPage();
  return doc.save();
}
