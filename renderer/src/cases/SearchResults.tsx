import type { Ref } from 'react';
import type { SearchHit } from '../../../shared/model.ts';
import { useI18n } from '../i18n/index.tsx';
import { Empty, ErrorMessage, Loading } from '../ui/feedback.tsx';
import { rovingKeyDown } from '../ui/roving.ts';
import { Highlighted, SafeName } from '../ui/text.tsx';

interface Props {
  query: string;
  hits: SearchHit[] | null;
  searching: boolean;
  searchError: string | null;
  listRef: Ref<HTMLUListElement>;
  onOpen: (hit: SearchHit) => void;
}

/** The hits of a full-text search: cases, people and items, each opening its case on the right tab. */
export function SearchResults({ query, hits, searching, searchError, listRef, onOpen }: Props) {
  const { t, f } = useI18n();
  return (
    <>
      {searchError && <ErrorMessage>{searchError}</ErrorMessage>}
      {searching && hits === null && <Loading label={t.cases.searching} />}
      {hits !== null && hits.length === 0 && !searching && <Empty title={t.cases.noHits(query)} hint={t.cases.noHitsHint} />}
      {hits !== null && hits.length > 0 && (
        <>
          <p className="count" role="status" aria-busy={searching}>
            {t.cases.hitCount(hits.length, f.number(hits.length))}
          </p>
          <ul
            className="hits"
            aria-label={t.cases.hitsLabel}
            ref={listRef}
            onKeyDown={(event) => rovingKeyDown(event, (i) => onOpen(hits[i]!))}
          >
            {hits.map((hit, index) => (
              <li
                key={`${hit.kind}:${hit.id}`}
                className="hit"
                data-row=""
                tabIndex={index === 0 ? 0 : -1}
                onClick={() => onOpen(hit)}
                data-testid="search-hit"
              >
                <span className={`badge badge-${hit.kind}`}>{t.cases.hitKind[hit.kind]}</span>
                <span className="hit-body">
                  <SafeName className="hit-title" text={hit.title} />
                  <span className="hit-snippet">
                    <Highlighted text={hit.snippet} />
                  </span>
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
