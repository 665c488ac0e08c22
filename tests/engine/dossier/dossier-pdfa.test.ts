// The PDF/A-3b structure of a dossier and a submission, read back with qpdf --json and pdfinfo (not a
// conformance claim): XMP metadata with the PDF/A identification agreeing with the document
// information, an sRGB output intent whose ICC profile is well formed, the title shown in the
// window, the language, a file identifier, and every attachment with its AFRelationship.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';
import { exportCaseDossier, exportSubmission } from '../../../electron/archive/index.ts';
import { srgbToLinear } from '../../../electron/archive/dossier/srgb-profile.ts';
import { assertQpdfCheck } from '../../helpers/dossier-fixtures.ts';
import { cyrillicVault } from '../../helpers/submission-case.ts';

const vault = cyrillicVault('custodia-pdfa-', { tag: ' <&> "январь"' });
const { dir } = vault;

type Value = string | number | boolean | null | Value[] | { [key: string]: Value };
interface QpdfObject {
  value?: Value;
  stream?: { dict: Record<string, Value> };
}

function qpdfJson(file: string): { objects: Record<string, QpdfObject>; trailer: Record<string, Value> } {
  const result = spawnSync('qpdf', ['--json=2', '--json-key=qpdf', file], { encoding: 'utf8', maxBuffer: 256 << 20 });
  assert.equal(result.status, 0, result.stderr);
  const objects = (JSON.parse(result.stdout) as { qpdf: [unknown, Record<string, QpdfObject>] }).qpdf[1];
  return { objects, trailer: objects.trailer!.value as Record<string, Value> };
}

function streamBytes(file: string, ref: string): Buffer {
  const result = spawnSync('qpdf', [`--show-object=${ref.replace(/ R$/, '').replace(' ', ',')}`, '--filtered-stream-data', file], {
    maxBuffer: 64 << 20,
  });
  assert.equal(result.status, 0, result.stderr.toString());
  return result.stdout;
}

const text = (value: Value | undefined) => (typeof value === 'string' ? value.replace(/^[u/]:/, '') : value);

function checkStructure(file: string, language: string, titled: RegExp): void {
  assertQpdfCheck(file);
  const { objects, trailer } = qpdfJson(file);
  const get = (ref: Value | undefined) => objects[`obj:${String(ref)}`]!;
  const deref = (value: Value | undefined) => (typeof value === 'string' && / R$/.test(value) ? get(value).value : value);
  const catalog = get(trailer['/Root']).value as Record<string, Value>;
  assert.equal(text(catalog['/Lang']), language);
  assert.equal((deref(catalog['/ViewerPreferences']) as Record<string, Value>)['/DisplayDocTitle'], true);
  const id = trailer['/ID'] as string[];
  assert.equal(id.length, 2);
  assert.match(id[0]!, /^b:[0-9a-f]{32}$/);

  // XMP: an uncompressed XML metadata stream naming PDF/A-3B, with the info dictionary's title and dates.
  const metadataRef = catalog['/Metadata'] as string;
  assert.deepEqual(get(metadataRef).stream!.dict['/Type'], '/Metadata');
  assert.deepEqual(get(metadataRef).stream!.dict['/Subtype'], '/XML');
  assert.equal(get(metadataRef).stream!.dict['/Filter'], undefined, 'XMP stays readable without a filter');
  const xmp = streamBytes(file, metadataRef).toString('utf8');
  assert.match(xmp, /<pdfaid:part>3<\/pdfaid:part>/);
  assert.match(xmp, /<pdfaid:conformance>B<\/pdfaid:conformance>/);
  const info = get(trailer['/Info']).value as Record<string, Value>;
  const title = text(info['/Title']) as string;
  const unescaped = (xml: string) => xml.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));
  assert.equal(unescaped(/<dc:title><rdf:Alt><rdf:li xml:lang="x-default">(.*?)<\/rdf:li>/.exec(xmp)![1]!), title);
  assert.match(title, titled, 'markup characters in a title survive both places');
  const created = /^D:(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)/.exec(text(info['/CreationDate']) as string)!;
  assert.match(xmp, new RegExp(`<xmp:CreateDate>${created[1]}-${created[2]}-${created[3]}T${created[4]}:${created[5]}:${created[6]}Z`));
  assert.match(xmp, new RegExp(`<pdf:Producer>${text(info['/Producer'])}</pdf:Producer>`.replace(/[()]/g, '\\$&')));
  const pdfinfo = spawnSync('pdfinfo', ['-meta', file], { encoding: 'utf8' });
  assert.match(pdfinfo.stdout, /pdfaid:part>3</, 'poppler reads the XMP');

  // The output intent: sRGB, with a well-formed ICC profile for three components.
  const intent = deref((deref(catalog['/OutputIntents']) as Value[])[0]) as Record<string, Value>;
  assert.equal(intent['/S'], '/GTS_PDFA1');
  assert.equal(text(intent['/OutputConditionIdentifier']), 'sRGB IEC61966-2.1');
  const profileRef = intent['/DestOutputProfile'] as string;
  assert.equal(get(profileRef).stream!.dict['/N'], 3);
  checkIccProfile(streamBytes(file, profileRef));

  // Every embedded file is associated with the document and says how.
  const specs = deref(catalog['/AF']) as string[];
  assert.ok(specs.length >= 2, 'the manifest and its signature at least');
  for (const spec of specs) {
    const dict = get(spec).value as Record<string, Value>;
    assert.equal(dict['/AFRelationship'], '/Supplement');
    const embedded = get((dict['/EF'] as Record<string, Value>)['/F']).stream!.dict;
    assert.match(String(embedded['/Subtype']), /^\//, 'a MIME type as the subtype');
  }
}

