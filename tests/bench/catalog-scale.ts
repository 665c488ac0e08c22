// The catalog at scale (vault issue 3): 10,000 cases, 30,000 persons, 100,000 items (metadata only,
// sharing one stored blob) with a custody event each, in a real encrypted catalog. Measures search
// p95, opening a case with 500 items, custody-log verification rate, and importing 1,000 small files.
// Run by `npm run bench` after the I/O benchmark, or alone: node tests/bench/catalog-scale.ts
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import { Archive } from '../../electron/archive/index.ts';
import { openCatalog } from '../../electron/archive/catalog/database.ts';
import { ItemQueries } from '../../electron/archive/catalog/items.ts';
import { nativePrimitives } from '../../electron/archive/crypto/index.ts';
import { CustodyLog } from '../../electron/archive/custody/log.ts';
import { SearchIndex } from '../../electron/archive/search/index.ts';
import { deriveVaultKeys } from '../../electron/archive/vault/keys.ts';
import { unlockMasterKey } from '../../electron/archive/vault/vault.ts';
import { tempDir } from '../helpers/files.ts';

const CASES = Number(process.env.BENCH_CASES ?? 10_000);
const PERSONS = CASES * 3;
const ITEMS = CASES * 10;
const BIG_CASE_ITEMS = Math.min(500, Math.floor(ITEMS / 2));
const dir = tempDir('custodia-scale-');
const passphrase = 'benchmark passphrase';

const SURNAMES = [
  'Әділбекұлы',
  'Қасымұлы',
  'Ахметов',
  'Нұрсұлтанов',
  'Тоқаев',
  'Серікбаев',
  'Жұмабаев',
  'Омаров',
  'Иванов',
  'Ким',
  'Сәрсенбаев',
  'Бекқожа',
];
const NAMES = ['Серік', 'Ерлан', 'Айгүл', 'Мария', 'Тимур', 'Әсел', 'Нұрлан', 'Дина', 'Ғалым', 'Жанар'];
const CITIES = ['Жаңаөзен', 'Алматы', 'Шымкент', 'Ақтау', 'Талдықорған', 'Тараз'];
const STATUSES = ['pre-trial-detention', 'house-arrest', 'written-pledge', 'sentenced', 'released'] as const;
const ARTICLES = ['272', '269', '255', '274', '405'];
const pick = <T>(list: readonly T[], i: number) => list[i % list.length]!;
const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))]!;

