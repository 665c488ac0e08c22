// Issue #17, point 4 (bag part): bag-info.txt from outside is bounded. A 2 MB External-Identifier
// or an oversized bag-info.txt makes the bag invalid, so nothing of it reaches signed custody
// events or dossiers.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, test } from 'node:test';
import { Archive, nativePrimitives, verifyBag } from '../../electron/archive/index.ts';
import { PASSPHRASE, tempDir } from '../helpers/files.ts';

const root = tempDir('custodia-bounds-');
after(() => rmSync(root, { recursive: true, force: true }));

test('an over-long bag-info value or an oversized bag-info.txt makes the bag invalid and import-bag imports nothing', async () => {
  const { archive } = await Archive.create(path.join(root, 'vault'), PASSPHRASE);
  try {
    const caseId = archive.addCase({ title: 'Bounds' });
    writeFileSync(path.join(root, 'e.txt'), 'evidence');
    await archive.importFile(caseId, path.join(root, 'e.txt'));
    for (const [name, tamper] of [
      ['long-identifier', (info: string) => info.replace(/External-Identifier: .*/, `External-Identifier: ${'x'.repeat(2_000_000)}`)],
      ['huge-info', (info: string) => `${info}Source-Organization: ${'y'.repeat(70_000)}\n`],
    ] as const) {
      const bag = path.join(root, name);
      await archive.exportBag({ caseId, out: bag });
      const infoFile = path.join(bag, 'bag-info.txt');
      writeFileSync(infoFile, tamper(readFileSync(infoFile, 'utf8')));
      // A hostile sender leaves out the optional tag manifests (or rewrites them): bag-info itself must be bounded.
      for (const name of readdirSync(bag).filter((n) => n.startsWith('tagmanifest-'))) rmSync(path.join(bag, name));
      const report = await verifyBag(bag, nativePrimitives);
      assert.equal(report.ok, false, name);
      assert.ok(
        report.problems.some((p) => /at most/.test(p.message)),
        `${name}: ${JSON.stringify(report.problems.map((p) => p.message))}`,
      );
      const target = archive.addCase({ title: `Target ${name}` });
      await assert.rejects(archive.importBag(bag, { caseId: target }), /not valid, nothing was imported/);
      assert.equal(archive.getCase(target).items.length, 0);
    }
  } finally {
    archive.lock();
  }
});
