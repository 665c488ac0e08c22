import { useEffect, useRef, useState } from 'react';

/** How long typing may pause before the text counts: a filter redraws the list once per pause, not per key. */
export const TYPING_PAUSE_MS = 200;

/**
 * Text typed into a filter, kept in the field's own state so a keystroke redraws only the field;
 * `commit` receives it after a pause. A change of `committed` from outside (Clear filters) is
 * taken over.
 */
export function useDebouncedText(committed: string, commit: (text: string) => void): [string, (text: string) => void] {
  const [text, setText] = useState(committed);
  const sent = useRef(committed);
  const latestCommit = useRef(commit);
  latestCommit.current = commit;
  useEffect(() => {
    if (committed !== sent.current) {
      sent.current = committed;
      setText(committed);
    }
  }, [committed]);
  useEffect(() => {
    if (text === sent.current) return;
    const timer = window.setTimeout(() => {
      sent.current = text;
      latestCommit.current(text);
    }, TYPING_PAUSE_MS);
    return () => window.clearTimeout(timer);
  }, [text]);
  return [text, setText];
}
