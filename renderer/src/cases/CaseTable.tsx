import { useId, type Ref } from 'react';
import type { CaseSummary } from '../../../shared/model.ts';
import { useI18n } from '../i18n/index.tsx';
import { rovingKeyDown } from '../ui/roving.ts';
import { StatusBadge } from '../ui/StatusBadge.tsx';
import { SafeName } from '../ui/text.tsx';
import type { Facets } from './facets.ts';

export function CaseTable({
  cases,
  facets,
  bodyRef,
  onOpen,
}: {
  cases: CaseSummary[];
  facets: Record<string, Facets>;
  bodyRef: Ref<HTMLTableSectionElement>;
  onOpen: (id: string) => void;
}) {
  const { t, f } = useI18n();
  const captionId = useId();
  return (
    <table className="table cases" aria-labelledby={captionId}>
      <caption id={captionId} className="visually-hidden">
        {t.cases.listLabel}
      </caption>
      <thead>
        <tr>
          <th scope="col">{t.cases.columnTitle}</th>
          <th scope="col">{t.cases.columnReference}</th>
          <th scope="col">{t.cases.columnStatus}</th>
          <th scope="col">{t.cases.columnRegion}</th>
          <th scope="col" className="numeric">
            {t.cases.columnItems}
          </th>
          <th scope="col" className="numeric">
            {t.cases.columnCreated}
          </th>
        </tr>
      </thead>
      <tbody ref={bodyRef} onKeyDown={(event) => rovingKeyDown(event, (i) => onOpen(cases[i]!.id))}>
        {cases.map((item, index) => (
          <tr key={item.id} data-row="" tabIndex={index === 0 ? 0 : -1} className="row-link" onClick={() => onOpen(item.id)}>
            <th scope="row" className="case-title">
              <SafeName text={item.title} />
            </th>
            <td className={item.reference ? 'case-reference' : 'case-reference muted'}>{item.reference ?? t.cases.noReference}</td>
            <td>{item.status ? <StatusBadge status={item.status} /> : <span className="muted">{t.cases.noValue}</span>}</td>
            <td>{facets[item.id]?.region ?? <span className="muted">{t.cases.noValue}</span>}</td>
            <td className="numeric">{t.cases.itemCount(item.itemCount, f.number(item.itemCount))}</td>
            <td className="numeric">{f.date(item.createdAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
