/**
 * Message catalog between the content script, extension pages and the background worker.
 *
 * `CATALOG` declares each message (requests.ts) once: who may send it and the schema of its
 * fields (src/core/model), from which its validator is generated with the model's length limits;
 * what a schema cannot say is in payload-checks.ts. The worker validates each message on receipt
 * with `parseMessage` and drops anything malformed. The typed answers are in responses.ts. Pure
 * TypeScript so it can be imported in Node tests; the browser-side sender lives in
 * src/messaging/client.ts.
 */
import { ANNOTATION_KINDS, BUNDLE_SCHEMA, IMPORTED_ANNOTATION_SCHEMA, SETTINGS_PATCH_SCHEMA } from '../core/model/records.ts';
import { validatorOf, type SchemaOf } from '../core/model/schema.ts';
import { isObject, type JsonObject } from '../core/model/read-unknown.ts';
import { finishCapturePage, finishRouteObserve } from './payload-checks.ts';
import type { Message, MessageOf, MessageType } from './requests.ts';

/**
 * Who sends a message: `page` = popup and dashboard, `content` = the content script, `frame` =
 * our annotation frame inside a chat tab (src/background/sender.ts tells them apart).
 */
export type SenderSide = 'page' | 'content' | 'frame';

type Fields<T extends MessageType> = Omit<MessageOf<T>, 'type'>;

export interface MessageSpec<T extends MessageType> {
  /** The sides allowed to send it; the worker ignores it from any other. */
  from: readonly SenderSide[];
  /** A fresh message with only the known fields, or null when it is malformed. Never throws. */
  parse: (raw: JsonObject) => MessageOf<T> | null;
}

/**
 * One message's declaration. `fields` is the schema of its payload; `finish`, where given, does
 * what a schema cannot say, with the checked fields and the raw message (`Skip` names the fields
 * it fills in itself).
 */
function message<T extends MessageType, Skip extends keyof Fields<T> = never>(
  type: T,
  from: readonly SenderSide[],
  fields: SchemaOf<Omit<Fields<T>, Skip>>,
  finish?: (checked: Omit<Fields<T>, Skip>, raw: JsonObject) => Fields<T> | null,
): MessageSpec<T> {
  const validate = validatorOf(fields);
  return {
    from,
    parse: (raw) => {
      const checked = validate(raw);
      if (checked === null) return null;
      const done = finish ? finish(checked, raw) : (checked as Fields<T>);
      return done === null ? null : ({ type, ...done } as MessageOf<T>);
    },
  };
}

const PAGE: readonly SenderSide[] = ['page'];
const NO_FIELDS = {} as const;

/**
 * Every message: its sender sides and its fields. Content scripts never see or change
 * annotations (the page could read or forge them); annotation messages from a frame are bound
 * to its tab's site by their handlers. Adding a message: its interface in requests.ts, its
 * answer in responses.ts, a line here, a handler in src/background/handlers (the mapped types
 * make a missing line a type error).
 */
export const CATALOG: { [T in MessageType]: MessageSpec<T> } = {
  ping: message('ping', ['page', 'content', 'frame'], NO_FIELDS),
  'capture/page': message<'capture/page', 'turns' | 'dropped' | 'routes'>(
    'capture/page',
    ['content'],
    {
      conversationId: { string: { nonEmpty: true, nullable: true } },
      title: 'nullableString',
      shared: { optional: 'boolean' },
      status: { oneOf: ['ok', 'layout-not-recognized'] },
      detail: { optional: 'string' },
      selectedModel: 'nullableString',
      pending: 'count',
    },
    finishCapturePage,
  ),
  'tab/status': message('tab/status', PAGE, { tabId: 'count' }),
  'capture/problems': message('capture/problems', PAGE, NO_FIELDS),
  'annotation/save': message('annotation/save', ['page', 'frame'], {
    turnKey: 'id',
    conversationKey: 'id',
    kind: { oneOf: ANNOTATION_KINDS },
    label: 'nullableString',
    note: IMPORTED_ANNOTATION_SCHEMA.note,
  }),
  'annotation/delete': message('annotation/delete', ['page', 'frame'], { id: 'id' }),
  'annotation/get': message('annotation/get', ['page', 'frame'], { turnKey: 'id' }),
  'badges/hide': message('badges/hide', ['content'], NO_FIELDS),
  'settings/get': message('settings/get', ['page', 'content'], NO_FIELDS),
  'settings/set': message('settings/set', PAGE, { patch: { object: SETTINGS_PATCH_SCHEMA, closed: true } }),
  'conversation/delete': message('conversation/delete', PAGE, { conversationKey: 'id' }),
  'store/clear': message('store/clear', PAGE, NO_FIELDS),
  'import/bundles': message('import/bundles', PAGE, { bundles: { arrayOf: BUNDLE_SCHEMA } }),
  recompute: message('recompute', PAGE, { conversationKey: { optional: 'id' } }),
  'import/annotations': message('import/annotations', PAGE, { annotations: { arrayOf: IMPORTED_ANNOTATION_SCHEMA } }),
  // Page-reported routes: only from a content script; the handler binds them to the sender's tab site.
  'route/observe': message<'route/observe', 'conversationId' | 'routes'>('route/observe', ['content'], NO_FIELDS, (_, raw) => finishRouteObserve(raw)),
};

export const MESSAGE_TYPES = Object.keys(CATALOG) as MessageType[];

function isMessageType(v: unknown): v is MessageType {
  return typeof v === 'string' && Object.hasOwn(CATALOG, v);
}

/** Validate an untrusted runtime message. Returns null (never throws) when it is malformed. */
export function parseMessage(raw: unknown): Message | null {
  try {
    if (!isObject(raw) || !isMessageType(raw.type)) return null;
    return (CATALOG[raw.type] as MessageSpec<MessageType>).parse(raw);
  } catch {
    // A getter or proxy that throws is malformed too.
    return null;
  }
}
