import type { CaseSummary } from '../../../shared/model.ts';

/** What the list filters need beyond `cases.list`: the region and the charged articles of each case. */
export interface Facets {
  region: string | null;
  articles: string[];
}

export interface FacetCounts {
  status: Map<string, number>;
  article: Map<string, number>;
  region: Map<string, number>;
}

/** How many cases have each status, article and region: the numbers beside each filter choice. */
export function countFacets(cases: CaseSummary[], facets: Record<string, Facets>): FacetCounts {
  const status = new Map<string, number>();
  const article = new Map<string, number>();
  const region = new Map<string, number>();
  const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
  for (const c of cases) {
    if (c.status) bump(status, c.status);
    const facet = facets[c.id];
    if (facet?.region) bump(region, facet.region);
    for (const a of facet?.articles ?? []) bump(article, a);
  }
  return { status, article, region };
}
