// A timeline event that cites an exhibit down to the page prints a pin cite in the dossier ("Exhibit 2, p. 2").
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { type Archive, exportCaseDossier } from '../../../electron/archive/index.ts';
import { makePdf } from '../../helpers/documents.ts';
import { assertQpdfCheck, pdfText } from '../../helpers/dossier-fixtures.ts';
import { openSeededSession, type SeededSession } from '../../helpers/seeded-session.ts';

let seeded: SeededSession;
let dir: string;
let archive: Archive;
let caseId: string;

after(() => seeded?.close());

before(async () => {
  seeded = await openSeededSession({ prefix: 'custodia-pin-cite-', case: { title: 'Pin cite case' }, person: false, item: false });
  ({ dir, archive, caseId } = seeded);
  const imported: string[] = [];
  for (const title of ['Complaint', 'Court decision']) {
    const file = path.join(dir, `${title}.pdf`);
    writeFileSync(file, makePdf([[`${title} page 1`], [`${title} page 2`], [`${title} page 3`]]));
    imported.push((await archive.importFile(caseId, file, { metadata: { type: 'court-decision', title } })).id);
  }
  archive.addTimelineEvent({
    caseId,
    date: '2022-03-14',
    kind: 'hearing',
    description: 'Hearing on the appeal',
    itemIds: imported,
    citations: [{ itemId: imported[1]!, page: 2 }],
  });
});

/** The summary's text (before the exhibits), with pdftotext's line breaks folded into spaces. */
function summaryText(out: string): string {
  return pdfText(out).replace(/\s+/g, ' ');
}

test('the dossier prints a timeline citation as a pin cite with the exhibit number and page, in English and Russian', async () => {
  const out = path.join(dir, 'en.pdf');
  await exportCaseDossier(archive, { caseId, out });
  assertQpdfCheck(out);
  const text = summaryText(out);
  assert.match(text, /Hearing on the appeal Cites: (Exhibit 1; Exhibit 2, p\. 2|Exhibit 2, p\. 2; Exhibit 1)/);

  const outRu = path.join(dir, 'ru.pdf');
  await exportCaseDossier(archive, { caseId, out: outRu, language: 'ru' });
  assert.match(summaryText(outRu), /Ссылки: .*Приложение 2, с\. 2/);
});
