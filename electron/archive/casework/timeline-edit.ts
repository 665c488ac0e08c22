import { TimelineEventEdit } from '../../../shared/record-edits.ts';
import { parseWith } from './parse.ts';
import { changedFields, edited, recordChanges, type CaseworkParts } from './parts.ts';

/** Edits a timeline event; each changed field is a custody event on the case with its value before and after. */
export function editTimelineEvent(parts: CaseworkParts, input: unknown): string[] {
  const change = parseWith(TimelineEventEdit, input);
  return parts.db.transaction(() => {
    const current = parts.records.timelineEvent(change.eventId);
    for (const { itemId } of change.citations ?? []) parts.items.get(itemId);
    for (const personId of change.personIds ?? []) parts.persons.get(personId);
    const citations = change.citations?.map((c) => ({ itemId: c.itemId, page: c.page ?? null }));
    const before = {
      date: current.date,
      approximate: current.approximate,
      kind: current.kind,
      description: current.description,
      place: current.place,
      citations: current.citations,
      personIds: current.personIds,
    };
    const after = {
      date: change.date ?? current.date,
      approximate: change.approximate ?? current.approximate,
      kind: change.kind ?? current.kind,
      description: change.description ?? current.description,
      place: edited(change.place, current.place),
      citations: citations ? [...new Map(citations.map((c) => [c.itemId, c])).values()] : current.citations,
      personIds: change.personIds ? [...new Set(change.personIds)] : current.personIds,
    };
    const changes = changedFields(before, after, ['date', 'approximate', 'kind', 'description', 'place', 'citations', 'personIds']);
    if (changes.length === 0) return [];
    parts.records.updateTimelineEvent(change.eventId, after);
    parts.records.setCitations(change.eventId, after.citations);
    parts.records.setEventPersons(change.eventId, after.personIds);
    recordChanges(parts, { kind: 'case', id: current.caseId }, changes, { timelineEvent: change.eventId });
    return changes.map((c) => c.field);
  })();
}
