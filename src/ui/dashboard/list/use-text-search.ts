/**
 * Transcript search for the conversation list: debounced, cancellable, with progress. The store
 * answers from its text index, or scans turns while the index is still being built; a new query
 * aborts the previous search.
 */
import { useEffect, useState } from 'preact/hooks';
import type { DataReads } from '../../adapters/services.ts';
import { isCancelled } from '../../components/cancel.ts';

export type TextSearchState =
  | { status: 'idle' }
  | { status: 'searching'; done: number; total: number | null; cancel(): void }
  | { status: 'done'; matches: Map<string, string>; complete: boolean; ranked: boolean }
  | { status: 'cancelled' }
  | { status: 'error'; error: unknown };

const DEBOUNCE_MS = 300;

export function useTextSearch(data: DataReads, text: string): TextSearchState {
  const [state, setState] = useState<TextSearchState>({ status: 'idle' });
  useEffect(() => {
    const query = text.trim();
    if (!query) {
      setState({ status: 'idle' });
      return;
    }
    const controller = new AbortController();
    const cancel = () => controller.abort();
    // Set when a newer query (or unmount) replaces this search: its results and errors are dropped.
    let superseded = false;
    const timer = setTimeout(() => {
      setState({ status: 'searching', done: 0, total: 0, cancel });
      data
        .searchText(
          query,
          ({ done, total }) => {
            if (!superseded && !controller.signal.aborted) setState({ status: 'searching', done, total, cancel });
          },
          controller.signal,
        )
        .then(
          (r) => {
            if (!superseded) setState({ status: 'done', matches: r.matches, complete: r.complete, ranked: r.ranked });
          },
          (error: unknown) => {
            if (!superseded) setState(isCancelled(error) || controller.signal.aborted ? { status: 'cancelled' } : { status: 'error', error });
          },
        );
    }, DEBOUNCE_MS);
    return () => {
      superseded = true;
      clearTimeout(timer);
      controller.abort();
    };
  }, [data, text]);
  return state;
}
