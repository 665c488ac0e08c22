import { useEffect, useRef, useState } from 'react';
import { getDocument, GlobalWorkerOptions, TextLayer, type PDFDocumentProxy, type RenderTask } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { useI18n } from '../i18n/index.tsx';
import { ErrorMessage, Loading } from '../ui/feedback.tsx';
import { fold, usePdfFind } from './usePdfFind.ts';
import './pdf-view.css';

GlobalWorkerOptions.workerSrc = workerUrl;

const ZOOM_STEPS = [0.5, 0.75, 1, 1.25, 1.5, 2, 3] as const;

/**
 * A PDF from the encrypted store, rendered with pdf.js one page at a time: a canvas for the page
 * and a text layer over it, so text can be selected and found. Evidence PDFs come from untrusted
 * hands. CVE-2024-4367 ran code through pdf.js compiling font glyphs with `new Function`; the
 * pdf.js we ship has no such path any more (its `isEvalSupported` option was removed with it, and
 * tests/engine/pdfjs-no-eval.test.ts checks the bundle), and our CSP has no 'unsafe-eval', so any
 * eval would throw. No XFA, no WebAssembly decoders, and the bytes come from our own origin only.
 */
export function PdfView({ url, onFailed }: { url: string; onFailed?: (message: string) => void }) {
  const { t, f } = useI18n();
  const [pdf, setPdf] = useState<PDFDocumentProxy | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const [zoomIndex, setZoomIndex] = useState(2);
  // Fit to width (the default) follows the viewer's width; the zoom buttons leave it.
  const [fitWidth, setFitWidth] = useState(true);
  const [wrapWidth, setWrapWidth] = useState(0);
  const canvas = useRef<HTMLCanvasElement>(null);
  const textLayer = useRef<HTMLDivElement>(null);
  const wrap = useRef<HTMLDivElement>(null);
  const search = usePdfFind(pdf, setPage);

  useEffect(() => {
    const box = wrap.current;
    if (!box || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => setWrapWidth(box.clientWidth));
    observer.observe(box);
    return () => observer.disconnect();
  }, [pdf]);

  useEffect(() => {
    const task = getDocument({
      url,
      enableXfa: false,
      useWasm: false,
      disableAutoFetch: true,
      withCredentials: false,
      stopAtErrors: false,
    });
    let cancelled = false;
    task.promise.then(
      (document) => {
        if (!cancelled) setPdf(document);
      },
      (reason: unknown) => {
        if (!cancelled) setError(t.viewer.pdfFailed(reason instanceof Error ? reason.message : String(reason)));
      },
    );
    return () => {
      cancelled = true;
      void task.destroy();
    };
    // The document is loaded once per URL; the language only changes labels.
  }, [url]);

  useEffect(() => {
    if (!pdf || !canvas.current || !textLayer.current) return;
    let renderTask: RenderTask | null = null;
    let text: TextLayer | null = null;
    let cancelled = false;
    const target = canvas.current;
    const layer = textLayer.current;
    void (async () => {
      try {
        const pageProxy = await pdf.getPage(page);
        if (cancelled) return;
        // Fit to width: the page's own width against the room inside the grey frame (its padding is 2 × 16 px).
        const natural = pageProxy.getViewport({ scale: 1 }).width;
        const fitted = wrapWidth > 0 ? Math.max(0.25, Math.min(4, (wrapWidth - 32) / natural)) : 1;
        const viewport = pageProxy.getViewport({ scale: fitWidth ? fitted : ZOOM_STEPS[zoomIndex]! });
        const ratio = window.devicePixelRatio || 1;
        target.width = Math.floor(viewport.width * ratio);
        target.height = Math.floor(viewport.height * ratio);
        target.style.width = `${Math.floor(viewport.width)}px`;
        target.style.height = `${Math.floor(viewport.height)}px`;
        renderTask = pageProxy.render({
          canvas: target,
          viewport,
          transform: ratio === 1 ? undefined : [ratio, 0, 0, ratio, 0, 0],
        });
        layer.replaceChildren();
        // pdf.js sizes the layer and its spans from this variable.
        layer.style.setProperty('--total-scale-factor', String(viewport.scale));
        text = new TextLayer({ textContentSource: pageProxy.streamTextContent(), container: layer, viewport });
        await Promise.all([renderTask.promise, text.render()]);
        // Mark the text pieces that hold the words being found.
        const wanted = fold(search.query.trim());
        if (wanted)
          for (const span of layer.querySelectorAll('span'))
            if (fold(span.textContent ?? '').includes(wanted)) span.classList.add('pdf-hit');
      } catch (reason) {
        if (!cancelled && !(reason instanceof Error && reason.name === 'RenderingCancelledException')) {
          setError(t.viewer.pdfFailed(reason instanceof Error ? reason.message : String(reason)));
        }
      }
    })();
    return () => {
      cancelled = true;
      renderTask?.cancel();
      text?.cancel();
    };
  }, [pdf, page, zoomIndex, fitWidth, wrapWidth, search.query, t]);

  useEffect(() => {
    if (error) onFailed?.(error);
  }, [error, onFailed]);
  if (error) return <ErrorMessage>{error}</ErrorMessage>;
  if (!pdf) return <Loading label={t.viewer.loadingPdf} />;

  const pages = pdf.numPages;
  return (
    <div className="pdf-view">
      <div className="viewer-toolbar" role="toolbar" aria-label={t.viewer.pdfTools}>
        <button type="button" className="button button-secondary button-small" disabled={page <= 1} onClick={() => setPage(page - 1)}>
          ‹ {t.viewer.previousPage}
        </button>
        <label className="page-jump">
          <span className="visually-hidden">{t.viewer.pageNumber}</span>
          <input
            type="number"
            min={1}
            max={pages}
            value={page}
            onChange={(event) => {
              const wanted = Number(event.target.value);
              if (Number.isInteger(wanted) && wanted >= 1 && wanted <= pages) setPage(wanted);
            }}
          />
        </label>
        <span className="muted" data-testid="pdf-page-count">
          {t.viewer.pageOf(f.number(page), f.number(pages))}
        </span>
        <button type="button" className="button button-secondary button-small" disabled={page >= pages} onClick={() => setPage(page + 1)}>
          {t.viewer.nextPage} ›
        </button>
        <span className="toolbar-gap" />
        <button
          type="button"
          className="button button-secondary button-small"
          aria-label={t.viewer.zoomOut}
          disabled={zoomIndex === 0}
          onClick={() => {
            setFitWidth(false);
            setZoomIndex(zoomIndex - 1);
          }}
        >
          −
        </button>
        <span className="muted zoom-level">{fitWidth ? '' : `${f.number(Math.round(ZOOM_STEPS[zoomIndex]! * 100))}%`}</span>
        <button
          type="button"
          className="button button-secondary button-small"
          aria-label={t.viewer.zoomIn}
          disabled={zoomIndex === ZOOM_STEPS.length - 1}
          onClick={() => {
            setFitWidth(false);
            setZoomIndex(zoomIndex + 1);
          }}
        >
          +
        </button>
        <button
          type="button"
          className="button button-secondary button-small"
          aria-pressed={fitWidth}
          data-testid="pdf-fit-width"
          onClick={() => setFitWidth(true)}
        >
          {t.record.pdfFitWidth}
        </button>
      </div>
      <form
        className="viewer-toolbar pdf-find"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          if (search.pages && search.pages.length > 0) search.next();
        }}
      >
        <label className="pdf-find-field">
          <span className="visually-hidden">{t.record.pdfFind}</span>
          <input
            type="search"
            className="input input-compact"
            placeholder={t.record.pdfFind}
            value={search.query}
            autoComplete="off"
            spellCheck={false}
            data-testid="pdf-find"
            onChange={(event) => void search.find(event.target.value)}
          />
        </label>
        <button type="button" className="button button-secondary button-small" disabled={!search.pages?.length} onClick={search.previous}>
          ‹ <span className="visually-hidden">{t.record.pdfFindPrevious}</span>
        </button>
        <button type="submit" className="button button-secondary button-small" disabled={!search.pages?.length}>
          <span className="visually-hidden">{t.record.pdfFindNext}</span> ›
        </button>
        <span className="muted small" role="status" data-testid="pdf-find-status">
          {search.pages === null
            ? ''
            : search.pages.length === 0
              ? t.record.pdfFindNone
              : t.record.pdfFindPages(search.current + 1, search.pages.length)}
        </span>
      </form>
      <div className="pdf-page-wrap" ref={wrap}>
        <div className="pdf-page">
          <canvas ref={canvas} aria-label={t.viewer.pageImage(page)} />
          <div ref={textLayer} className="textLayer" data-testid="pdf-text" />
        </div>
      </div>
    </div>
  );
}
