import type { ComponentChildren } from 'preact';

/** The three non-data states every view has, so they look and read the same everywhere. */
export function Loading({ what }: { what: string }) {
  return (
    <p class="po-state-msg po-muted" role="status" aria-live="polite">
      Loading {what}…
    </p>
  );
}

export function ErrorBox({ title, error, onRetry }: { title: string; error: unknown; onRetry?: () => void }) {
  const message = error instanceof Error ? error.message : String(error);
  return (
    <div class="po-state-msg po-errorbox" role="alert">
      <strong>{title}</strong>
      <p>{message}</p>
      {onRetry && (
        <button type="button" class="po-btn" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

export function Empty({ title, children }: { title: string; children?: ComponentChildren }) {
  return (
    <div class="po-state-msg po-empty">
      <strong>{title}</strong>
      {children && <div class="po-muted">{children}</div>}
    </div>
  );
}
