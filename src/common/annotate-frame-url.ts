/**
 * The URL fragment that names the reply an annotation frame is for. Written by the badge layer
 * (content script), read by the frame. Pure, so both sides import it without preact.
 */

/** `#t=<turnKey>&c=<conversationKey>`. */
export function frameHash(turnKey: string, conversationKey: string): string {
  return `#${new URLSearchParams({ t: turnKey, c: conversationKey }).toString()}`;
}

/** The reply named by a fragment, or null when it is missing or inconsistent. */
export function frameTarget(hash: string): { turnKey: string; conversationKey: string } | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const turnKey = params.get('t');
  const conversationKey = params.get('c');
  if (!turnKey || !conversationKey || !turnKey.startsWith(`${conversationKey}:`)) return null;
  return { turnKey, conversationKey };
}

/** Path of the frame page in the built extension (web-accessible on the chat sites only). */
export const ANNOTATE_PAGE = 'src/ui/annotate/index.html';
