import { useRef, useState } from 'preact/hooks';
import { isCancelled } from '../../components/cancel.ts';
import type { ProgressReport } from '../../adapters/services.ts';

export type OperationState<R> =
  | { kind: 'idle' }
  | { kind: 'running'; label: string; progress: ProgressReport }
  | { kind: 'done'; result: R }
  | { kind: 'cancelled' }
  | { kind: 'error'; error: unknown };

/**
 * A long, cancellable operation: `start` runs `work` with a progress callback and an
 * AbortSignal; `cancel` aborts it. Only one run at a time.
 */
export function useOperation<R>() {
  const [state, setState] = useState<OperationState<R>>({ kind: 'idle' });
  const controller = useRef<AbortController | null>(null);

  async function start(work: (step: (label: string, p: ProgressReport) => void, signal: AbortSignal) => Promise<R>): Promise<void> {
    controller.current?.abort();
    const ac = new AbortController();
    controller.current = ac;
    setState({ kind: 'running', label: 'Starting', progress: { done: 0, total: null } });
    try {
      const result = await work((label, progress) => {
        if (!ac.signal.aborted) setState({ kind: 'running', label, progress });
      }, ac.signal);
      if (ac.signal.aborted) throw new DOMException('aborted', 'AbortError');
      setState({ kind: 'done', result });
    } catch (error) {
      setState(isCancelled(error) || ac.signal.aborted ? { kind: 'cancelled' } : { kind: 'error', error });
    } finally {
      if (controller.current === ac) controller.current = null;
    }
  }

  function cancel() {
    controller.current?.abort();
  }

  return { state, start, cancel, reset: () => setState({ kind: 'idle' }) };
}