try {
  const vault = path.join(dir, 'vault');
  const { archive } = await Archive.create(vault, passphrase);
  const seedFile = path.join(dir, 'seed.txt');
  writeFileSync(seedFile, 'shared content');

  let started = performance.now();
  const caseIds: string[] = [];
  for (let i = 0; i < CASES; i++) {
    caseIds.push(
      archive.addCase({
        title: `Дело ${pick(SURNAMES, i)} ${pick(NAMES, i * 7)} №${i}`,
        city: pick(CITIES, i),
        status: pick(STATUSES, i),
        charges: [{ article: pick(ARTICLES, i) }],
        narrative: `Задержан в городе ${pick(CITIES, i)}; находился в қамауда ${i % 30} дней.`,
      }),
    );
  }
  for (let i = 0; i < PERSONS; i++) {
    archive.addPerson(
      { name: `${pick(SURNAMES, i)} ${pick(NAMES, i * 3)} ${i}` },
      { caseId: caseIds[i % CASES]!, role: i % 3 === 0 ? 'defendant' : i % 3 === 1 ? 'relative' : 'witness' },
    );
  }
  // Items: one real import, then metadata-only items pointing at its stored blob, written through
  // the engine's own catalog classes (row, custody event, search entry) in batches of 1,000.
  const first = await archive.importFile(caseIds[0]!, seedFile);
  const blobId = archive.getItem(first.id).blob.blobId;
  archive.lock();
  const { masterKey, header } = await unlockMasterKey(vault, { passphrase }, nativePrimitives);
  const keys = deriveVaultKeys(nativePrimitives, masterKey);
  const db = openCatalog(path.join(vault, 'catalog.db'), keys.catalog);
  const signing = nativePrimitives.signKeypairFromSeed(keys.signingSeed);
  const log = new CustodyLog(
    db,
    { publicKey: signing.publicKey, sign: (m) => nativePrimitives.signDetached(m, signing.secretKey) },
    'bench@localhost',
    header.vaultId,
  );
  const items = new ItemQueries(db);
  const search = new SearchIndex(db);
  const bigCase = caseIds[0]!;
  for (let batch = 0; batch < ITEMS; batch += 1000) {
    db.transaction(() => {
      for (let i = batch; i < Math.min(ITEMS, batch + 1000); i++) {
        const id = randomUUID();
        const caseId = i < BIG_CASE_ITEMS ? bigCase : caseIds[i % CASES]!;
        const title = `Постановление суда ${pick(CITIES, i)} ${i}`;
        items.insertItem({
          id,
          caseId,
          blobId,
          originalName: `scan-${i}.pdf`,
          mimeType: 'application/pdf',
          metadata: { type: 'court-decision', title, confidentiality: 'public' },
          sourceModifiedAt: null,
          acquisition: null,
        });
        log.append('imported', { kind: 'item', id }, { case: caseId, sha256: first.sha256, size: 14, originalName: `scan-${i}.pdf` });
        search.put('item', id, title, `scan-${i}.pdf`);
      }
    })();
  }
  db.close();
  // Every session ends with a lock, which writes a signed checkpoint; measure the vault as it is then.
  (await Archive.unlock(vault, { passphrase })).lock();
  const reopened = await Archive.unlock(vault, { passphrase });
  const populateSeconds = (performance.now() - started) / 1000;

  const archiveAtScale = reopened;
  const queries = [
    'Адилбекулы',
    'Kasymuly',
    'камауда',
    'Zhanaozen',
    'Ахметов Тимур',
    'Tokayev',
    'Шымкент',
    '272',
    'Серик',
    'постановление',
  ];
  const times: number[] = [];
  const perQuery = new Map<string, number[]>();
  for (let round = 0; round < 20; round++) {
    for (const query of queries) {
      started = performance.now();
      archiveAtScale.searchAll({ query, limit: 50 });
      const elapsed = performance.now() - started;
      times.push(elapsed);
      perQuery.set(query, [...(perQuery.get(query) ?? []), elapsed]);
    }
  }
  const openTimes: number[] = [];
  for (let round = 0; round < 20; round++) {
    started = performance.now();
    const detail = archiveAtScale.getCase(bigCase);
    openTimes.push(performance.now() - started);
    if (detail.items.length < BIG_CASE_ITEMS - 50) throw new Error(`big case has ${detail.items.length} items`);
  }
  started = performance.now();
  const report = await archiveAtScale.verify();
  const verifySeconds = (performance.now() - started) / 1000;
  started = performance.now();
  const exhaustive = await archiveAtScale.verify({ allSignatures: true });
  const exhaustiveSeconds = (performance.now() - started) / 1000;
  archiveAtScale.lock();

  // 1,000 small files through the real import path, in a fresh vault.
  const small = path.join(dir, 'small');
  mkdirSync(small);
  for (let i = 0; i < 1000; i++)
    writeFileSync(path.join(small, `scan-${String(i).padStart(4, '0')}.txt`), `Протокол допроса №${i}\n${'текст '.repeat(200)}`);
  const { archive: fresh } = await Archive.create(path.join(dir, 'vault2'), passphrase);
  const smallCase = fresh.addCase({ title: 'small files' });
  started = performance.now();
  const entries = await fresh.importPaths(smallCase, [small]);
  const smallSeconds = (performance.now() - started) / 1000;
  fresh.lock();

  console.log(`\nCatalog at scale: ${CASES} cases, ${PERSONS} persons, ${ITEMS} items (populated in ${populateSeconds.toFixed(0)} s)`);
  console.log(
    `search p50 / p95 / max        ${percentile(times, 50).toFixed(1)} / ${percentile(times, 95).toFixed(1)} / ${Math.max(...times).toFixed(1)} ms  (target p95 < 50 ms)`,
  );
  console.log(`  per query (p50 ms): ${[...perQuery].map(([q, t]) => `${q} ${percentile(t, 50).toFixed(1)}`).join(', ')}`);
  console.log(
    `open a case with ${BIG_CASE_ITEMS} items    p50 ${percentile(openTimes, 50).toFixed(1)} ms, max ${Math.max(...openTimes).toFixed(1)} ms  (target < 100 ms)`,
  );
  console.log(
    `verify (log + ${report.blobs} blobs)     ${report.events} events in ${verifySeconds.toFixed(2)} s = ${(report.events / verifySeconds).toFixed(0)} events/s, ${report.signatures} signatures one by one (target ≥ 50,000/s) ok=${report.ok}`,
  );
  console.log(
    `verify --all-signatures       ${exhaustive.events} events in ${exhaustiveSeconds.toFixed(2)} s = ${(exhaustive.events / exhaustiveSeconds).toFixed(0)} events/s ok=${exhaustive.ok}`,
  );
  console.log(`import 1,000 small files      ${(entries.length / smallSeconds).toFixed(0)} files/s  (target ≥ 100/s)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
