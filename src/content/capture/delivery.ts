/**
 * Sends one capture/page message (clipped) to the worker and routes the answer: the badges of a
 * stored batch, or the turns the worker did not store (paused, store error, failed send) so the
 * controller can retry them on a later change. Never throws.
 */
import type { CapturedTurn } from '../../core/model/types.ts';
import type { CapturePageMessage } from '../../messaging/requests.ts';
import type { BadgeInfo, CapturePageResponse } from '../../messaging/responses.ts';
import { clipCapture } from './clip.ts';

export interface DeliveryHandlers {
  send(message: CapturePageMessage): Promise<CapturePageResponse | undefined>;
  /** The worker stored the batch and answered with badges for the turns on screen. */
  onStored(badges: Record<string, BadgeInfo>): void;
  /** The worker did not store these turns. */
  onNotStored(turns: readonly CapturedTurn[]): void;
  report(error: unknown): void;
}

export function deliver(message: CapturePageMessage, h: DeliveryHandlers): void {
  let pendingSend: Promise<CapturePageResponse | undefined>;
  try {
    pendingSend = h.send(clipCapture(message));
  } catch (err) {
    h.report(err);
    return;
  }
  Promise.resolve(pendingSend)
    .then(
      (response) => {
        if (!response) return;
        if (response.ok) h.onStored(response.badges ?? {});
        else h.onNotStored(message.turns);
      },
      (err: unknown) => {
        h.onNotStored(message.turns);
        h.report(err);
      },
    )
    .catch(h.report);
}
