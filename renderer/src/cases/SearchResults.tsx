import { useCallback, type Ref } from 'react';
import type { SearchHit } from '../../../shared/model.ts';
import { useI18n } from '../i18n/index.tsx';
import { Empty, ErrorMessage, Loading } from '../ui/feedback.tsx';
import { Highlighted, SafeName } from '../ui/text.tsx';
import { VirtualList } from '../ui/VirtualList.tsx';

const HIT_HEIGHT_GUESS_PX = 62;

interface Props {
  query: string;
  hits: SearchHit[] | null;
  /** How many match in all (as far as the engine counted); null when the hits were narrowed here and only they are known. */
  total: number | null;
  totalIsLowerBound: boolean;
  searching: boolean;
  searchError: string | null;
  loadingMore: boolean;
  onMore: (() => void) | null;
  listRef: Ref<HTMLUListElement>;
  /** Keep its identity between renders: the rows are memoised on it. */
  onOpen: (hit: SearchHit) => void;
}

const keyOf = (hit: SearchHit) => `${hit.kind}:${hit.id}`;

/** The hits of a full-text search: cases, people and items, each opening its case on the right tab. */
export function SearchResults(props: Props) {
  const { query, hits, total, totalIsLowerBound, searching, searchError, loadingMore, onMore, listRef, onOpen } = props;
  const { t, f } = useI18n();
  const renderHit = useCallback(
    (hit: SearchHit) => (
      <>
        <span className={`badge badge-${hit.kind}`}>{t.cases.hitKind[hit.kind]}</span>
        <span className="hit-body">
          <SafeName className="hit-title" text={hit.title} />
          <span className="hit-snippet">
            <Highlighted text={hit.snippet} />
          </span>
        </span>
      </>
    ),
    [t],
  );
  const partial = hits !== null && total !== null && total > hits.length;
  return (
    <>
      {searchError && <ErrorMessage>{searchError}</ErrorMessage>}
      {searching && hits === null && <Loading label={t.cases.searching} />}
      {hits !== null && hits.length === 0 && !searching && <Empty title={t.cases.noHits(query)} hint={t.cases.noHitsHint} />}
      {hits !== null && hits.length > 0 && (
        <>
          <p className="count" role="status" aria-busy={searching}>
            {partial
              ? t.cases.hitsPartial(f.number(hits.length), f.number(total), totalIsLowerBound)
              : t.cases.hitCount(hits.length, f.number(hits.length))}
          </p>
          <VirtualList
            items={hits}
            rowHeight={HIT_HEIGHT_GUESS_PX}
            label={t.cases.hitsLabel}
            name="hits"
            className="hits"
            rowClassName="hit"
            rowTestId="search-hit"
            keyOf={keyOf}
            renderItem={renderHit}
            onOpen={onOpen}
            listRef={listRef}
          />
          {partial && onMore && (
            <div className="actions actions-start">
              <button type="button" className="button button-secondary" onClick={onMore} disabled={loadingMore} aria-busy={loadingMore}>
                {loadingMore ? t.cases.loadingMoreHits : t.cases.showMoreHits(f.number(Math.min(100, total - hits.length)))}
              </button>
            </div>
          )}
        </>
      )}
    </>
  );
}