/** Reads the ICC profile as a colour engine would: header, tag table inside the file, white = sum of the primaries, the sRGB curve. */
function checkIccProfile(icc: Buffer): void {
  assert.equal(icc.readUInt32BE(0), icc.length, 'the declared size is the size');
  assert.equal(icc.toString('ascii', 12, 16), 'mntr');
  assert.equal(icc.toString('ascii', 16, 20), 'RGB ');
  assert.equal(icc.toString('ascii', 20, 24), 'XYZ ');
  assert.equal(icc.toString('ascii', 36, 40), 'acsp');
  const tags = new Map<string, Buffer>();
  for (let i = 0; i < icc.readUInt32BE(128); i++) {
    const [offset, size] = [icc.readUInt32BE(136 + i * 12), icc.readUInt32BE(140 + i * 12)];
    assert.ok(offset % 4 === 0 && offset + size <= icc.length, 'a tag lies inside the profile, aligned');
    tags.set(icc.toString('ascii', 132 + i * 12, 136 + i * 12), icc.subarray(offset, offset + size));
  }
  for (const required of ['desc', 'cprt', 'wtpt', 'rXYZ', 'gXYZ', 'bXYZ', 'rTRC', 'gTRC', 'bTRC']) assert.ok(tags.has(required), required);
  assert.match(tags.get('desc')!.toString('latin1'), /sRGB IEC61966-2\.1/);
  const xyz = (tag: string) => [0, 1, 2].map((i) => tags.get(tag)!.readInt32BE(8 + i * 4) / 65536);
  const white = xyz('wtpt');
  const sum = [0, 1, 2].map((i) => xyz('rXYZ')[i]! + xyz('gXYZ')[i]! + xyz('bXYZ')[i]!);
  sum.forEach((value, i) => assert.ok(Math.abs(value - white[i]!) < 0.002, `full red+green+blue is the white point (${sum} vs ${white})`));
  const curve = tags.get('rTRC')!;
  assert.equal(curve.toString('ascii', 0, 4), 'curv');
  const points = curve.readUInt32BE(8);
  const at = (x: number) => curve.readUInt16BE(12 + Math.round(x * (points - 1)) * 2) / 65535;
  assert.ok(Math.abs(at(0.5) - srgbToLinear(0.5)) < 0.001 && Math.abs(at(0.5) - 0.214) < 0.001, 'mid grey is 21.4 % light');
  assert.equal(at(0), 0);
  assert.equal(at(1), 1);
}

test('a case dossier carries the PDF/A-3b document structure', async () => {
  const out = path.join(dir, 'dossier-ru.pdf');
  await exportCaseDossier(vault.archive, { caseId: vault.fixture.caseId, out, language: 'ru', attachOriginals: true });
  checkStructure(out, 'ru', /<&> "январь"/);
});

test('a submission carries the same structure, in Kazakh', async () => {
  const out = path.join(dir, 'submission-kk.pdf');
  await exportSubmission(vault.archive, { out, language: 'kk', caseIds: [vault.fixture.caseId], title: 'Өтініш <2022>' });
  checkStructure(out, 'kk', /^Өтініш <2022>$/);
});
