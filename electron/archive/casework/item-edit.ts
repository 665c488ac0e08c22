import { ItemEdit } from '../../../shared/record-edits.ts';
import { parseWith } from './parse.ts';
import { changedFields, edited, recordChanges, type CaseworkParts } from './parts.ts';
import { extractedTextOf, indexItem } from './search-docs.ts';

/** Edits an item's description (never its file); each changed field is a custody event with before and after. */
export function editItem(parts: CaseworkParts, input: unknown): string[] {
  const change = parseWith(ItemEdit, input);
  return parts.db.transaction(() => {
    const current = parts.items.get(change.itemId);
    const after = {
      type: change.type ?? current.type,
      title: edited(change.title, current.title),
      documentDate: edited(change.documentDate, current.documentDate),
      issuingBody: edited(change.issuingBody, current.issuingBody),
      language: edited(change.language, current.language),
      description: edited(change.description, current.description),
      confidentiality: change.confidentiality ?? current.confidentiality,
    };
    const changes = changedFields(current, { ...current, ...after }, [
      'type',
      'title',
      'documentDate',
      'issuingBody',
      'language',
      'description',
      'confidentiality',
    ]);
    if (changes.length === 0) return [];
    const extracted = extractedTextOf(parts, change.itemId, current);
    parts.items.updateMetadata(change.itemId, after);
    recordChanges(parts, { kind: 'item', id: change.itemId }, changes);
    indexItem(parts, change.itemId, { ...current, ...after }, extracted);
    return changes.map((c) => c.field);
  })();
}
