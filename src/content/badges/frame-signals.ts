/**
 * Signals of the open panel's annotation frame (`FrameSignal`, src/common/annotate-frame-url.ts):
 * Escape, and the judgement the user just saved. Only the frame's own window can be the source,
 * which no page script can post from.
 */
import type { AnnotationKind } from '../../core/model/types.ts';
import { parseFrameSignal } from '../../common/annotate-frame-url.ts';

export interface FrameSignalHandlers {
  /** The reply whose panel is open, else null (no panel, no frame to listen to). */
  openTurn(): string | null;
  escape(): void;
  /** The frame saved a judgement of the open reply (null: none left). */
  judged(turnId: string, kind: AnnotationKind | null): void;
}

/** Listens for the frame's messages on the window; returns the function that stops listening. */
export function listenToAnnotationFrame(win: Window, root: ShadowRoot, handlers: FrameSignalHandlers): () => void {
  const onFrameMessage = (e: MessageEvent) => {
    const openTurn = handlers.openTurn();
    const frame = root.querySelector<HTMLIFrameElement>('iframe.po-annot-frame');
    if (!openTurn || !frame || e.source === null || e.source !== frame.contentWindow) return;
    const signal = parseFrameSignal(e.data);
    if (!signal) return;
    if (signal.event === 'escape') {
      handlers.escape();
      return;
    }
    handlers.judged(openTurn, signal.kind);
  };
  win.addEventListener('message', onFrameMessage);
  return () => win.removeEventListener('message', onFrameMessage);
}
