import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode, type Ref } from 'react';
import type { ApiError } from '../../shared/result.ts';
import { isLocalError } from './api.ts';
import { revealDirectionControls } from './bidi.ts';
import type { Messages } from './i18n/index.tsx';

/** One sentence for the user: errors made by the client are already worded; engine errors get a plain lead-in. */
export function describeError(t: Messages, error: ApiError): string {
  if (isLocalError(error)) return error.message;
  const lead = t.errors.byKind[error.kind] ?? t.errors.byKind.internal;
  return `${lead}: ${error.message}`;
}

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

export function SubmitButton({ busy, label, busyLabel }: { busy: boolean; label: string; busyLabel: string }) {
  return (
    <button type="submit" className="button button-primary" disabled={busy} aria-busy={busy}>
      {busy && <span className="spinner spinner-small" aria-hidden="true" />}
      {busy ? busyLabel : label}
    </button>
  );
}

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

interface FieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  type?: 'text' | 'password' | 'date';
  hint?: string;
  error?: string | null;
  autoComplete?: string;
  inputRef?: Ref<HTMLInputElement>;
  monospace?: boolean;
  required?: boolean;
  maxLength?: number;
  className?: string;
}

export function Field({
  label,
  value,
  onChange,
  type = 'text',
  hint,
  error,
  autoComplete,
  inputRef,
  monospace,
  required,
  maxLength,
  className,
}: FieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`${error ? 'field field-invalid' : 'field'}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        ref={inputRef}
        type={type}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        // Evidence details must not end up in the browser's form history on disk.
        autoComplete={autoComplete ?? 'off'}
        spellCheck={false}
        autoCapitalize="off"
        className={monospace ? 'input input-mono' : 'input'}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        aria-required={required || undefined}
        maxLength={maxLength}
      />
      {hint && (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      )}
    </div>
  );
}

export interface Option {
  value: string;
  label: string;
}

export function SelectField({
  label,
  value,
  onChange,
  options,
  className,
  hint,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: Option[];
  className?: string;
  hint?: string;
}) {
  const id = useId();
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        className="input"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-describedby={hint ? `${id}-hint` : undefined}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      {hint && (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
    </div>
  );
}

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

/**
 * Arrow keys move between the rows of a list (roving tabindex), Home/End jump, Enter opens.
 * Rows carry `data-row` and are focusable; the container takes the key handler.
 */
export function rovingKeyDown(event: KeyboardEvent<HTMLElement>, onOpen: (index: number) => void): void {
  const rows = Array.from(event.currentTarget.querySelectorAll<HTMLElement>('[data-row]'));
  if (rows.length === 0) return;
  const index = rows.findIndex((row) => row === document.activeElement || row.contains(document.activeElement));
  let next: number | null = null;
  if (event.key === 'ArrowDown') next = index === -1 ? 0 : Math.min(rows.length - 1, index + 1);
  else if (event.key === 'ArrowUp') next = index === -1 ? 0 : Math.max(0, index - 1);
  else if (event.key === 'Home') next = 0;
  else if (event.key === 'End') next = rows.length - 1;
  else if ((event.key === 'Enter' || event.key === ' ') && index !== -1 && rows[index] === document.activeElement) {
    event.preventDefault();
    onOpen(index);
    return;
  }
  if (next === null) return;
  event.preventDefault();
  rows[next]!.focus();
}

export function focusFirstRow(container: HTMLElement | null): void {
  container?.querySelector<HTMLElement>('[data-row]')?.focus();
}

/** A name that came with the evidence, shown isolated from the text around it and with direction controls made visible. */
export function SafeName({ text, className }: { text: string; className?: string }) {
  return <bdi className={className}>{revealDirectionControls(text)}</bdi>;
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
