import { useMemo } from 'react';
import type { CaseDetail, CustodyEventView } from '../../../shared/model.ts';
import { useI18n } from '../i18n/index.tsx';
import { Empty, Loading } from '../ui/feedback.tsx';
import { CustodyTable } from '../custody/CustodyTable.tsx';
import { label } from './label.ts';

/** The case's chain of custody, event by event, windowed: a case with thousands of events costs what is in view. */
export function Custody({ events, detail }: { events: CustodyEventView[] | null; detail: CaseDetail }) {
  const { t, f } = useI18n();
  const names = useMemo(() => {
    const out = new Map<string, string>();
    for (const item of detail.items) out.set(item.id, item.title ?? item.originalName);
    for (const person of detail.persons) out.set(person.personId, person.name);
    out.set(detail.id, t.caseView.thisCase);
    for (const event of detail.timeline) out.set(event.id, `${label(t.labels.timelineKind, event.kind)} ${f.partialDate(event.date)}`);
    for (const poa of detail.powersOfAttorney) out.set(poa.id, `${t.caseView.poa}: ${poa.grantorName}`);
    for (const source of detail.sources) out.set(source.id, source.title);
    // A withdrawn item is not in the case's list; its import event still names its file.
    for (const event of events ?? []) {
      const file = event.details.originalName;
      if (event.subject.id && typeof file === 'string' && !out.has(event.subject.id)) out.set(event.subject.id, file);
    }
    return out;
  }, [detail, events, t, f]);
  if (events === null) return <Loading label={t.caseView.loading} />;
  if (events.length === 0) return <Empty title={t.caseView.noCustody} />;
  return (
    <>
      <p className="muted small">{t.caseView.custodyIntro}</p>
      <CustodyTable events={events} names={names} caption={t.caseView.custody} name="custody" testId="custody" />
    </>
  );
}
