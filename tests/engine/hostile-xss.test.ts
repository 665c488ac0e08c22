// Markup and script in every text field the engine stores: case, charges, status, person, item
// metadata and acquisition, upload name, source, timeline, power of attorney, withdrawal. Text is
// data: each string comes back byte for byte (not escaped, not stripped, not interpreted) from
// every read, search and the custody log. Fields with a format (dates, URLs, enums) refuse it.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { Archive, exportCaseDossier } from '../../electron/archive/index.ts';
import { PushedBytes } from '../../electron/archive/ingest/pushed-bytes.ts';
import { PASSPHRASE, tempDir } from '../helpers/files.ts';

/** The classic payloads, each at most 50 characters (the shortest free-text limit, an item's language). */
export const XSS_PAYLOADS = [
  '<img src=x onerror=alert(1)>',
  '<script>alert(document.domain)</script>',
  'javascript:alert(1)',
  '"><svg onload=alert(1)>',
  "'-alert(1)-'",
  '{{constructor.constructor("alert(1)")()}}',
  '</textarea><iframe srcdoc="<b>x">',
  '&lt;script&gt;alert(1)&lt;/script&gt;',
  '${alert(1)}`<style>*{display:none}</style>',
  '[[x]] <a href="javascript:alert(1)">link</a>',
] as const;

const root = tempDir('custodia-hostile-xss-');
let archive: Archive;

before(async () => {
  ({ archive } = await Archive.create(path.join(root, 'vault'), PASSPHRASE));
});

after(() => {
  archive?.lock();
  rmSync(root, { recursive: true, force: true });
});

async function importBytes(caseId: string, name: string, content: string, options: { metadata?: unknown; acquisition?: unknown }) {
  const bytes = new PushedBytes(Buffer.byteLength(content));
  const done = archive.importSource(caseId, bytes, { originalName: name, modifiedAt: null, label: name }, options);
  await bytes.push(Buffer.from(content));
  bytes.end();
  return done;
}

test('every free-text field stores and returns each payload verbatim', async (t) => {
  let fields = 0;
  for (const [n, payload] of XSS_PAYLOADS.entries()) {
    const short = payload.slice(0, 20); // a charge's part is at most 20 characters
    const caseId = archive.addCase({
      title: payload,
      reference: payload,
      region: payload,
      city: payload,
      narrative: `${payload}\n${payload}`,
      tags: [payload],
      status: 'other',
      statusOther: payload,
      charges: [{ code: payload, article: '272', part: short, title: payload }],
    });
    archive.setCaseStatus(caseId, { status: 'other', statusOther: payload });
    // An alias equal to the name is dropped by design, so the alias carries a prefix.
    const personId = archive.addPerson({ name: payload, aliases: [`aka ${payload}`], notes: payload }, { caseId, role: 'defendant' });
    const metadata = { title: payload, issuingBody: payload, language: payload, description: payload };
    const acquisition = { obtainedFrom: payload, method: payload, obtainedBy: payload };
    const item = await importBytes(caseId, payload, `evidence ${n}`, { metadata, acquisition });
    const sourceId = archive.addSource({
      caseId,
      url: 'https://example.org/report',
      title: payload,
      publisher: payload,
      accessedAt: '2024-01-01',
    });
    const eventId = archive.addTimelineEvent({
      caseId,
      date: '2024-01-02',
      kind: 'other',
      description: payload,
      itemIds: [item.id],
      personIds: [personId],
    });
    const poaId = archive.addPowerOfAttorney({
      caseId,
      grantorPersonId: personId,
      representative: payload,
      scope: ['other'],
      issued: '2024-01-03',
    });
    archive.withdrawItem({ itemId: item.id, reason: payload });

    const detail = archive.getCase(caseId, { includeWithdrawn: true });
    const stored = {
      title: detail.title,
      reference: detail.reference,
      region: detail.region,
      city: detail.city,
      tags: detail.tags[0],
      statusOther: detail.statusHistory.at(-1)!.statusOther,
      firstStatusOther: detail.statusHistory[0]!.statusOther,
      chargeCode: detail.charges[0]!.code,
      chargeTitle: detail.charges[0]!.title,
      personName: detail.persons[0]!.name,
      sourceTitle: detail.sources.find((s) => s.id === sourceId)!.title,
      sourcePublisher: detail.sources.find((s) => s.id === sourceId)!.publisher,
      timeline: detail.timeline.find((e) => e.id === eventId)!.description,
      representative: detail.powersOfAttorney.find((p) => p.id === poaId)!.representative,
      poaCaseTitle: detail.powersOfAttorney.find((p) => p.id === poaId)!.caseTitle,
      poaGrantor: detail.powersOfAttorney.find((p) => p.id === poaId)!.grantorName,
      listedTitle: archive.listCases().find((c) => c.id === caseId)!.title,
    };
    for (const [field, value] of Object.entries(stored)) assert.equal(value, payload, `case ${field}`);
    assert.equal(detail.narrative, `${payload}\n${payload}`);
    assert.equal(detail.charges[0]!.part, short);

    const person = archive.getPerson(personId);
    assert.deepEqual([person.name, person.aliases[0], person.notes], [payload, `aka ${payload}`, payload], 'person');

    const storedItem = archive.getItem(item.id);
    assert.deepEqual(
      [
        storedItem.originalName,
        storedItem.title,
        storedItem.issuingBody,
        storedItem.language,
        storedItem.description,
        storedItem.withdrawnReason,
      ],
      Array(6).fill(payload),
      'item',
    );
    assert.deepEqual(storedItem.acquisition, { obtainedFrom: payload, method: payload, obtainedAt: null, obtainedBy: payload });

    // The custody log keeps what was acquired, imported and withdrawn exactly as given.
    const events = archive.custodyEvents(item.id);
    const acquired = events.find((e) => e.action === 'acquired')!;
    assert.deepEqual([acquired.details.obtainedFrom, acquired.details.method, acquired.details.obtainedBy], [payload, payload, payload]);
    assert.equal(events.find((e) => e.action === 'imported')!.details.originalName, payload);
    assert.equal(events.find((e) => e.action === 'withdrawn')!.details.reason, payload);
    fields += Object.keys(stored).length + 2 + 3 + 6 + 4 + 2;
  }
  t.diagnostic(JSON.stringify({ payloads: XSS_PAYLOADS.length, fieldChecks: fields }));
});

