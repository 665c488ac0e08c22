import { useCallback, useState } from 'react';
import type { PDFDocumentProxy } from 'pdfjs-dist';

/** Page texts are read once per document; a 500-page decision is searched without re-reading. */
const textCache = new WeakMap<PDFDocumentProxy, Promise<string[]>>();

function pageTexts(pdf: PDFDocumentProxy): Promise<string[]> {
  let texts = textCache.get(pdf);
  if (!texts) {
    texts = Promise.all(
      Array.from({ length: pdf.numPages }, async (_, index) => {
        const content = await (await pdf.getPage(index + 1)).getTextContent();
        return content.items.map((item) => ('str' in item ? item.str : '')).join(' ');
      }),
    );
    textCache.set(pdf, texts);
  }
  return texts;
}

/** Folds case (and ё/е) so "ИВАНОВ" finds "Иванов". */
export const fold = (text: string) => text.toLocaleLowerCase().replaceAll('ё', 'е').replace(/\s+/g, ' ');

/** Find in the document: the pages that contain the words, and which one is current. */
export function usePdfFind(pdf: PDFDocumentProxy | null, goTo: (page: number) => void) {
  const [query, setQuery] = useState('');
  const [pages, setPages] = useState<number[] | null>(null);
  const [current, setCurrent] = useState(0);

  const find = useCallback(
    async (text: string) => {
      setQuery(text);
      const wanted = fold(text.trim());
      if (!pdf || wanted === '') return setPages(null);
      const texts = await pageTexts(pdf);
      const found = texts.flatMap((pageText, index) => (fold(pageText).includes(wanted) ? [index + 1] : []));
      setPages(found);
      setCurrent(0);
      if (found.length > 0) goTo(found[0]!);
    },
    [pdf, goTo],
  );

  const step = (by: 1 | -1) => {
    if (!pages || pages.length === 0) return;
    const next = (current + by + pages.length) % pages.length;
    setCurrent(next);
    goTo(pages[next]!);
  };

  return { query, pages, current, find, next: () => step(1), previous: () => step(-1) };
}
