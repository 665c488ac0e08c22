import type { ReactNode } from 'react';

export function ErrorMessage({ children }: { children: ReactNode }) {
  return (
    <p className="message message-error" role="alert">
      {children}
    </p>
  );
}

export function Empty({ title, hint }: { title: string; hint?: string }) {
  return (
    <div className="empty">
      <p className="empty-title">{title}</p>
      {hint && <p className="empty-hint">{hint}</p>}
    </div>
  );
}

export function Loading({ label }: { label: string }) {
  return (
    <p className="loading" role="status">
      <span className="spinner spinner-small" aria-hidden="true" />
      {label}
    </p>
  );
}

/** One labelled progress bar of a long operation (import, export, audit). */
export function ProgressLine({ label, done, total, testId }: { label: ReactNode; done: number; total: number; testId?: string }) {
  return (
    <label className="progress-line">
      <span className="break">{label}</span>
      <progress max={total || 1} value={done} data-testid={testId} />
    </label>
  );
}
