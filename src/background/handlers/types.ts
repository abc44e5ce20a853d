/** The shape every message handler has. One handler file per message type. */
import type { MessageOf, MessageType } from '../../messaging/requests.ts';
import type { ResponseMap } from '../../messaging/responses.ts';
import type { BackgroundContext } from '../context.ts';
import type { SenderKind } from '../sender.ts';

export type Handler<T extends MessageType> = (message: MessageOf<T>, ctx: BackgroundContext, from: SenderKind) => Promise<ResponseMap[T]>;
