/**
 * Entry point of every runtime message: validate (src/messaging/catalog.ts), check the sender, then run
 * the message's handler. Dropped messages get no answer (undefined) and a console.warn.
 * No webextension-polyfill here: src/background/index.ts wires this to runtime.onMessage.
 */
import { CATALOG, parseMessage, type SenderSide } from '../messaging/catalog.ts';
import type { Message, MessageType } from '../messaging/requests.ts';
import type { ResponseMap } from '../messaging/responses.ts';
import { StoreWriteError } from '../store/write-error.ts';
import type { BackgroundContext } from './context.ts';
import { HANDLERS } from './handlers/index.ts';
import type { Handler } from './handlers/types.ts';
import { classifySender, type SenderKind, type SenderLike } from './sender.ts';

export interface AcceptedMessage {
  message: Message;
  from: SenderKind;
}

/** Synchronous gate: the validated message and its sender, or null when it must be ignored. */
export function acceptMessage(raw: unknown, sender: SenderLike, ctx: BackgroundContext): AcceptedMessage | null {
  const message = parseMessage(raw);
  if (!message) {
    console.warn('persona-observatory: dropped a malformed message', describe(raw));
    return null;
  }
  const from = classifySender(sender, ctx.policy);
  if (!from) {
    console.warn(`persona-observatory: ignored "${message.type}" from a sender that is not this extension on a supported site`);
    return null;
  }
  if (!CATALOG[message.type].from.includes(from.kind)) {
    console.warn(`persona-observatory: ignored "${message.type}" from ${SENDER_NAMES[from.kind]}`);
    return null;
  }
  return { message, from };
}

/** Run an accepted message. Never rejects: failures become `{ ok: false, error }`. */
export async function runMessage<T extends MessageType>({ message, from }: AcceptedMessage, ctx: BackgroundContext): Promise<ResponseMap[T]> {
  await ctx.ready;
  const handler = HANDLERS[message.type] as Handler<MessageType>;
  try {
    return (await handler(message, ctx, from)) as ResponseMap[T];
  } catch (error) {
    const storeFailure = error instanceof StoreWriteError;
    if (storeFailure) ctx.gate.halt(error.message);
    else console.error(`persona-observatory: "${message.type}" failed`, error);
    const text = error instanceof Error ? error.message : String(error);
    // `paused` matters to capture/page callers; other callers ignore the extra field.
    return { ok: false, error: text, paused: storeFailure } as unknown as ResponseMap[T];
  }
}

/** Both steps; returns undefined for ignored messages (no response is sent). */
export function handleRuntimeMessage(raw: unknown, sender: SenderLike, ctx: BackgroundContext): Promise<unknown> | undefined {
  const accepted = acceptMessage(raw, sender, ctx);
  return accepted ? runMessage(accepted, ctx) : undefined;
}

const SENDER_NAMES: Record<SenderSide, string> = {
  page: 'an extension page',
  content: 'a content script',
  frame: 'an extension frame in a web page',
};

function describe(raw: unknown): string {
  if (raw && typeof raw === 'object' && 'type' in raw) return `type=${JSON.stringify((raw as { type: unknown }).type)}`;
  return typeof raw;
}
