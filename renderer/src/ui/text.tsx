import type { ReactNode } from 'react';
import { revealDirectionControls } from './bidi.ts';

/**
 * A search snippet whose matches the engine wrapped in [[ ]]: the parts become text nodes and
 * <mark> elements, never markup, so whatever the archive holds cannot run as HTML.
 */
export function Highlighted({ text }: { text: string }) {
  const parts: ReactNode[] = [];
  let rest = text;
  let key = 0;
  for (;;) {
    const open = rest.indexOf('[[');
    const close = open === -1 ? -1 : rest.indexOf(']]', open + 2);
    if (open === -1 || close === -1) {
      if (rest) parts.push(rest);
      break;
    }
    if (open > 0) parts.push(rest.slice(0, open));
    parts.push(<mark key={key++}>{rest.slice(open + 2, close)}</mark>);
    rest = rest.slice(close + 2);
  }
  return <>{parts}</>;
}

/** A name that came with the evidence, shown isolated from the text around it and with direction controls made visible. */
export function SafeName({ text, className }: { text: string; className?: string }) {
  return <bdi className={className}>{revealDirectionControls(text)}</bdi>;
}
