interface Props {
  label: string;
  done: number;
  /** Unknown total → indeterminate bar. */
  total: number | null;
  onCancel?: () => void;
}

/** A long operation in progress, with a cancel button when it can be cancelled. */
export function Progress({ label, done, total, onCancel }: Props) {
  return (
    <div class="po-progress" role="group" aria-label={label}>
      <span>{label}</span>
      <progress max={total ?? undefined} value={total === null ? undefined : done} aria-label={label} />
      <span class="po-muted" aria-live="polite">
        {total === null ? `${done.toLocaleString('en')}` : `${done.toLocaleString('en')} / ${total.toLocaleString('en')}`}
      </span>
      {onCancel && (
        <button type="button" class="po-btn po-btn-small" onClick={onCancel}>
          Cancel
        </button>
      )}
    </div>
  );
}
