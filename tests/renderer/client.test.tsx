import { render } from '@testing-library/react';
import { afterEach, describe, expect, test } from 'vitest';
import { createBridgeClient, getApi, isLocalError, takeTokenFromAddress } from '../../renderer/src/api/client.ts';
import { en } from '../../renderer/src/i18n/en.ts';
import { I18nProvider, LOCALE_STORAGE_KEY } from '../../renderer/src/i18n/index.tsx';
import { ru } from '../../renderer/src/i18n/ru.ts';
import { describeError } from '../../renderer/src/ui/errors.ts';
import { BRIDGE_TOKEN_HEADER } from '../../shared/limits.ts';

/**
 * The browser-mode client of the loopback bridge. The transport is the `fetchImpl` it takes: these
 * tests hand it real Response objects as the bridge (or something in its place) would send them.
 */

interface Sent {
  url: string;
  init: RequestInit;
}

function answering(response: () => Response | Promise<Response>): { fetch: typeof fetch; sent: Sent[] } {
  const sent: Sent[] = [];
  return {
    sent,
    fetch: async (input, init) => {
      sent.push({ url: String(input), init: init ?? {} });
      return response();
    },
  };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const realFetch = globalThis.fetch;
afterEach(() => {
  globalThis.fetch = realFetch;
});

describe('the bridge client', () => {
  test('a 403 (a stale or foreign session) becomes its own sentence, shown without a technical lead-in', async () => {
    const client = createBridgeClient(
      'token',
      answering(() => json({ ok: false, error: { kind: 'forbidden', message: 'bad token' } }, 403)).fetch,
    );
    const result = await client['cases.list']({});
    expect(result).toEqual({ ok: false, error: { kind: 'io', message: en.errors.session } });
    expect(!result.ok && isLocalError(result.error)).toBe(true);
    expect(!result.ok && describeError(en, result.error)).toBe(en.errors.session);
  });

  test('no answer is “not responding”; an answer that is not JSON, or not a result envelope, is “an unexpected answer”', async () => {
    const unreachable = createBridgeClient('token', async () => {
      throw new TypeError('fetch failed');
    });
    expect(await unreachable['vault.lock']({})).toEqual({ ok: false, error: { kind: 'io', message: en.errors.unreachable } });
    const html = createBridgeClient(
      'token',
      answering(() => new Response('<html><body>502 Bad Gateway</body></html>', { status: 502 })).fetch,
    );
    expect(await html['vault.status']({})).toEqual({ ok: false, error: { kind: 'io', message: en.errors.unexpected } });
    for (const body of [{ ok: true }, { error: 'x' }, { ok: false, error: { kind: 'io' } }, null, [1, 2]]) {
      const client = createBridgeClient('token', answering(() => json(body)).fetch);
      expect(await client['vault.status']({})).toEqual({ ok: false, error: { kind: 'io', message: en.errors.unexpected } });
    }
  });

  test('the engine’s own results pass through unchanged, and its errors get the plain lead-in for their kind', async () => {
    const engineError = { kind: 'wrong-passphrase', message: 'the passphrase did not unlock the vault' } as const;
    const failing = createBridgeClient('token', answering(() => json({ ok: false, error: engineError }, 400)).fetch);
    const failed = await failing['vault.unlock']({ passphrase: 'not the one at all' });
    expect(failed).toEqual({ ok: false, error: engineError });
    expect(!failed.ok && isLocalError(failed.error)).toBe(false);
    expect(!failed.ok && describeError(en, failed.error)).toBe(`${en.errors.byKind['wrong-passphrase']}: ${engineError.message}`);
    const working = createBridgeClient('token', answering(() => json({ ok: true, value: [] })).fetch);
    expect(await working['cases.list']({})).toEqual({ ok: true, value: [] });
  });

  test('every call is a credential-less POST carrying the session token; file chunks go as raw bytes to the upload route', async () => {
    const { fetch, sent } = answering(() => json({ ok: true, value: { received: 3 } }));
    const client = createBridgeClient('s3cret', fetch);
    await client['cases.get']({ id: '00000000-0000-4000-8000-000000000001' });
    await client['imports.chunk']({ uploadId: '00000000-0000-4000-8000-000000000002', offset: 8, bytes: new Uint8Array([1, 2, 3]) });
    expect(sent.map((s) => s.url)).toEqual(['/api/cases.get', '/upload/00000000-0000-4000-8000-000000000002?offset=8']);
    for (const { init } of sent) {
      expect(init).toMatchObject({ method: 'POST', credentials: 'omit', cache: 'no-store', redirect: 'error' });
      expect((init.headers as Record<string, string>)[BRIDGE_TOKEN_HEADER]).toBe('s3cret');
    }
    expect(JSON.parse(String(sent[0]!.init.body))).toEqual({ id: '00000000-0000-4000-8000-000000000001' });
    expect((sent[1]!.init.headers as Record<string, string>)['Content-Type']).toBe('application/octet-stream');
    expect([...(sent[1]!.init.body as Uint8Array)]).toEqual([1, 2, 3]);
  });

  test('its own messages follow the language the user chose', async () => {
    window.localStorage.setItem(LOCALE_STORAGE_KEY, 'ru');
    render(<I18nProvider>{null}</I18nProvider>);
    const client = createBridgeClient('token', answering(() => new Response('', { status: 403 })).fetch);
    expect(await client['cases.list']({})).toEqual({ ok: false, error: { kind: 'io', message: ru.errors.session } });
  });

  test('browser mode takes the token out of the address bar before use, and getApi sends it with every call', async () => {
    window.localStorage.setItem(LOCALE_STORAGE_KEY, 'en');
    render(<I18nProvider>{null}</I18nProvider>);
    window.history.replaceState(null, '', '/?token=0f1e2d3c&case=7#evidence');
    takeTokenFromAddress();
    expect(window.location.search).toBe('?case=7');
    expect(window.location.hash).toBe('#evidence');
    expect(window.location.href).not.toContain('0f1e2d3c');

    expect(window.custodia).toBeUndefined();
    const { fetch, sent } = answering(() => json({ ok: true, value: { state: 'locked', folder: '/vault' } }));
    globalThis.fetch = fetch;
    const api = getApi();
    expect(getApi()).toBe(api);
    expect(await api['vault.status']({})).toEqual({ ok: true, value: { state: 'locked', folder: '/vault' } });
    expect((sent[0]!.init.headers as Record<string, string>)[BRIDGE_TOKEN_HEADER]).toBe('0f1e2d3c');
  });
});
