/**
 * The one thing read from a ChatGPT send request: the requested model (`model` in the JSON
 * body, routing.md §1.2). Pure. Nothing else of the body is kept (it holds the prompt).
 */
import { isSlug } from './observation.ts';

/** Request bodies larger than this are not parsed (a prompt with attachments can be big). */
export const MAX_REQUEST_CHARS = 2_000_000;

export function requestedModelOf(body: string): string | null {
  if (body.length > MAX_REQUEST_CHARS || !body.includes('"model"')) return null;
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed !== 'object' || parsed === null) return null;
    const model = (parsed as { model?: unknown }).model;
    return isSlug(model) ? model : null;
  } catch {
    return null;
  }
}
