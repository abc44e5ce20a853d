/**
 * Typed sender for the message catalog (src/messaging/catalog.ts), for content scripts and extension
 * pages. Kept apart from src/messaging/catalog.ts because webextension-polyfill throws when imported
 * outside an extension (Node tests import src/messaging/catalog.ts freely).
 */
import browser from 'webextension-polyfill';
import type { Message } from './requests.ts';
import type { ResponseFor } from './responses.ts';

/** Thrown when the worker gave no answer (it dropped the message, or it is restarting). */
export class NoResponseError extends Error {
  constructor(type: string) {
    super(`no response from the background worker to "${type}"`);
    this.name = 'NoResponseError';
  }
}

export async function sendMessage<M extends Message>(message: M): Promise<ResponseFor<M>> {
  const response: unknown = await browser.runtime.sendMessage(message);
  if (response === undefined || response === null) throw new NoResponseError(message.type);
  return response as ResponseFor<M>;
}
