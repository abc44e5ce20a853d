/** The shape every message handler has. One handler file per message type. */
import type { MessageOf, MessageType, ResponseMap } from '../../messaging/catalog.ts';
import type { BackgroundContext } from '../context.ts';
import type { SenderKind } from '../sender.ts';

export type Handler<T extends MessageType> = (message: MessageOf<T>, ctx: BackgroundContext, from: SenderKind) => Promise<ResponseMap[T]>;
