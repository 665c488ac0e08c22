import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import type { CustodyEventView, ItemSummary, MediaTicket } from '../../../shared/model.ts';
import { getApi } from '../api/client.ts';
import { useFailure } from '../api/locked.tsx';
import { useI18n } from '../i18n/index.tsx';
import { revealDirectionControls } from '../ui/bidi.ts';
import { ErrorMessage, Loading } from '../ui/feedback.tsx';
import { SafeName } from '../ui/text.tsx';

// pdf.js is large; it loads only when a PDF is opened.
const PdfView = lazy(() => import('./PdfView.tsx').then((module) => ({ default: module.PdfView })));

type Item = ItemSummary & { custody: CustodyEventView[] };
type Verification =
  { state: 'busy' } | { state: 'done'; ok: boolean; sha256: string; expected: string } | { state: 'error'; message: string };

/** Plain text is shown up to this size; beyond it the viewer offers the hash and metadata only. */
const MAX_TEXT_BYTES = 5 * 1024 * 1024;

function kindOf(mimeType: string): 'pdf' | 'video' | 'audio' | 'image' | 'text' | 'other' {
  if (mimeType === 'application/pdf') return 'pdf';
  if (mimeType.startsWith('video/')) return 'video';
  if (mimeType.startsWith('audio/')) return 'audio';
  if (/^image\/(png|jpeg|gif|webp)$/.test(mimeType)) return 'image';
  if (mimeType === 'text/plain') return 'text';
  return 'other';
}

/**
 * One item: its content (PDF, video, audio, image, text) streamed from the encrypted store, and a
 * panel with its provenance, hashes and custody history, and "verify this item". Opening it
 * records a `viewed` custody event.
 */