test('search returns titles verbatim and snippets with the markup as plain text', () => {
  const hits = archive.searchAll({ query: 'onerror', limit: 100 });
  const kinds = new Set(hits.map((hit) => hit.kind));
  assert.ok(kinds.has('case') && kinds.has('person'), JSON.stringify(hits.map((hit) => hit.kind)));
  const caseHit = hits.find((hit) => hit.kind === 'case' && hit.title === XSS_PAYLOADS[0]);
  assert.ok(caseHit, 'the case is found with its title as stored');
  assert.ok(caseHit.snippet.includes('<img') && caseHit.snippet.includes('onerror'), caseHit.snippet);
  assert.ok(!/&lt;|&gt;|&amp;/.test(caseHit.snippet), 'nothing is HTML-escaped by the engine (escaping is the renderer’s job)');
  const escaped = archive.searchAll({ query: 'lt script gt', limit: 100 });
  assert.ok(
    escaped.some((hit) => hit.title === XSS_PAYLOADS[7]),
    `pre-escaped text stays escaped: ${JSON.stringify(escaped.map((h) => h.title))}`,
  );
});

test('fields with a format refuse markup: dates, URLs, enums, article numbers, ids', () => {
  const caseId = archive.addCase({ title: 'Formats' });
  const personId = archive.addPerson({ name: 'Grantor' });
  const refusals: Array<[string, () => unknown, RegExp]> = [
    ['a javascript: source URL', () => archive.addSource({ caseId, url: 'javascript:alert(1)', title: 't', accessedAt: '2024' }), /url/],
    [
      'a data: source URL',
      () => archive.addSource({ caseId, url: 'data:text/html,<script>alert(1)</script>', title: 't', accessedAt: '2024' }),
      /url/,
    ],
    ['markup as a date', () => archive.addTimelineEvent({ caseId, date: '<img src=x>', kind: 'other', description: 'd' }), /date/],
    ['markup as a status', () => archive.addCase({ title: 't', status: '<script>' }), /status/],
    ['markup as an article', () => archive.addCase({ title: 't', charges: [{ article: '<svg onload=alert(1)>' }] }), /article/],
    ['markup as a birth date', () => archive.addPerson({ name: 'n', birthDate: '"><svg onload=alert(1)>' }), /birthDate/],
    [
      'markup as a scope',
      () => archive.addPowerOfAttorney({ caseId, grantorPersonId: personId, representative: 'r', scope: ['<b>'], issued: '2024-01-01' }),
      /scope/,
    ],
    ['markup as an id', () => archive.getCase('<img src=x onerror=alert(1)>'), /.+/],
  ];
  for (const [label, action, reason] of refusals) {
    assert.throws(action, (error: Error & { kind?: string }) => {
      assert.ok(error.kind === 'validation' || error.kind === 'not-found', `${label}: ${error.kind} ${error.message}`);
      assert.match(error.message, reason, label);
      return true;
    });
  }
  assert.equal(archive.getCase(caseId).sources.length, 0);
  assert.equal(archive.getCase(caseId).timeline.length, 0);
});

test('in an exported dossier every payload is printed text: pdftotext gives it back, and the PDF has no actions or scripts', async () => {
  const cases = archive.listCases().filter((c) => (XSS_PAYLOADS as readonly string[]).includes(c.title));
  assert.equal(cases.length, XSS_PAYLOADS.length);
  const out = path.join(root, 'exports');
  mkdirSync(out, { recursive: true });
  for (const [n, summary] of cases.entries()) {
    const file = path.join(out, `xss-${n}.pdf`);
    await exportCaseDossier(archive, { caseId: summary.id, out: file, attachMedia: true });
    const text = execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' });
    // Long lines wrap in the PDF, so compare without whitespace.
    assert.ok(text.replace(/\s+/g, '').includes(summary.title.replace(/\s+/g, '')), `the title "${summary.title}" is printed as text`);
    // Only our own link annotations (sources) may act; no JavaScript, launch, or open action anywhere.
    // Object streams are compressed: let qpdf write every object out in the open first.
    const open = `${file}.qdf`;
    execFileSync('qpdf', ['--qdf', '--object-streams=disable', file, open]);
    const raw = readFileSync(open).toString('latin1');
    assert.match(raw, /\/Type \/Catalog/, 'the uncompressed copy is readable');
    assert.doesNotMatch(raw, /\/(JavaScript|JS|Launch|OpenAction|AA|SubmitForm|ImportData)\b/);
  }
});
