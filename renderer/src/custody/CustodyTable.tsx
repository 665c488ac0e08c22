import { useCallback } from 'react';
import type { CustodyEventView } from '../../../shared/model.ts';
import { describeDetails } from '../case/custody-details.ts';
import { label } from '../case/label.ts';
import { useI18n } from '../i18n/index.tsx';
import { VirtualTable } from '../ui/VirtualTable.tsx';
import './custody.css';

const ROW_HEIGHT_GUESS_PX = 48;
const keyOf = (event: CustodyEventView) => String(event.seq);

/**
 * Custody events as a table, windowed: number, time, action with its subject, details, who acted
 * and the event's hash. `names` turns the ids events carry into titles (a case's tab and the vault's
 * log each know their own). Shared by the case's Custody tab and the vault's log on Integrity.
 */
export function CustodyTable({
  events,
  names,
  caption,
  name,
  testId,
}: {
  events: CustodyEventView[];
  names: ReadonlyMap<string, string>;
  caption: string;
  /** Names the scrolling box (see VirtualTable). */
  name: string;
  testId: string;
}) {
  const { t, f } = useI18n();
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
  return (
    <VirtualTable
      items={events}
      rowHeight={ROW_HEIGHT_GUESS_PX}
      caption={caption}
      name={name}
      className="table custody"
      testId={testId}
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
  );
}
