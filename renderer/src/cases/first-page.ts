import type { CustodiaApi } from '../../../shared/contract.ts';
import type { CasePage } from '../../../shared/model.ts';
import type { Result } from '../../../shared/result.ts';

/** Enough rows to fill the list box at once; the engine works these out in a few milliseconds. */
export const FIRST_PAGE = 60;
/** A first page older than this is read again rather than shown. */
const FRESH_MS = 2000;

interface Asked {
  api: CustodiaApi;
  at: number;
  answer: Promise<Result<CasePage>>;
  /** The answer once it came: the list can then show it in its very first render. */
  settled?: Result<CasePage>;
}

let asked: Asked | null = null;

/**
 * Asks for the first page of the case list the moment the vault unlocks, while the window is
 * still drawing the workspace: the answer is there, or on its way, when the list first renders.
 */
export function askFirstPage(api: CustodiaApi): void {
  const answer = api['cases.page']({ offset: 0, limit: FIRST_PAGE });
  const mine: Asked = { api, at: performance.now(), answer };
  asked = mine;
  void answer.then((result) => (mine.settled = result));
}

/** The first page asked for at unlock, once, if it is fresh and from the same API; null otherwise. */
export function takeFirstPage(api: CustodiaApi): Pick<Asked, 'answer' | 'settled'> | null {
  const mine = asked;
  asked = null;
  if (!mine || mine.api !== api || performance.now() - mine.at > FRESH_MS) return null;
  return mine;
}

/** Drops a first page nobody took (the vault locked first): case titles do not outlive the unlocked window. */
export function forgetFirstPage(): void {
  asked = null;
}

/** The first page asked for at unlock if it has come, is fresh and is from the same API (without taking it). */
export function peekFirstPage(api: CustodiaApi): CasePage | null {
  const mine = asked;
  if (!mine || mine.api !== api || performance.now() - mine.at > FRESH_MS || !mine.settled?.ok) return null;
  return mine.settled.value;
}