export function ItemViewer({ id, onClose }: { id: string; onClose: () => void }) {
  const { t, f } = useI18n();
  const api = getApi();
  const fail = useFailure();
  const [item, setItem] = useState<Item | null>(null);
  const [media, setMedia] = useState<MediaTicket | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [verification, setVerification] = useState<Verification | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    let cancelled = false;
    void (async () => {
      const ticket = await api['items.media']({ id });
      const details = await api['items.get']({ id });
      if (cancelled) return;
      for (const result of [ticket, details]) {
        if (!result.ok) return fail(result.error, setError);
      }
      if (ticket.ok) setMedia(ticket.value);
      if (details.ok) setItem(details.value);
    })();
    return () => {
      cancelled = true;
    };
  }, [api, id, fail]);

  useEffect(() => {
    if (item) heading.current?.focus();
  }, [item]);

  const verify = async () => {
    setVerification({ state: 'busy' });
    const result = await api['items.verify']({ id });
    // Verifying adds a custody event to the item: read it again unless the vault locked meanwhile.
    const reread = async () => {
      const refreshed = await api['items.get']({ id });
      if (refreshed.ok) setItem(refreshed.value);
    };
    if (result.ok) {
      setVerification({ state: 'done', ...result.value });
      await reread();
    } else {
      fail(result.error, (message) => {
        setVerification({ state: 'error', message });
        void reread();
      });
    }
  };

  const close = (
    <button type="button" className="button button-link back" onClick={onClose}>
      ← {t.viewer.back}
    </button>
  );
  if (!item || !media) {
    return (
      <div>
        {close}
        {error ? <ErrorMessage>{error}</ErrorMessage> : <Loading label={t.viewer.loading} />}
      </div>
    );
  }

  const kind = kindOf(media.mimeType);
  return (
    <div className="viewer" data-testid="item-viewer">
      {close}
      <h2 ref={heading} tabIndex={-1} className="viewer-title">
        <SafeName text={item.title ?? item.originalName} />
      </h2>
      <div className="viewer-body">
        <section className="viewer-content" aria-label={t.viewer.content}>
          {kind === 'pdf' && (
            <Suspense fallback={<Loading label={t.viewer.loadingPdf} />}>
              <PdfView url={media.url} />
            </Suspense>
          )}
          {kind === 'video' && <MediaPlayer kind="video" url={media.url} />}
          {kind === 'audio' && <MediaPlayer kind="audio" url={media.url} />}
          {kind === 'image' && (
            <img className="viewer-image" src={media.url} alt={revealDirectionControls(item.title ?? item.originalName)} />
          )}
          {kind === 'text' && <TextView url={media.url} size={media.size} />}
          {kind === 'other' && <p className="muted">{t.viewer.noPreview(media.mimeType)}</p>}
        </section>
        <aside className="viewer-panel" aria-label={t.viewer.details}>
          <h3>{t.viewer.details}</h3>
          <dl className="facts">
            <dt>{t.viewer.fileName}</dt>
            <dd className="break">
              <SafeName text={item.originalName} />
            </dd>
            <dt>{t.viewer.fileType}</dt>
            <dd>{media.mimeType}</dd>
            <dt>{t.caseView.columnSize}</dt>
            <dd>{f.bytes(item.size)}</dd>
            <dt>SHA-256</dt>
            <dd>
              <code className="hash break" data-testid="viewer-sha256">
                {item.sha256}
              </code>
            </dd>
            {item.documentDate && (
              <>
                <dt>{t.caseView.columnDate}</dt>
                <dd>{f.partialDate(item.documentDate)}</dd>
              </>
            )}
            {item.issuingBody && (
              <>
                <dt>{t.viewer.issuingBody}</dt>
                <dd>{item.issuingBody}</dd>
              </>
            )}
          </dl>
          <h3>{t.viewer.provenance}</h3>
          {item.acquisition ? (
            <dl className="facts">
              <dt>{t.importer.obtainedFrom}</dt>
              <dd>{item.acquisition.obtainedFrom}</dd>
              <dt>{t.importer.method}</dt>
              <dd>{item.acquisition.method}</dd>
              {item.acquisition.obtainedAt && (
                <>
                  <dt>{t.importer.obtainedAt}</dt>
                  <dd>{f.partialDate(item.acquisition.obtainedAt.slice(0, 10))}</dd>
                </>
              )}
              {item.acquisition.obtainedBy && (
                <>
                  <dt>{t.importer.obtainedBy}</dt>
                  <dd>{item.acquisition.obtainedBy}</dd>
                </>
              )}
            </dl>
          ) : (
            <p className="muted">{t.viewer.noProvenance}</p>
          )}
          <div className="viewer-verify">
            <button
              type="button"
              className="button button-secondary"
              disabled={verification?.state === 'busy'}
              aria-busy={verification?.state === 'busy'}
              onClick={() => void verify()}
            >
              {verification?.state === 'busy' ? t.caseView.verifying : t.viewer.verifyItem}
            </button>
            <p role="status" className="verify-result" data-testid="viewer-verify-result">
              {verification?.state === 'done' &&
                (verification.ok ? (
                  <span className="ok">✓ {t.viewer.verifiedOk}</span>
                ) : (
                  <span className="bad">✗ {t.caseView.verifyFailedDetail(verification.expected, verification.sha256)}</span>
                ))}
              {verification?.state === 'error' && <span className="bad">{verification.message}</span>}
            </p>
          </div>
          <h3>{t.viewer.custody}</h3>
          <ol className="custody-mini">
            {item.custody.map((event) => (
              <li key={event.seq}>
                <span className="strong">{(t.labels.custodyAction as Record<string, string>)[event.action] ?? event.action}</span>{' '}
                <span className="muted small">
                  {f.dateTime(event.time)} · {event.actor}
                </span>
              </li>
            ))}
          </ol>
        </aside>
      </div>
    </div>
  );
}

function MediaPlayer({ kind, url }: { kind: 'video' | 'audio'; url: string }) {
  const { t } = useI18n();
  const [failed, setFailed] = useState(false);
  if (failed) return <ErrorMessage>{t.viewer.playbackFailed}</ErrorMessage>;
  return kind === 'video' ? (
    <video className="viewer-video" src={url} controls preload="metadata" data-testid="viewer-video" onError={() => setFailed(true)} />
  ) : (
    <audio src={url} controls preload="metadata" data-testid="viewer-audio" onError={() => setFailed(true)} />
  );
}

function TextView({ url, size }: { url: string; size: number }) {
  const { t } = useI18n();
  const [text, setText] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (size > MAX_TEXT_BYTES) return;
    const controller = new AbortController();
    fetch(url, { signal: controller.signal, credentials: 'omit', cache: 'no-store' })
      .then((response) => (response.ok ? response.text() : Promise.reject(new Error(String(response.status)))))
      .then(setText, (reason: unknown) => {
        if (!controller.signal.aborted) setError(t.viewer.textFailed(reason instanceof Error ? reason.message : String(reason)));
      });
    return () => controller.abort();
  }, [url, size, t]);
  if (size > MAX_TEXT_BYTES) return <p className="muted">{t.viewer.textTooLarge}</p>;
  if (error) return <ErrorMessage>{error}</ErrorMessage>;
  if (text === null) return <Loading label={t.viewer.loading} />;
  return <pre className="viewer-text">{text}</pre>;
}
