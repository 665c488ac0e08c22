// Hostile requests generated from the shared contract: for every channel, a valid request is the
// seed, and each case breaks it one way (a wrong type at every field, extra keys, 1 MB strings,
// __proto__ / constructor keys, not an object at all). Every case must be refused with no effect.
import type { Channel, Request } from '../../shared/contract.ts';
import { channels } from '../../shared/contract.ts';

/** A string over 1 MiB: larger than every text field and than the bridge's body limit. */
export const HUGE = 'A'.repeat(1024 * 1024 + 1);

export interface HostileCase {
  label: string;
  /** The request as a value (for IPC, which would structured-clone it). */
  payload: unknown;
  /** The same request as JSON text (for the bridge). */
  json: string;
}

export interface SeedIds {
  caseId: string;
  itemId: string;
  uploadId: string;
  jobId: string;
  /** An absolute folder the tests own, for export requests. */
  exportFolder: string;
}

/**
 * One valid request per channel. Typed against the contract, so a new channel without an entry
 * here fails the typecheck, and `hostileCases` checks at run time that none is missing.
 */
export function validRequests(ids: SeedIds, passphrase: string): { [C in Channel]: Request<C> } {
  return {
    'vault.status': {},
    'vault.create': { passphrase },
    'vault.unlock': { passphrase },
    'vault.lock': {},
    'vault.idleLock': { seconds: 600 },
    'vault.openDemo': {},
    'vault.leaveDemo': {},
    'cases.list': {},
    'cases.page': { offset: 0, limit: 10 },
    'cases.summaries': { ids: [ids.caseId] },
    'cases.add': { title: 'A case', reference: 'R-1', tags: ['t'], charges: [{ article: '272', part: '1' }], status: 'sentenced' },
    'cases.get': { id: ids.caseId, includeWithdrawn: true },
    'cases.custody': { id: ids.caseId },
    'persons.get': { id: ids.caseId },
    'items.get': { id: ids.itemId },
    'items.verify': { id: ids.itemId },
    'items.media': { id: ids.itemId },
    'imports.begin': {
      caseId: ids.caseId,
      name: 'file.pdf',
      size: 10,
      lastModified: 1,
      metadata: { type: 'other', title: 'T' },
      acquisition: { obtainedFrom: 'A', method: 'B' },
    },
    'imports.chunk': { uploadId: ids.uploadId, offset: 0, bytes: new Uint8Array([1, 2, 3]) },
    'imports.finish': { uploadId: ids.uploadId },
    'imports.cancel': { uploadId: ids.uploadId },
    'poa.list': { expiringWithinDays: 5 },
    'search.query': { query: 'x', kinds: ['case'], filters: { status: 'sentenced' }, limit: 5 },
    'search.page': { query: 'x', kinds: ['case'], filters: { status: 'sentenced' }, limit: 5, offset: 5 },
    'dossier.defaults': { caseId: ids.caseId },
    'dossier.export': {
      caseId: ids.caseId,
      destination: 'A'.repeat(43),
      fileName: 'dossier.pdf',
      language: 'en',
      includeConfidential: false,
      attachMedia: false,
      batesPrefix: 'EX',
    },
    'integrity.summary': {},
    'integrity.schedule': { everyDays: 30 },
    'integrity.audit': { sample: 50, destination: 'A'.repeat(43), fileName: 'audit' },
    'jobs.status': { jobId: ids.jobId },
    'jobs.cancel': { jobId: ids.jobId },
    'vault.changePassphrase': { current: passphrase, passphrase },
    'vault.newRecoveryKey': { passphrase },
    'vault.recoveryKeyPdf': { destination: 'A'.repeat(43) },
    'vault.confirmRecoveryKey': {
      answers: [
        { position: 1, group: 'ABCDE' },
        { position: 2, group: 'FGHJK' },
      ],
    },
    'vault.open': { folder: ids.exportFolder },
    'vault.locate': { missing: ids.exportFolder, chosen: 'A'.repeat(43) },
    'vault.forget': { folder: ids.exportFolder },
    'vault.recent': {},
    'log.export': { destination: 'A'.repeat(43) },
    'log.page': { before: 3, limit: 50 },
    'vault.identity': {},
    'users.list': {},
    'users.save': { name: 'Айгерим Нурланқызы', role: 'lawyer' },
    'users.select': { id: ids.caseId },
    'contacts.list': {},
    'contacts.save': {
      name: 'Colleague',
      receivingKey: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
      signingKey: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
    },
    'contacts.remove': { id: ids.caseId },
    'inbox.begin': { name: 'received.pdf', size: 10, purpose: 'dossier' },
    'dossier.estimate': { caseId: ids.caseId, includeConfidential: false },
    'dossier.verify': { file: ids.exportFolder },
    'submission.export': { caseIds: [ids.caseId], destination: 'A'.repeat(43), language: 'en', includeConfidential: false, title: 'T' },
    'bag.export': { caseId: ids.caseId, destination: 'A'.repeat(43) },
    'bag.verify': { bag: 'A'.repeat(43), signingKey: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' },
    'bag.import': { bag: 'A'.repeat(43), caseId: ids.caseId },
    'package.export': { caseId: ids.caseId, contactId: ids.caseId, destination: 'A'.repeat(43) },
    'package.import': { file: ids.exportFolder, contactId: ids.caseId },
    'integrity.recordLoss': { itemId: ids.itemId, note: 'no copy left' },
    'cases.edit': { caseId: ids.caseId, title: 'T', region: 'R', tags: ['t'], charges: [{ article: '272', part: '2' }] },
    'cases.setStatus': { caseId: ids.caseId, status: 'sentenced', statusSince: '2022-09' },
    'persons.add': {
      person: { name: 'N', aliases: ['A'], birthDate: '1980', confidentiality: 'restricted' },
      link: { caseId: ids.caseId, role: 'defendant' },
    },
    'persons.link': { caseId: ids.caseId, personId: ids.itemId, role: 'witness' },
    'persons.unlink': { caseId: ids.caseId, personId: ids.itemId, role: 'witness' },
    'persons.edit': { personId: ids.itemId, name: 'N', aliases: ['A'], birthDate: '1980' },
    'persons.find': { query: 'N', limit: 5 },
    'persons.merge': { keepId: ids.caseId, mergeId: ids.itemId },
    'timeline.add': {
      caseId: ids.caseId,
      date: '2022-01-08',
      approximate: false,
      kind: 'hearing',
      description: 'D',
      place: 'P',
      citations: [{ itemId: ids.itemId, page: 2 }],
    },
    'timeline.edit': { eventId: ids.itemId, description: 'D', citations: [{ itemId: ids.itemId, page: 1 }] },
    'poa.add': {
      caseId: ids.caseId,
      grantorPersonId: ids.itemId,
      representative: 'R',
      scope: ['represent-in-court'],
      issued: '2024-01-01',
      validUntil: '2025-01-01',
    },
    'poa.revoke': { id: ids.itemId, revokedAt: '2024-06-01' },
    'sources.add': { caseId: ids.caseId, url: 'https://example.org/a', title: 'T', accessedAt: '2024-01-01', note: 'N' },
    'items.edit': { itemId: ids.itemId, title: 'T', documentDate: '2021-12-01', type: 'court-decision' },
    'items.link': { itemId: ids.itemId, caseId: ids.caseId },
    'items.unlink': { itemId: ids.itemId, caseId: ids.caseId },
    'items.withdraw': { itemId: ids.itemId, reason: 'R' },
    'items.saveCopy': { itemId: ids.itemId, destination: 'A'.repeat(43) },
    'destinations.browse': { at: 'A'.repeat(22) },
    'destinations.choose': { at: 'A'.repeat(22) },
    'destinations.makeFolder': { at: 'A'.repeat(22), name: 'exports' },
    'replica.status': {},
    'replica.designate': { destination: 'A'.repeat(43) },
    'replica.prune': { keep: 3, confirm: true },
    'replica.restore': { replica: 'A'.repeat(43), into: 'B'.repeat(43), passphrase },
  };
}

type Kind = 'null' | 'number' | 'boolean' | 'string' | 'array' | 'object' | 'bytes';
const kindOf = (value: unknown): Kind =>
  value === null ? 'null' : value instanceof Uint8Array ? 'bytes' : Array.isArray(value) ? 'array' : (typeof value as Kind);

const WRONG_VALUES: unknown[] = [null, 0, -1.5, true, 'text', [], {}, { nested: { deeper: 1 } }, [1, 2, 3]];

const isPlainObject = (value: unknown): value is Record<string, unknown> => kindOf(value) === 'object';

/** Every path to a field inside `value` (object keys and array indexes). */
function fieldPaths(value: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> {
  if (Array.isArray(value)) return value.flatMap((element, i) => [[...prefix, i], ...fieldPaths(element, [...prefix, i])]);
  if (isPlainObject(value)) return Object.keys(value).flatMap((key) => [[...prefix, key], ...fieldPaths(value[key], [...prefix, key])]);
  return [];
}

/** Every path to a plain object inside `value`, the root included. */
function objectPaths(value: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> {
  const own = isPlainObject(value) ? [prefix] : [];
  if (Array.isArray(value)) return value.flatMap((element, i) => objectPaths(element, [...prefix, i]));
  if (isPlainObject(value)) return [...own, ...Object.keys(value).flatMap((key) => objectPaths(value[key], [...prefix, key]))];
  return own;
}

function cloneWith(value: unknown, path: Array<string | number>, replace: (old: unknown) => unknown): unknown {
  if (path.length === 0) return replace(value);
  const [head, ...rest] = path;
  const copy = (Array.isArray(value) ? [...(value as unknown[])] : { ...(value as Record<string, unknown>) }) as Record<
    string | number,
    unknown
  >;
  copy[head!] = cloneWith(copy[head!], rest, replace);
  return copy;
}

/** JSON with Uint8Arrays written as plain arrays (what a JSON client could at best send). */
const toJson = (value: unknown) => JSON.stringify(value, (_key, v: unknown) => (v instanceof Uint8Array ? [...v] : v));

/** Inserts `"key": value` as the first member of the object at `path` in the JSON text of `root`. */
function jsonWithKey(root: unknown, path: Array<string | number>, keyJson: string): string {
  const marker = '"__hostile_insert__"';
  const withMarker = cloneWith(root, path, (old) => ({ __hostile_insert__: true, ...(old as object) }));
  return toJson(withMarker).replace(`${marker}:true`, keyJson);
}

/** The hostile cases for one channel, seeded by its valid request. */
export function hostileCasesFor(valid: unknown): HostileCase[] {
  const cases: HostileCase[] = [];
  const add = (label: string, payload: unknown) => cases.push({ label, payload, json: toJson(payload) });
  const addJson = (label: string, json: string) => cases.push({ label, payload: JSON.parse(json), json });

  for (const wrong of [null, 42, true, 'text', HUGE, [], [valid]]) add(`the request is ${kindOf(wrong)}`, wrong);

  for (const path of fieldPaths(valid)) {
    const name = path.join('.');
    const current = path.reduce<unknown>((at, key) => (at as Record<string | number, unknown>)[key], valid);
    for (const wrong of WRONG_VALUES) {
      if (kindOf(wrong) === kindOf(current)) continue;
      add(
        `${name}: ${JSON.stringify(wrong)} instead of a ${kindOf(current)}`,
        cloneWith(valid, path, () => wrong),
      );
    }
    add(
      `${name}: a 1 MB string`,
      cloneWith(valid, path, () => HUGE),
    );
  }

  for (const path of objectPaths(valid)) {
    const where = path.length ? path.join('.') : 'the request';
    add(
      `${where}: an extra key`,
      cloneWith(valid, path, (old) => ({ ...(old as object), extra: true })),
    );
    add(
      `${where}: a 1 MB key`,
      cloneWith(valid, path, (old) => ({ ...(old as object), [HUGE]: 1 })),
    );
    addJson(`${where}: a __proto__ key`, jsonWithKey(valid, path, '"__proto__":{"polluted":true}'));
    addJson(`${where}: a constructor.prototype key`, jsonWithKey(valid, path, '"constructor":{"prototype":{"polluted":true}}'));
    addJson(`${where}: a prototype key`, jsonWithKey(valid, path, '"prototype":{"polluted":true}'));
  }
  return cases;
}

/** Throws, naming them, if contract channels have no valid seed request. */
export function assertEveryChannelSeeded(valid: Record<string, unknown>): void {
  const missing = channels.filter((channel) => !Object.hasOwn(valid, channel));
  if (missing.length) throw new Error(`no valid seed request for ${missing.join(', ')}: add them to validRequests`);
}

/** All channels' hostile cases; throws if a contract channel has no valid seed. */
export function hostileCases(valid: Record<string, unknown>): Array<{ channel: Channel } & HostileCase> {
  assertEveryChannelSeeded(valid);
  return channels.flatMap((channel) => hostileCasesFor(valid[channel]).map((hostile) => ({ channel, ...hostile })));
}

/** True while nothing has reached Object.prototype. */
export function prototypeClean(): boolean {
  const probe = {} as Record<string, unknown>;
  return (
    probe.polluted === undefined &&
    probe.prototype === undefined &&
    Object.getOwnPropertyNames(Object.prototype).every((name) => name !== 'polluted')
  );
}
