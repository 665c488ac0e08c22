import type { CaseSummary } from '../../../shared/model.ts';
import type { Messages } from '../i18n/index.tsx';
import type { Facets } from './facets.ts';

export const CASE_SORT_KEYS = ['title', 'reference', 'status', 'region', 'items', 'created'] as const;
export type CaseSortKey = (typeof CASE_SORT_KEYS)[number];
export interface CaseSort {
  key: CaseSortKey;
  descending: boolean;
}

/** The cases in the order of one column, compared as the reader sees them (status by its label, text by the locale's collation). */
export function sortCases(
  cases: CaseSummary[],
  facets: Record<string, Facets>,
  sort: CaseSort | null,
  locale: string,
  t: Messages,
): CaseSummary[] {
  if (!sort) return cases;
  const collator = new Intl.Collator(locale, { numeric: true, sensitivity: 'base' });
  const statusLabel = (status: string | null) => (status ? ((t.labels.status as Record<string, string>)[status] ?? status) : '');
  const text = (c: CaseSummary): string => {
    switch (sort.key) {
      case 'title':
        return c.title;
      case 'reference':
        return c.reference ?? '';
      case 'status':
        return statusLabel(c.status);
      case 'region':
        return facets[c.id]?.region ?? '';
      case 'created':
        return c.createdAt;
      case 'items':
        return '';
    }
  };
  const keyed = cases.map((c) => ({ c, text: text(c) }));
  keyed.sort((a, b) => (sort.key === 'items' ? a.c.itemCount - b.c.itemCount : collator.compare(a.text, b.text)));
  const out = keyed.map((entry) => entry.c);
  return sort.descending ? out.reverse() : out;
}
