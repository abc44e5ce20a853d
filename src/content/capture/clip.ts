/**
 * Over-limit short fields are clipped here, before sending, so one odd title or model name never
 * makes the worker drop a whole capture. Turn text and thinking are not clipped (a cut reply
 * would be stored as if it were the reply): the worker drops such a turn alone and says why.
 */
import { clipShort } from '../../core/limits.ts';
import type { CapturedTurn } from '../../core/model/types.ts';
import type { CapturePageMessage } from '../../messaging/requests.ts';

const clipOrNull = (v: string | null): string | null => (v === null ? null : clipShort(v));

function clipTurn(t: CapturedTurn): CapturedTurn {
  return { ...t, id: clipShort(t.id), model: clipOrNull(t.model), selectedModel: clipOrNull(t.selectedModel) };
}

export function clipCapture(m: CapturePageMessage): CapturePageMessage {
  return {
    ...m,
    conversationId: clipOrNull(m.conversationId),
    title: clipOrNull(m.title),
    selectedModel: clipOrNull(m.selectedModel),
    ...(m.detail !== undefined ? { detail: clipShort(m.detail) } : {}),
    turns: m.turns.map(clipTurn),
  };
}
