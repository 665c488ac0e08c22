import { useState, type ReactNode } from 'react';
import { useI18n, type Messages } from '../i18n/index.tsx';

/** A sentence after a save, written in whichever language the window shows when it is read. */
export type Notice = (t: Messages) => string;

export interface FormControls {
  /** The form saved: close it and say so (its own sentence, or "Saved."). */
  done: (message?: Notice) => void;
  cancel: () => void;
}

/** A button that opens one form in place. Every "Add…" and "Edit…" of the case record uses it. */
export function Opener({ label, testId, children }: { label: string; testId?: string; children: (controls: FormControls) => ReactNode }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [notice, setNotice] = useState<{ say: Notice } | null>(null);
  const controls: FormControls = {
    done: (message) => {
      setOpen(false);
      setNotice({ say: message ?? ((t) => t.record.saved) });
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
          {notice.say(t)}
        </p>
      )}
    </div>
  );
}
