import type { ItemSummary } from '../../../shared/model.ts';
import type { CaseworkParts } from './parts.ts';

/** Re-indexes a case's own text: title, reference, place, tags, charges, people, narrative. */
export function indexCase(parts: Pick<CaseworkParts, 'cases' | 'search'>, id: string): void {
  const c = parts.cases.detail(id);
  const body = [
    c.reference,
    c.region,
    c.city,
    c.tags.join(' '),
    c.charges.map((charge) => `${charge.article} ${charge.title ?? ''}`).join(' '),
    c.persons.map((p) => p.name).join(' '),
    c.narrative,
  ]
    .filter(Boolean)
    .join(' ');
  parts.search.put('case', id, c.title, body);
}

type Described = Pick<ItemSummary, 'title' | 'originalName' | 'issuingBody' | 'description'>;

const describedText = (item: Described) => [item.originalName, item.issuingBody, item.description].filter(Boolean).join(' ');

/** An item's search document: its title, then its names and description, then the text extracted from the file. */
export function indexItem(parts: Pick<CaseworkParts, 'search'>, id: string, item: Described, extractedText: string): void {
  parts.search.put('item', id, item.title ?? item.originalName, [describedText(item), extractedText].filter(Boolean).join(' '));
}

/** The extracted text inside an item's search document (what follows its described text). */
export function extractedTextOf(parts: Pick<CaseworkParts, 'search'>, id: string, item: Described): string {
  const body = parts.search.text('item', id);
  const described = describedText(item);
  return body.startsWith(described) ? body.slice(described.length).trim() : '';
}

/** A person's search document: the name and every other spelling. */
export function indexPerson(parts: Pick<CaseworkParts, 'search'>, id: string, name: string, aliases: string[]): void {
  parts.search.put('person', id, name, aliases.join(' '));
}
