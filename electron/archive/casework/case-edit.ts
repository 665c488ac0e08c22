import { CaseEdit } from '../../../shared/record-edits.ts';
import { parseWith } from './parse.ts';
import { changedFields, edited, recordChanges, type CaseworkParts } from './parts.ts';
import { indexCase } from './search-docs.ts';

const normalCharge = (c: { code: string; article: string; part?: string | null; title?: string | null }) => ({
  code: c.code,
  article: c.article,
  part: c.part || null,
  title: c.title || null,
});

/** Edits a case's record; each changed field is a custody event with its value before and after. */
export function editCase(parts: CaseworkParts, input: unknown): string[] {
  const change = parseWith(CaseEdit, input);
  return parts.db.transaction(() => {
    const current = parts.cases.detail(change.caseId);
    const before = {
      title: current.title,
      reference: current.reference,
      region: current.region,
      city: current.city,
      narrative: current.narrative,
      tags: current.tags,
      confidentiality: current.confidentiality,
      charges: current.charges.map(normalCharge),
    };
    const after = {
      title: change.title ?? current.title,
      reference: edited(change.reference, current.reference),
      region: edited(change.region, current.region),
      city: edited(change.city, current.city),
      narrative: edited(change.narrative, current.narrative),
      tags: change.tags ? [...new Set(change.tags)] : current.tags,
      confidentiality: change.confidentiality ?? current.confidentiality,
      charges: change.charges ? change.charges.map(normalCharge) : before.charges,
    };
    const changes = changedFields(before, after, [
      'title',
      'reference',
      'region',
      'city',
      'narrative',
      'tags',
      'confidentiality',
      'charges',
    ]);
    if (changes.length === 0) return [];
    parts.cases.update(change.caseId, after);
    if (changes.some((c) => c.field === 'charges'))
      parts.cases.replaceCharges(
        change.caseId,
        after.charges.map((c) => ({ code: c.code, article: c.article, part: c.part ?? undefined, title: c.title ?? undefined })),
      );
    recordChanges(parts, { kind: 'case', id: change.caseId }, changes);
    indexCase(parts, change.caseId);
    return changes.map((c) => c.field);
  })();
}
