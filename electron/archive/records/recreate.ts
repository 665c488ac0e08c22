import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { CaseDetail, PersonDetail } from '../../../shared/model.ts';
import {
  CasePersonLink,
  CaseStatusInput,
  FullCaseInput,
  ItemLink,
  PartialDate,
  PersonInput,
  PowerOfAttorneyInput,
  SourceInput,
  TimelineEventInput,
  describeIssues,
} from '../../../shared/schemas.ts';
import { ArchiveError } from '../errors.ts';

/**
 * Recreates a received case's records (status history, persons and their roles, item–person
 * links, timeline, powers of attorney, sources) through the archive's public, validated API, with
 * the sender's ids mapped to the new ones. Used by package and bag import alike.
 *
 * The carried metadata is untrusted input: every record is checked against the same schemas the
 * API applies before anything is stored (`checkCaseRecords`), and one invalid value refuses the
 * whole import, naming the record and the field. A reference to something the export did not carry
 * (an item withdrawn at the sender, a person of another case) is not an error: the reference, or
 * the record that cannot exist without it, is dropped and the reason recorded in the `received` event.
 */

/** A person as an export carries them: the record, without the other cases they appear in. */
export type CarriedPerson = Omit<PersonDetail, 'cases'>;

export function carriedPerson(person: PersonDetail): CarriedPerson {
  const { cases: _cases, ...record } = person;
  return record;
}

/** Every person a case's records name: its people, the people of its timeline, its grantors. */
export function personIdsOf(detail: CaseDetail): string[] {
  return [
    ...new Set([
      ...detail.persons.map((p) => p.personId),
      ...detail.timeline.flatMap((event) => event.personIds),
      ...detail.powersOfAttorney.map((poa) => poa.grantorPersonId),
    ]),
  ];
}

/** The archive calls that recreate the records (Archive satisfies this). */
export interface CaseRecordsApi {
  addCase(input: unknown): string;
  setCaseStatus(caseId: string, input: unknown): void;
  addPerson(input: unknown): string;
  linkPerson(input: unknown): void;
  linkItem(input: unknown): void;
  addTimelineEvent(input: unknown): string;
  addPowerOfAttorney(input: unknown): string;
  revokePowerOfAttorney(id: string, revokedAt?: string): void;
  addSource(input: unknown): string;
}

export interface RecreatedRecords {
  /** Sender person id → new person id. */
  persons: Map<string, string>;
  counts: { persons: number; roles: number; statuses: number; timeline: number; powersOfAttorney: number; sources: number };
  /** What was left out, and why (recorded in the case's `received` event). */
  dropped: string[];
}

/** More records of one kind than any real case has; a manifest claiming more is refused before it is walked. */
const MAX_RECORDS = 10_000;
const MAX_DROPPED = 100;
/** A sender's id (a UUID in any vault of ours), as the manifest's and the items' ids are bounded. */
const MAX_ID_CHARS = 100;

interface Ids {
  caseId: string;
  items: Map<string, string>;
  persons: Map<string, string>;
}

interface Step {
  label: string;
  schema: z.ZodType;
  input(ids: Ids, dropped: string[]): unknown | null;
  apply(api: CaseRecordsApi, input: unknown, ids: Ids): void;
}

/** The new case's own record: the first status of its history (later ones are added in order). */
export function caseInputFrom(c: CaseDetail): Record<string, unknown> {
  const first = records<CaseDetail['statusHistory'][number]>(c.statusHistory, 'case.statusHistory')[0];
  return dropNulls({
    title: c.title,
    reference: c.reference,
    status: first ? first.status : c.status,
    statusOther: first?.statusOther,
    statusSince: first?.since,
    region: c.region,
    city: c.city,
    narrative: c.narrative,
    tags: c.tags,
    confidentiality: c.confidentiality,
    charges: records<CaseDetail['charges'][number]>(c.charges, 'case.charges').length
      ? c.charges.map((charge) => dropNulls({ code: charge?.code, article: charge?.article, part: charge?.part, title: charge?.title }))
      : undefined,
  });
}

/**
 * Checks the case record and every record to recreate, with stand-in ids, before anything is
 * stored. Throws a validation error naming the record and the field.
 */
export function checkCaseRecords(carrier: 'package' | 'bag', detail: CaseDetail, persons: unknown, itemIds: Iterable<string>): void {
  try {
    if (!detail || typeof detail !== 'object') throw refused('case', 'missing');
    checkRecords(detail, persons, itemIds);
  } catch (error) {
    // Whatever shape the metadata has, the answer is a refusal that says so, never a crash.
    const problem = error instanceof RefusedRecord ? error.message : `its shape is not a case's (${(error as Error).message})`;
    throw new ArchiveError('validation', `the case metadata in the ${carrier} is not valid, nothing was imported: ${problem}`);
  }
}

