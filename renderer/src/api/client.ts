import { channels, type Channel, type CustodiaApi, type Request, type Responses } from '../../../shared/contract.ts';
import type { ApiError, Result } from '../../../shared/result.ts';
import { BRIDGE_TOKEN_HEADER } from '../../../shared/limits.ts';
import { messages } from '../i18n/index.tsx';
import { withChangeNotices } from './vault-changes.ts';

declare global {
  interface Window {
    /** Set by the Electron preload (one function per channel); absent in browser mode. */
    custodia?: CustodiaApi;
  }
}

/** Errors made here (not by the engine) already carry a sentence meant for the user. */
const localErrors = new WeakSet<ApiError>();

function localFailure(message: string): Result<never> {
  const error: ApiError = { kind: 'io', message };
  localErrors.add(error);
  return { ok: false, error };
}

export function isLocalError(error: ApiError): boolean {
  return localErrors.has(error);
}

function isResult(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  if (record.ok === true) return 'value' in record;
  if (record.ok !== false || typeof record.error !== 'object' || record.error === null) return false;
  const error = record.error as Record<string, unknown>;
  return typeof error.kind === 'string' && typeof error.message === 'string';
}

/** Browser mode: the same contract over the loopback bridge, authenticated by the per-launch token. */
export function createBridgeClient(token: string, fetchImpl: typeof fetch = (input, init) => fetch(input, init)): CustodiaApi {
  /** A file chunk travels as raw bytes to the bridge's upload route; everything else as JSON. */
  function httpRequest<C extends Channel>(channel: C, request: Request<C>): { url: string; contentType: string; body: BodyInit } {
    if (channel === 'imports.chunk') {
      const { uploadId, offset, bytes } = request as Request<'imports.chunk'>;
      return {
        url: `/upload/${encodeURIComponent(uploadId)}?offset=${offset}`,
        contentType: 'application/octet-stream',
        body: bytes as Uint8Array<ArrayBuffer>,
      };
    }
    return { url: `/api/${channel}`, contentType: 'application/json', body: JSON.stringify(request) };
  }

  async function call<C extends Channel>(channel: C, request: Request<C>): Promise<Result<Responses[C]>> {
    let response: Response;
    try {
      const { url, contentType, body } = httpRequest(channel, request);
      response = await fetchImpl(url, {
        method: 'POST',
        headers: { 'Content-Type': contentType, [BRIDGE_TOKEN_HEADER]: token },
        body,
        credentials: 'omit',
        cache: 'no-store',
        redirect: 'error',
      });
    } catch {
      return localFailure(messages().errors.unreachable);
    }
    if (response.status === 403) return localFailure(messages().errors.session);
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      return localFailure(messages().errors.unexpected);
    }
    return isResult(body) ? (body as Result<Responses[C]>) : localFailure(messages().errors.unexpected);
  }

  const api: Partial<Record<Channel, unknown>> = {};
  for (const channel of channels) {
    api[channel] = (request: Request<typeof channel>) => call(channel, request);
  }
  return Object.freeze(api) as CustodiaApi;
}

let sessionToken: string | null = null;
/** Where the tab keeps the token across a reload: its own sessionStorage (not other tabs, not other origins). */
const TOKEN_KEY = 'custodia-session-token';

/**
 * Browser mode opens the page as `/?token=…`: take the token out of the address bar (and so out of
 * history, bookmarks and screenshots) before anything renders, and keep it in this tab's
 * sessionStorage so a reload keeps the session. A tab opened any other way has no token.
 */
export function takeTokenFromAddress(
  location: Location = window.location,
  history: History = window.history,
  storage: Storage | null = safeSessionStorage(),
): void {
  const url = new URL(location.href);
  const token = url.searchParams.get('token');
  if (token === null) {
    sessionToken = storage?.getItem(TOKEN_KEY) ?? null;
    return;
  }
  sessionToken = token;
  storage?.setItem(TOKEN_KEY, token);
  url.searchParams.delete('token');
  history.replaceState(history.state, '', `${url.pathname}${url.search}${url.hash}`);
}

function safeSessionStorage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

let cached: CustodiaApi | null = null;

/** The Electron preload's API when there is one, else the loopback bridge client. */
export function getApi(): CustodiaApi {
  if (cached) return cached;
  cached = withChangeNotices(window.custodia ?? createBridgeClient(sessionToken ?? ''));
  return cached;
}
