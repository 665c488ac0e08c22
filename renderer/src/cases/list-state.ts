import type { CaseSort } from './sort.ts';

/** The case list's search and filters, kept by the Workspace while a case is open so "back" returns to the same place. */
export interface ListState {
  query: string;
  status: string;
  article: string;
  region: string;
  /** A name in any spelling: only cases this person is in. */
  person: string;
  /** Only cases with a person in this role (a PERSON_ROLES code). */
  role: string;
  /** Only cases with evidence of this type (an ITEM_TYPES code). */
  itemType: string;
  /** YYYY-MM-DD: only cases with a status change or an event in the range. */
  dateFrom: string;
  dateTo: string;
  /** A column the user sorted by; null keeps the engine's order. */
  sort: CaseSort | null;
}

export const emptyListState: ListState = {
  query: '',
  status: '',
  article: '',
  region: '',
  person: '',
  role: '',
  itemType: '',
  dateFrom: '',
  dateTo: '',
  sort: null,
};
