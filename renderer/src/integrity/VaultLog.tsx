import { useEffect, useId, useMemo, useState } from 'react';
import type { LogPage } from '../../../shared/custody-log.ts';
import { getApi } from '../api/client.ts';
import { useFailure } from '../api/locked.tsx';
import { CustodyTable } from '../custody/CustodyTable.tsx';
import { useI18n } from '../i18n/index.tsx';
import { Empty, ErrorMessage, Loading } from '../ui/feedback.tsx';

export const VAULT_LOG_PAGE = 50;

/**
 * `custodia log` in the window: the whole vault's custody log, newest first, a page at a time —
 * the events no case's tab shows too (audits, exports of the log, users and their keys, the
 * replica, received packages). `version` changes when this screen did something the log records.
 */
export function VaultLog({ version }: { version: number }) {
  const { t, f } = useI18n();
  const m = t.app.vaultLog;
  const api = getApi();
  const id = useId();
  const fail = useFailure();
  // The pages above the one shown, by the `before` each was read with (undefined: the newest).
  const [cursors, setCursors] = useState<Array<number | undefined>>([undefined]);
  const [page, setPage] = useState<LogPage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const before = cursors.at(-1);

  useEffect(() => {
    let current = true;
    void api['log.page']({ ...(before === undefined ? {} : { before }), limit: VAULT_LOG_PAGE }).then((result) => {
      if (!current) return;
      if (!result.ok) return fail(result.error, setError);
      setError(null);
      setPage(result.value);
    });
    return () => {
      current = false;
    };
  }, [api, fail, before, version]);

  const names = useMemo(() => new Map(Object.entries(page?.names ?? {})), [page]);
  const newest = page?.events[0]?.seq;
  const oldest = page?.events.at(-1)?.seq;

  return (
    <section className="vault-log" aria-labelledby={`${id}-title`} data-testid="vault-log">
      <h2 id={`${id}-title`}>{m.title}</h2>
      <p className="muted small">{m.intro}</p>
      {error && <ErrorMessage>{error}</ErrorMessage>}
      {!page && !error && <Loading label={m.loading} />}
      {page && page.events.length === 0 && <Empty title={m.empty} />}
      {page && newest !== undefined && oldest !== undefined && (
        <>
          {/* Remounted per page, so each page opens at its top. */}
          <CustodyTable
            key={before ?? 'newest'}
            events={page.events}
            names={names}
            caption={m.caption}
            name="vault-log"
            testId="vault-log-table"
          />
          <nav className="vault-log-pager" aria-label={m.pages}>
            <p className="muted small" role="status" aria-live="polite" data-testid="vault-log-range">
              {m.range(f.number(newest), f.number(oldest), f.number(page.total))}
            </p>
            <div className="actions">
              <button
                type="button"
                className="button button-secondary"
                disabled={cursors.length === 1}
                onClick={() => setCursors(cursors.slice(0, -1))}
              >
                ← {m.newer}
              </button>
              <button
                type="button"
                className="button button-secondary"
                disabled={!page.hasOlder}
                onClick={() => setCursors([...cursors, oldest])}
              >
                {m.older} →
              </button>
            </div>
          </nav>
        </>
      )}
    </section>
  );
}
