import { useEffect, useState } from 'react';
import type { PowerOfAttorney } from '../../../shared/model.ts';
import { getApi } from '../api/client.ts';
import { useFailure } from '../api/locked.tsx';
import { useI18n } from '../i18n/index.tsx';

/** Powers of attorney that run out within 30 days (or already have), each a link to its case. */
export function PoaBanner({ onOpen }: { onOpen: (caseId: string) => void }) {
  const { t, f } = useI18n();
  const api = getApi();
  const fail = useFailure();
  const [list, setList] = useState<PowerOfAttorney[]>([]);
  useEffect(() => {
    let cancelled = false;
    void api['poa.list']({ expiringWithinDays: 30 }).then((result) => {
      if (cancelled) return;
      if (result.ok) setList(result.value.filter((p) => p.state === 'expiring' || p.state === 'expired'));
      // Any other failure leaves the reminder out; the case list below reports it.
      else fail(result.error, () => undefined);
    });
    return () => {
      cancelled = true;
    };
  }, [api, fail]);
  if (list.length === 0) return null;
  return (
    <section className="banner banner-warning" role="alert" data-testid="poa-banner">
      <p className="banner-title">{t.cases.poaBanner(list.length, f.number(list.length))}</p>
      <ul className="banner-list">
        {list.map((poa) => (
          <li key={poa.id}>
            <button type="button" className="button button-link" onClick={() => onOpen(poa.caseId)}>
              {t.cases.poaEntry(poa.grantorName, poa.caseTitle)}
            </button>{' '}
            <span className={poa.state === 'expired' ? 'poa-expired' : 'poa-expiring'}>
              {poa.state === 'expired' ? t.labels.poaState.expired : t.cases.poaUntil(f.partialDate(poa.validUntil))}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
