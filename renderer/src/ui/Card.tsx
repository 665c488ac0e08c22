import { useEffect, useId, useRef, type ReactNode } from 'react';

/** A card whose heading takes focus when it appears, so screen readers announce the new step. */
export function Card({ title, narrow, children }: { title: string; narrow?: boolean; children: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const id = useId();
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className={narrow ? 'card card-narrow' : 'card'} aria-labelledby={id}>
      <h1 id={id} ref={heading} tabIndex={-1}>
        {title}
      </h1>
      {children}
    </section>
  );
}
