// Dossier benchmark: a case of 50 ten-page PDFs (500 exhibit pages) exported as one dossier.
// Prints the export time and the peak resident memory of the export (Linux: VmHWM after resetting
// it through /proc/self/clear_refs, so the vault's Argon2id unlock is not counted), then the time
// verify-dossier takes. Targets: under 5 s and under 500 MB. Set BENCH_DOCS / BENCH_PAGES to vary.
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { Archive, exportCaseDossier, verifyDossier } from '../../electron/archive/index.ts';
import { PASSPHRASE, tempDir } from '../helpers/files.ts';

const documents = Number(process.env.BENCH_DOCS ?? 50);
const pagesEach = Number(process.env.BENCH_PAGES ?? 10);
const dir = tempDir('custodia-bench-dossier-');

/** A court-document-like PDF: pages of set text, made with pdf-lib. */
async function makeDocument(index: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.TimesRoman);
  for (let p = 0; p < pagesEach; p++) {
    const page = doc.addPage([595.28, 841.89]);
    page.drawText(`Document ${index + 1}, page ${p + 1}`, { x: 72, y: 780, size: 14, font });
    for (let line = 0; line < 45; line++) {
      page.drawText(`Line ${line + 1}: the court heard the parties and examined the case file, volume ${index + 1}.`, {
        x: 72,
        y: 750 - line * 15,
        size: 10,
        font,
      });
    }
  }
  return doc.save();
}

function resetPeakRss(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

function peakRssMb(): number {
  const status = readFileSync('/proc/self/status', 'utf8');
  const match = /VmHWM:\s+(\d+) kB/.exec(status);
  return match ? Number(match[1]) / 1024 : process.resourceUsage().maxRSS / 1024;
}

try {
  const { archive } = await Archive.create(path.join(dir, 'vault'), PASSPHRASE);
  const caseId = archive.addCase({ title: 'Benchmark case', status: 'pre-trial-detention' });
  let started = performance.now();
  for (let i = 0; i < documents; i++) {
    const file = path.join(dir, `document-${String(i + 1).padStart(3, '0')}.pdf`);
    writeFileSync(file, await makeDocument(i));
    await archive.importFile(caseId, file, { metadata: { type: 'court-decision', title: `Document ${i + 1}` } });
    rmSync(file);
  }
  const importMs = performance.now() - started;

  const out = path.join(dir, 'dossier.pdf');
  globalThis.gc?.();
  const peakReset = resetPeakRss();
  const rssBefore = process.memoryUsage().rss / 1024 / 1024;
  started = performance.now();
  const cpuBefore = process.cpuUsage();
  const result = await exportCaseDossier(archive, { caseId, out, batesPrefix: 'BENCH' });
  const exportMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const peak = peakRssMb();
  archive.lock();

  started = performance.now();
  const verification = await verifyDossier(out);
  const verifyMs = performance.now() - started;

  const seconds = exportMs / 1000;
  const rows: Array<[string, string]> = [
    ['exhibits (PDFs x pages)', `${documents} x ${pagesEach}`],
    ['import (for reference)', `${(importMs / 1000).toFixed(2)} s`],
    ['dossier pages', String(result.pages)],
    ['dossier size', `${(statSync(out).size / 1e6).toFixed(1)} MB`],
    ['export time', `${seconds.toFixed(2)} s  (target < 5 s: ${seconds < 5 ? 'ok' : 'OVER'})`],
    // CPU time is less sensitive than wall time to other work on a shared machine.
    ['export CPU (user + system)', `${((cpu.user + cpu.system) / 1e6).toFixed(2)} s`],
    [
      peakReset ? 'peak RSS during export' : 'peak RSS of the process',
      `${peak.toFixed(0)} MB  (RSS before ${rssBefore.toFixed(0)} MB; target < 500 MB: ${peak < 500 ? 'ok' : 'OVER'})`,
    ],
    ['verify-dossier', `${(verifyMs / 1000).toFixed(2)} s, ${verification.intact ? 'intact' : 'NOT INTACT'}`],
  ];
  for (const [name, value] of rows) process.stdout.write(`${name.padEnd(26)} ${value}\n`);
  if (seconds >= 5 || peak >= 500 || !verification.intact) process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