function checkRecords(detail: CaseDetail, persons: unknown, itemIds: Iterable<string>): void {
  check('case', FullCaseInput, caseInputFrom(detail));
  const standIn = (keys: Iterable<string>) => new Map([...keys].map((key) => [key, randomUUID()]));
  const ids: Ids = { caseId: randomUUID(), items: standIn(itemIds), persons: standIn(carriedPersons(persons).map((p) => p.id)) };
  for (const step of stepsFor(detail, persons)) {
    const input = step.input(ids, []);
    if (input !== null) check(step.label, step.schema, input);
  }
}

/** Recreates the records in the new case (call inside one transaction, after the items are in). */
export function recreateCaseRecords(
  api: CaseRecordsApi,
  detail: CaseDetail,
  persons: unknown,
  caseId: string,
  items: Map<string, string>,
): RecreatedRecords {
  const ids: Ids = { caseId, items, persons: new Map() };
  const dropped: string[] = [];
  const counts = { persons: 0, roles: 0, statuses: 0, timeline: 0, powersOfAttorney: 0, sources: 0 };
  for (const step of stepsFor(detail, persons)) {
    const input = step.input(ids, dropped);
    if (input === null) continue;
    step.apply(api, input, ids);
    const kind = step.label.split('[')[0] as keyof typeof counts | 'items';
    if (kind in counts) counts[kind as keyof typeof counts]++;
  }
  // Bounded: a hostile package naming 100,000 missing items must not become a 100,000-line custody event.
  const shown = dropped.length > MAX_DROPPED ? [...dropped.slice(0, MAX_DROPPED), `… and ${dropped.length - MAX_DROPPED} more`] : dropped;
  return { persons: ids.persons, counts, dropped: shown };
}

function stepsFor(detail: CaseDetail, persons: unknown): Step[] {
  const steps: Step[] = [];
  const history = records<CaseDetail['statusHistory'][number]>(detail.statusHistory, 'case.statusHistory');
  history.slice(1).forEach((entry, index) => {
    steps.push({
      label: `statuses[${index + 1}]`,
      schema: CaseStatusInput,
      input: () => dropNulls({ status: entry?.status, statusOther: entry?.statusOther, statusSince: entry?.since }),
      apply: (api, input, ids) => api.setCaseStatus(ids.caseId, input),
    });
  });
  carriedPersons(persons).forEach((person, index) => {
    steps.push({
      label: `persons[${index}]`,
      schema: PersonInput,
      input: () =>
        dropNulls({
          name: person.name,
          aliases: person.aliases,
          birthDate: person.birthDate,
          notes: person.notes,
          confidentiality: person.confidentiality,
        }),
      apply: (api, input, ids) => void ids.persons.set(person.id, api.addPerson(input)),
    });
  });
  records<CaseDetail['persons'][number]>(detail.persons, 'case.persons').forEach((link, index) => {
    steps.push({
      label: `roles[${index}]`,
      schema: CasePersonLink,
      input: (ids, dropped) => {
        const personId = ids.persons.get(link?.personId);
        if (!personId) {
          // A package made before people were carried names them only by id.
          dropped.push(`roles[${index}]: person ${clip(link?.personId)} was not in the export`);
          return null;
        }
        return { caseId: ids.caseId, personId, role: link.role };
      },
      apply: (api, input) => api.linkPerson(input),
    });
  });
  records<CaseDetail['items'][number]>(detail.items, 'case.items').forEach((item, index) => {
    list<string>(item?.personIds, `case.items[${index}].personIds`).forEach((personId) => {
      steps.push({
        label: `items[${index}]`,
        schema: ItemLink,
        // An item may be linked to people of other cases, who are not carried: only links within the case come along.
        input: (ids) =>
          ids.items.has(item.id) && ids.persons.has(personId)
            ? { itemId: ids.items.get(item.id), personId: ids.persons.get(personId) }
            : null,
        apply: (api, input) => api.linkItem(input),
      });
    });
  });
  records<CaseDetail['timeline'][number]>(detail.timeline, 'case.timeline').forEach((event, index) => {
    const label = `timeline[${index}]`;
    steps.push({
      label,
      schema: TimelineEventInput,
      input: (ids, dropped) =>
        dropNulls({
          caseId: ids.caseId,
          date: event?.date,
          approximate: event?.approximate,
          kind: event?.kind,
          description: event?.description,
          itemIds: mapped(ids.items, list<string>(event?.itemIds, `${label}.itemIds`), `${label}.itemIds`, 'item', dropped),
          personIds: mapped(ids.persons, list<string>(event?.personIds, `${label}.personIds`), `${label}.personIds`, 'person', dropped),
          place: event?.place,
          // Page cites of items the export carried (older exports have none: their itemIds stand alone).
          citations: records<{ itemId: string; page: number | null }>(event?.citations ?? [], `${label}.citations`).flatMap((citation) => {
            const itemId = ids.items.get(citation?.itemId);
            return itemId ? [dropNulls({ itemId, page: citation.page })] : [];
          }),
        }),
      apply: (api, input) => void api.addTimelineEvent(input),
    });
  });
  records<CaseDetail['powersOfAttorney'][number]>(detail.powersOfAttorney, 'case.powersOfAttorney').forEach((poa, index) => {
    const label = `powersOfAttorney[${index}]`;
    const revokedAt = poa?.revokedAt ?? null;
    steps.push({
      label,
      schema: PowerOfAttorneyInput,
      input: (ids, dropped) => {
        const grantor = ids.persons.get(poa?.grantorPersonId);
        if (!grantor) {
          dropped.push(`${label}: its grantor (person ${clip(poa?.grantorPersonId)}) was not in the export`);
          return null;
        }
        if (revokedAt !== null) check(`${label}.revokedAt`, PartialDate, revokedAt);
        return dropNulls({
          caseId: ids.caseId,
          grantorPersonId: grantor,
          representative: poa.representative,
          scope: poa.scope,
          issued: poa.issued,
          validUntil: poa.validUntil,
          itemId: optionalRef(ids.items, poa.itemId, `${label}.itemId`, 'item', dropped),
        });
      },
      apply: (api, input) => {
        const id = api.addPowerOfAttorney(input);
        if (revokedAt !== null) api.revokePowerOfAttorney(id, revokedAt);
      },
    });
  });
  records<CaseDetail['sources'][number]>(detail.sources, 'case.sources').forEach((source, index) => {
    const label = `sources[${index}]`;
    steps.push({
      label,
      schema: SourceInput,
      input: (ids, dropped) =>
        dropNulls({
          caseId: ids.caseId,
          url: source?.url,
          title: source?.title,
          publisher: source?.publisher,
          accessedAt: source?.accessedAt,
          archivedItemId: optionalRef(ids.items, source?.archivedItemId, `${label}.archivedItemId`, 'item', dropped),
          note: source?.note,
        }),
      apply: (api, input) => void api.addSource(input),
    });
  });
  return steps;
}

