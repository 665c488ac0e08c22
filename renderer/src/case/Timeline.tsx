import type { CaseDetail } from '../../../shared/model.ts';
import { useI18n } from '../i18n/index.tsx';
import { Empty } from '../ui/feedback.tsx';
import { AddEvent } from './AddEvent.tsx';
import { label } from './label.ts';
import { Opener } from './RecordActions.tsx';

export function Timeline({ detail, onChanged }: { detail: CaseDetail; onChanged?: () => void }) {
  const { t, f } = useI18n();
  const titles = new Map(detail.items.map((item) => [item.id, item.title ?? item.originalName]));
  const events = [...detail.timeline].sort((a, b) => a.date.localeCompare(b.date));
  const saved = (done: () => void) => () => {
    done();
    onChanged?.();
  };
  return (
    <>
      <Opener label={t.record.addEvent} testId="open-add-event">
        {({ done, cancel }) => <AddEvent detail={detail} onDone={saved(done)} onCancel={cancel} />}
      </Opener>
      {events.length === 0 ? (
        <Empty title={t.caseView.noTimeline} hint={t.caseView.noTimelineHint} />
      ) : (
        <ol className="timeline" data-testid="timeline">
          {events.map((event) => (
            <li key={event.id} className="timeline-event">
              <span className="timeline-date">
                {event.approximate && <abbr title={t.caseView.approximate}>≈ </abbr>}
                {f.partialDate(event.date)}
              </span>
              <span className="timeline-body">
                <span className="badge">{label(t.labels.timelineKind, event.kind)}</span>{' '}
                {event.place && <span className="muted">{event.place} · </span>}
                <span className="timeline-text">{event.description}</span>
                {event.citations.map((c) => (
                  <span key={c.itemId} className="citation block small" data-testid="citation">
                    {t.record.citation(titles.get(c.itemId) ?? '…', c.page)}
                  </span>
                ))}
                <Opener label={t.record.editEvent}>
                  {({ done, cancel }) => <AddEvent detail={detail} event={event} onDone={saved(done)} onCancel={cancel} />}
                </Opener>
              </span>
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
