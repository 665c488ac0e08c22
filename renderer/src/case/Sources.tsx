import type { CaseDetail } from '../../../shared/model.ts';
import { useI18n } from '../i18n/index.tsx';
import { Empty } from '../ui/feedback.tsx';
import { AddSource } from './AddSource.tsx';
import { Opener } from './RecordActions.tsx';

/** Only http(s) addresses become links, and those open outside the app without a referrer. */
function SafeLink({ url }: { url: string }) {
  let safe: boolean;
  try {
    const parsed = new URL(url);
    safe = parsed.protocol === 'https:' || parsed.protocol === 'http:';
  } catch {
    safe = false;
  }
  if (!safe) return <span className="url">{url}</span>;
  return (
    <a className="url" href={url} target="_blank" rel="noreferrer noopener">
      {url}
    </a>
  );
}

export function Sources({ detail, onChanged }: { detail: CaseDetail; onChanged?: () => void }) {
  const { t, f } = useI18n();
  const add = (
    <Opener label={t.record.addSource} testId="open-add-source">
      {({ done, cancel }) => (
        <AddSource
          detail={detail}
          onDone={() => {
            done();
            onChanged?.();
          }}
          onCancel={cancel}
        />
      )}
    </Opener>
  );
  if (detail.sources.length === 0)
    return (
      <>
        {add}
        <Empty title={t.caseView.noSources} hint={t.caseView.noSourcesHint} />
      </>
    );
  return (
    <>
      {add}
      <table className="table">
        <caption className="visually-hidden">{t.caseView.sources}</caption>
        <thead>
          <tr>
            <th scope="col">{t.caseView.sourceTitle}</th>
            <th scope="col">{t.caseView.sourcePublisher}</th>
            <th scope="col">{t.caseView.sourceUrl}</th>
            <th scope="col">{t.caseView.sourceAccessed}</th>
          </tr>
        </thead>
        <tbody>
          {detail.sources.map((source) => (
            <tr key={source.id}>
              <th scope="row" className="strong">
                {source.title}
                {source.archivedItemId && <span className="muted small block">{t.caseView.archivedCopy}</span>}
                {source.note && <span className="muted small block">{source.note}</span>}
              </th>
              <td>{source.publisher ?? <span className="muted">{t.cases.noValue}</span>}</td>
              <td className="break">
                <SafeLink url={source.url} />
              </td>
              <td className="nowrap">{f.partialDate(source.accessedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
