export const CASE_TABS = ['overview', 'people', 'evidence', 'timeline', 'sources', 'poa', 'custody'] as const;
export type CaseTab = (typeof CASE_TABS)[number];
