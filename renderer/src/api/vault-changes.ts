import { channels, type Channel, type CustodiaApi } from '../../../shared/contract.ts';

/**
 * What changes the vault's state as the sidebar shows it (is an audit due, did one fail, when was
 * the replica written): an import, a job that ended (audit, bag or package import), the schedule,
 * a recorded loss, a withdrawal, a replica folder chosen or pruned. Views that show that state listen here instead of reading it once at unlock.
 */
const CHANGING = new Set<Channel>([
  'imports.finish',
  'integrity.schedule',
  'integrity.recordLoss',
  'items.withdraw',
  'replica.designate',
  'replica.prune',
]);
const listeners = new Set<() => void>();

/** Calls `listener` after each change; returns the function that stops listening. */
function onVaultChanged(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Calls `listener` once a burst of changes has settled (a batch import ends many files in a row):
 * `quietMs` after the last; returns the function that stops listening.
 */
export function onVaultSettled(listener: () => void, quietMs = 300): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stop = onVaultChanged(() => {
    clearTimeout(timer);
    timer = setTimeout(listener, quietMs);
  });
  return () => {
    clearTimeout(timer);
    stop();
  };
}

function changes(channel: Channel, value: unknown): boolean {
  if (CHANGING.has(channel)) return true;
  return channel === 'jobs.status' && (value as { state?: string }).state !== 'running';
}

/** The same API, telling the listeners after every successful call that changed the vault. */
export function withChangeNotices(api: CustodiaApi): CustodiaApi {
  const wrapped: Partial<Record<Channel, unknown>> = {};
  for (const channel of channels) {
    const call = api[channel] as (request: unknown) => Promise<{ ok: boolean; value?: unknown }>;
    wrapped[channel] = async (request: unknown) => {
      const result = await call(request);
      if (result.ok && changes(channel, result.value)) for (const listener of listeners) listener();
      return result;
    };
  }
  return Object.freeze(wrapped) as CustodiaApi;
}
