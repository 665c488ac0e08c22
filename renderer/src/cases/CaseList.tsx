import type { Ref } from 'react';
import type { CaseSummary } from '../../../shared/model.ts';
import { useI18n } from '../i18n/index.tsx';
import { Empty, Loading } from '../ui/feedback.tsx';
import { CaseTable } from './CaseTable.tsx';
import type { Facets } from './facets.ts';
import type { CaseSort } from './sort.ts';
import type { CaseCatalog } from './useCaseCatalog.ts';

interface Props {
  catalog: CaseCatalog;
  /** The cases the filters let through, and the same in the chosen order. */
  shown: CaseSummary[];
  sorted: CaseSummary[];
  facets: Record<string, Facets>;
  sort: CaseSort | null;
  /** A filter or a sort is on: it needs the whole list, so the first page alone is not shown. */
  narrowed: boolean;
  onSort: (sort: CaseSort) => void;
  bodyRef: Ref<HTMLTableSectionElement>;
  onOpen: (id: string) => void;
}

/**
 * The case table with its count line, or what stands in its place: the first page (with the true
 * total) while the rest is read, progress while a filter waits for the whole list, or why it is empty.
 */
export function CaseList({ catalog, shown, sorted, facets, sort, narrowed, onSort, bodyRef, onOpen }: Props) {
  const { t, f } = useI18n();
  const { cases, first, read, error } = catalog;
  if (cases === null) {
    if (error) return null;
    if (first && first.total === 0) return <Empty title={t.cases.empty} hint={t.cases.emptyHint} />;
    if (!first || narrowed) {
      return <Loading label={first ? t.cases.loadingProgress(f.number(read), f.number(first.total)) : t.cases.loading} />;
    }
    return (
      <>
        <p className="count" role="status">
          {t.cases.shown(f.number(first.total), f.number(first.total))}
        </p>
        <CaseTable cases={first.cases} count={first.total} facets={facets} sort={sort} onSort={onSort} bodyRef={bodyRef} onOpen={onOpen} />
      </>
    );
  }
  if (cases.length === 0) return <Empty title={t.cases.empty} hint={t.cases.emptyHint} />;
  if (shown.length === 0) return <Empty title={t.cases.noMatches} hint={t.cases.noMatchesHint} />;
  return (
    <>
      <p className="count" role="status">
        {t.cases.shown(f.number(shown.length), f.number(cases.length))}
      </p>
      <CaseTable cases={sorted} count={sorted.length} facets={facets} sort={sort} onSort={onSort} bodyRef={bodyRef} onOpen={onOpen} />
    </>
  );
}
