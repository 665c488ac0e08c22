import { useCallback, useMemo } from 'react';
import type { CaseDetail, CustodyEventView } from '../../../shared/model.ts';
import { useI18n } from '../i18n/index.tsx';
import { Empty, Loading } from '../ui/feedback.tsx';
import { VirtualTable } from '../ui/VirtualTable.tsx';
import { describeDetails } from './custody-details.ts';
import { label } from './label.ts';

const ROW_HEIGHT_GUESS_PX = 48;
const keyOf = (event: CustodyEventView) => String(event.seq);

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
  const renderCells = useCallback(
    (event: CustodyEventView) => (
      <>
        <td className="numeric">{f.number(event.seq)}</td>
        <td className="custody-time">{f.dateTime(event.time)}</td>
        {/* Action and subject share a cell, and actor and hash another, so the log fits 1024 px. */}
        <td className="custody-action">
          <span className="strong block">{label(t.labels.custodyAction, event.action)}</span>
          <span className="muted">{label(t.caseView.subjectKind, event.subject.kind)}</span>{' '}
          {event.subject.id ? (names.get(event.subject.id) ?? '') : ''}
        </td>
        <td className="details">
          {describeDetails(event.details, t, f, names).map((detail) => (
            <span key={detail.key} className="detail">
              <span className="muted">{detail.label}:</span> {detail.value}
            </span>
          ))}
        </td>
        <td className="custody-actor">
          <span className="block">{event.actor}</span>
          <code className="hash" title={event.hash}>
            {event.hash.slice(0, 10)}…
          </code>
        </td>
      </>
    ),
    [names, t, f],
  );
  if (events === null) return <Loading label={t.caseView.loading} />;
  if (events.length === 0) return <Empty title={t.caseView.noCustody} />;
  return (
    <>
      <p className="muted small">{t.caseView.custodyIntro}</p>
      <VirtualTable
        items={events}
        rowHeight={ROW_HEIGHT_GUESS_PX}
        caption={t.caseView.custody}
        name="custody"
        className="table custody"
        testId="custody"
        columns={5}
        head={
          <>
            <th scope="col" className="numeric">
              {t.caseView.custodySeq}
            </th>
            <th scope="col">{t.caseView.custodyTime}</th>
            <th scope="col">{t.caseView.custodyAction}</th>
            <th scope="col">{t.caseView.custodyDetails}</th>
            <th scope="col">
              {t.caseView.custodyActor} · {t.caseView.custodyHash}
            </th>
          </>
        }
        keyOf={keyOf}
        renderCells={renderCells}
      />
    </>
  );
}
