import type { CaseDetail } from '../../../shared/model.ts';
import { useI18n } from '../i18n/index.tsx';
import { Empty } from '../ui/feedback.tsx';
import { label } from './label.ts';

export function Timeline({ detail }: { detail: CaseDetail }) {
  const { t, f } = useI18n();
  if (detail.timeline.length === 0) return <Empty title={t.caseView.noTimeline} hint={t.caseView.noTimelineHint} />;
  const events = [...detail.timeline].sort((a, b) => a.date.localeCompare(b.date));
  return (
    <ol className="timeline" data-testid="timeline">
      {events.map((event) => (
        <li key={event.id} className="timeline-event">
          <span className="timeline-date">
            {event.approximate && <abbr title={t.caseView.approximate}>≈ </abbr>}
            {f.partialDate(event.date)}
          </span>
          <span className="timeline-body">
            <span className="badge">{label(t.labels.timelineKind, event.kind)}</span>{' '}
            <span className="timeline-text">{event.description}</span>
          </span>
        </li>
      ))}
    </ol>
  );
}
