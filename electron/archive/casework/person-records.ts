import type { PersonDetail } from '../../../shared/model.ts';
import { PersonAdd, PersonEdit, PersonFind, PersonMerge } from '../../../shared/record-edits.ts';
import { CasePersonLink } from '../../../shared/schemas.ts';
import { ArchiveError } from '../errors.ts';
import { parseWith } from './parse.ts';
import { changedFields, edited, recordChanges, type CaseworkParts } from './parts.ts';
import { indexCase, indexPerson } from './search-docs.ts';

/** A person record still in use (one merged into another is reached through the one kept). */
function livePerson(parts: CaseworkParts, id: string): PersonDetail {
  const person = parts.persons.get(id);
  if (person.mergedInto) throw new ArchiveError('validation', `person ${id} was merged into ${person.mergedInto}; use that record`);
  return person;
}

/** Gives a person a role in a case (a custody event on the person); a role held already is not repeated. */
export function linkPersonToCase(parts: CaseworkParts, caseId: string, personId: string, role: string): void {
  parts.cases.get(caseId);
  livePerson(parts, personId);
  if (parts.persons.link(caseId, personId, role)) parts.custody.append('linked', { kind: 'person', id: personId }, { case: caseId, role });
  indexCase(parts, caseId);
}

/** A new person, with every spelling of the name, and (usually) a role in a case. */
export function addPerson(parts: CaseworkParts, input: unknown): string {
  const { person, link } = parseWith(PersonAdd, input);
  return parts.db.transaction(() => {
    const id = parts.persons.add(person);
    parts.custody.append('metadata-changed', { kind: 'person', id }, { field: 'created', new: person.name });
    indexPerson(parts, id, person.name, person.aliases);
    if (link) linkPersonToCase(parts, link.caseId, id, link.role);
    return id;
  })();
}

export function unlinkPersonFromCase(parts: CaseworkParts, input: unknown): void {
  const { caseId, personId, role } = parseWith(CasePersonLink, input);
  parts.db.transaction(() => {
    if (!parts.persons.unlink(caseId, personId, role))
      throw new ArchiveError('not-found', `that person has no role "${role}" in that case`);
    parts.custody.append('unlinked', { kind: 'person', id: personId }, { case: caseId, role });
    indexCase(parts, caseId);
  })();
}

export function editPerson(parts: CaseworkParts, input: unknown): string[] {
  const change = parseWith(PersonEdit, input);
  return parts.db.transaction(() => {
    const current = livePerson(parts, change.personId);
    const before = {
      name: current.name,
      aliases: current.aliases,
      birthDate: current.birthDate,
      notes: current.notes,
      confidentiality: current.confidentiality,
    };
    const name = change.name ?? current.name;
    const after = {
      name,
      aliases: [...new Set(change.aliases ?? current.aliases)].filter((alias) => alias !== name),
      birthDate: edited(change.birthDate, current.birthDate),
      notes: edited(change.notes, current.notes),
      confidentiality: change.confidentiality ?? current.confidentiality,
    };
    const changes = changedFields(before, after, ['name', 'aliases', 'birthDate', 'notes', 'confidentiality']);
    if (changes.length === 0) return [];
    parts.persons.update(change.personId, after);
    parts.persons.setAliases(change.personId, after.name, after.aliases);
    recordChanges(parts, { kind: 'person', id: change.personId }, changes);
    indexPerson(parts, change.personId, after.name, after.aliases);
    for (const { caseId } of current.cases) indexCase(parts, caseId);
    return changes.map((c) => c.field);
  })();
}

/** Persons whose name or any other spelling matches, in any script (so a lawyer links instead of duplicating). */
export function findPersons(parts: CaseworkParts, input: unknown): PersonDetail[] {
  const { query, limit } = parseWith(PersonFind, input);
  return parts.search
    .search(query, { kinds: ['person'], limit })
    .map((hit) => parts.persons.get(hit.id))
    .filter((person) => !person.mergedInto);
}

/**
 * Two records found to be one person: everything of `mergeId` moves to `keepId`, whose other
 * spellings gain the merged name and aliases. The merged record and its history stay; the merge
 * is a custody event on both.
 */
export function mergePersons(parts: CaseworkParts, input: unknown): PersonDetail {
  const { keepId, mergeId } = parseWith(PersonMerge, input);
  return parts.db.transaction(() => {
    const keep = livePerson(parts, keepId);
    const merged = livePerson(parts, mergeId);
    const aliases = [...new Set([...keep.aliases, merged.name, ...merged.aliases])].filter((alias) => alias !== keep.name);
    parts.persons.merge(keepId, mergeId);
    parts.persons.setAliases(keepId, keep.name, aliases);
    const moved = merged.cases.map(({ caseId, role }) => ({ case: caseId, role }));
    parts.custody.append('metadata-changed', { kind: 'person', id: keepId }, { field: 'merged', from: mergeId, name: merged.name, moved });
    parts.custody.append('metadata-changed', { kind: 'person', id: mergeId }, { field: 'merged-into', into: keepId, name: keep.name });
    parts.search.remove('person', mergeId);
    indexPerson(parts, keepId, keep.name, aliases);
    for (const caseId of new Set([...keep.cases, ...merged.cases].map((c) => c.caseId))) indexCase(parts, caseId);
    return parts.persons.get(keepId);
  })();
}
