import { useState } from 'preact/hooks';

interface Props {
  label: string;
  /** The question shown before acting, e.g. "Delete this conversation for good?" */
  question: string;
  confirmLabel: string;
  onConfirm(): void | Promise<void>;
  disabled?: boolean;
}

/** A destructive action that asks first, inline (no modal, no window.confirm). */
export function ConfirmButton({ label, question, confirmLabel, onConfirm, disabled }: Props) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button type="button" class="po-btn po-btn-danger" disabled={disabled} onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }
  return (
    <span class="po-confirm" role="group" aria-label={question}>
      <span>{question}</span>{' '}
      <button
        type="button"
        class="po-btn po-btn-danger"
        onClick={() => {
          setAsking(false);
          void onConfirm();
        }}
      >
        {confirmLabel}
      </button>{' '}
      <button type="button" class="po-btn" onClick={() => setAsking(false)}>
        Cancel
      </button>
    </span>
  );
}
