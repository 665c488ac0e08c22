import type { ItemSummary } from '../../../shared/model.ts';
import { useI18n } from '../i18n/index.tsx';
import { Field, SelectField } from '../ui/fields.tsx';
import { parseUserDate } from './forms/dates.ts';

export interface EvidenceFilter {
  text: string;
  type: string;
  from: string;
  to: string;
}
export const NO_FILTER: EvidenceFilter = { text: '', type: '', from: '', to: '' };

/** Items whose type, document date (from/to, as typed) and words (title, file name, issuer, description) match. */
export function filterItems(items: ItemSummary[], filter: EvidenceFilter, typeLabel: (type: string) => string): ItemSummary[] {
  const words = filter.text.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  const from = parseUserDate(filter.from) || '';
  const to = parseUserDate(filter.to) || '';
  return items.filter((item) => {
    if (filter.type && item.type !== filter.type) return false;
    const date = item.documentDate ?? '';
    if (from && (!date || date < from)) return false;
    if (to && (!date || date.slice(0, to.length) > to)) return false;
    const text = [item.title, item.originalName, item.issuingBody, item.description, typeLabel(item.type)].join(' ').toLocaleLowerCase();
    return words.every((word) => text.includes(word));
  });
}

export function EvidenceFilters({ filter, onFilter }: { filter: EvidenceFilter; onFilter: (filter: EvidenceFilter) => void }) {
  const { t } = useI18n();
  return (
    <div className="grid grid-4 evidence-filters" data-testid="evidence-filters">
      <Field label={t.record.filterText} value={filter.text} onChange={(text) => onFilter({ ...filter, text })} />
      <SelectField
        label={t.record.filterType}
        value={filter.type}
        onChange={(type) => onFilter({ ...filter, type })}
        options={[
          { value: '', label: t.record.filterAnyType },
          ...Object.entries(t.labels.itemType).map(([value, text]) => ({ value, label: text })),
        ]}
      />
      <Field label={t.record.filterFrom} value={filter.from} onChange={(from) => onFilter({ ...filter, from })} />
      <Field label={t.record.filterTo} value={filter.to} onChange={(to) => onFilter({ ...filter, to })} />
    </div>
  );
}