function carriedPersons(persons: unknown): CarriedPerson[] {
  const carried = records<CarriedPerson>(persons ?? [], 'persons');
  const seen = new Set<string>();
  carried.forEach((person, index) => {
    if (!person || typeof person.id !== 'string' || seen.has(person.id)) throw refused(`persons[${index}].id`, 'missing or repeated');
    // The sender's id travels into our signed `received` events: bounded like every other id carried.
    if (person.id.length < 1 || person.id.length > MAX_ID_CHARS)
      throw refused(`persons[${index}].id`, `must be 1 to ${MAX_ID_CHARS} characters`);
    seen.add(person.id);
  });
  return carried;
}

/** References to things the export did not carry are dropped (and said so), the rest mapped. */
function mapped(map: Map<string, string>, senderIds: string[], label: string, what: string, dropped: string[]): string[] {
  const kept: string[] = [];
  for (const senderId of senderIds) {
    const id = map.get(senderId);
    if (id) kept.push(id);
    else dropped.push(`${label}: ${what} ${clip(senderId)} was not in the export`);
  }
  return kept;
}

function optionalRef(map: Map<string, string>, senderId: unknown, label: string, what: string, dropped: string[]): string | undefined {
  if (senderId === null || senderId === undefined) return undefined;
  const id = map.get(senderId as string);
  if (!id) dropped.push(`${label}: ${what} ${clip(senderId)} was not in the export`);
  return id;
}

function list<T>(value: unknown, label: string): T[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw refused(label, 'must be a list');
  if (value.length > MAX_RECORDS) throw refused(label, `holds ${value.length} entries, more than ${MAX_RECORDS}`);
  return value as T[];
}

/** A list of records: each entry an object (JSON null, a number or a list is refused). */
function records<T>(value: unknown, label: string): T[] {
  const entries = list<T>(value, label);
  const bad = entries.findIndex((entry) => entry === null || typeof entry !== 'object' || Array.isArray(entry));
  if (bad >= 0) throw refused(`${label}[${bad}]`, 'must be a record');
  return entries;
}

function check(label: string, schema: z.ZodType, input: unknown): void {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new RefusedRecord(describeIssues(parsed.error, label));
}

/** An invalid carried record; checkCaseRecords names the carrier. */
class RefusedRecord extends ArchiveError {
  constructor(message: string) {
    super('validation', message);
  }
}

function refused(label: string, problem: string): ArchiveError {
  return new RefusedRecord(`${label}: ${problem}`);
}

function clip(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

/** The fields that hold a value (a carried record writes absent fields as null). */
export function dropNulls(value: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== undefined));
}
