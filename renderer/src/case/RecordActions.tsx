import { useState, type ReactNode } from 'react';
import { useI18n } from '../i18n/index.tsx';

export interface FormControls {
  /** The form saved: close it and say so (its own sentence, or "Saved."). */
  done: (message?: string) => void;
  cancel: () => void;
}

/** A button that opens one form in place. Every "Add…" and "Edit…" of the case record uses it. */
export function Opener({ label, testId, children }: { label: string; testId?: string; children: (controls: FormControls) => ReactNode }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const controls: FormControls = {
    done: (message) => {
      setOpen(false);
      setNotice(message ?? t.record.saved);
    },
    cancel: () => setOpen(false),
  };
  return (
    <div className="opener">
      {open ? (
        children(controls)
      ) : (
        <button
          type="button"
          className="button button-secondary button-small"
          data-testid={testId}
          onClick={() => {
            setNotice(null);
            setOpen(true);
          }}
        >
          {label}
        </button>
      )}
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
    </div>
  );
}
