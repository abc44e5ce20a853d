/**
 * A redacted snapshot of a chat page's structure, for an adapter bug report ("layout not
 * recognized" on a page we have never seen). Tags, attribute names, the values of structural
 * attributes (class, role, data-testid, role-like data-* flags), and text lengths — no text and
 * no other attribute values unless the user asks for text. Pure DOM reading: runs in the content
 * script (on the user's click) and in Node tests; the file it becomes stays on the user's disk.
 */

export interface LayoutSnapshotOptions {
  /** Include text and every attribute value (the user ticked "include text"). Default false. */
  includeText?: boolean;
  /** Stop after this many elements (the rest is counted, not listed). Default 20,000. */
  maxElements?: number;
  /** Depth below which subtrees are summarised. Default 60. */
  maxDepth?: number;
}

export interface SnapshotNode {
  tag: string;
  /** Attribute name → value; a redacted value is `"<n chars>"`. */
  attrs?: Record<string, string>;
  /** Characters of text directly inside this element (whitespace collapsed). */
  textLength?: number;
  /** The direct text, only with includeText. */
  text?: string;
  children?: SnapshotNode[];
  /** Elements below this one that were not listed (depth or element limit). */
  omitted?: number;
}

export interface LayoutSnapshot {
  format: 'persona-observatory-layout-snapshot';
  version: 1;
  url: string;
  site: string | null;
  capturedAt: string;
  includesText: boolean;
  /** The capture status and its detail (which check failed), as the popup showed it. */
  status: string | null;
  elements: number;
  root: SnapshotNode;
}

/** Attributes whose values describe structure, not content: kept even when redacting. */
const STRUCTURAL = new Set([
  'class',
  'role',
  'data-testid',
  'data-test-id',
  'data-turn',
  'data-message-author-role',
  'data-message-role',
  'data-message-type',
  'data-content',
  'data-is-streaming',
  'data-streaming-state',
  'data-streaming-complete',
  'data-complete',
  'data-message-part-type',
  'data-message-item',
  'aria-hidden',
  'aria-busy',
  'aria-expanded',
  'aria-haspopup',
  'hidden',
  'dir',
  'type',
  'contenteditable',
  'data-state',
]);
/** Subtrees with nothing for an adapter: listed as one node. */
const OPAQUE = new Set(['script', 'style', 'svg', 'noscript', 'template', 'link', 'meta']);

/** Long digit/hex runs in ids (message ids, uuids) are replaced: the shape stays, the id goes. */
function redactId(value: string): string {
  return value.replace(/[0-9a-f][0-9a-f-]{7,}/gi, '#').replace(/\d{4,}/g, '#');
}

function attributesOf(el: Element, includeText: boolean): Record<string, string> | undefined {
  if (!el.hasAttributes()) return undefined;
  const out: Record<string, string> = {};
  for (let i = 0; i < el.attributes.length; i++) {
    const { name, value } = el.attributes[i];
    if (name === 'style') continue;
    if (includeText || STRUCTURAL.has(name)) out[name] = value.length > 300 ? `${value.slice(0, 300)}…` : value;
    else if (name === 'id' || name === 'data-message-id' || name === 'data-turn-id') out[name] = redactId(value);
    else out[name] = `<${value.length} chars>`;
  }
  return out;
}

function directText(el: Element): string {
  let text = '';
  for (let n = el.firstChild; n; n = n.nextSibling) if (n.nodeType === 3) text += n.nodeValue ?? '';
  return text.replace(/\s+/g, ' ').trim();
}

function countBelow(el: Element): number {
  return el.querySelectorAll('*').length;
}

/** The snapshot of `root` (usually document.documentElement). */
export function layoutSnapshot(
  root: Element,
  meta: { url: string; site: string | null; status: string | null; now?: Date },
  options: LayoutSnapshotOptions = {},
): LayoutSnapshot {
  const includeText = options.includeText ?? false;
  const maxElements = options.maxElements ?? 20_000;
  const maxDepth = options.maxDepth ?? 60;
  let listed = 0;

  const visit = (el: Element, depth: number): SnapshotNode => {
    listed++;
    const tag = el.localName.toLowerCase();
    const node: SnapshotNode = { tag };
    const attrs = attributesOf(el, includeText);
    if (attrs) node.attrs = attrs;
    if (OPAQUE.has(tag)) {
      const below = countBelow(el);
      if (below > 0) node.omitted = below;
      return node;
    }
    // The user's typing in the composer is text too.
    const text = tag === 'textarea' || tag === 'input' ? ((el as HTMLInputElement).value ?? '') : directText(el);
    if (text) {
      node.textLength = text.length;
      if (includeText) node.text = text;
    }
    const children: SnapshotNode[] = [];
    let omitted = 0;
    for (let c = el.firstElementChild; c; c = c.nextElementSibling) {
      if (depth >= maxDepth || listed >= maxElements) omitted += 1 + countBelow(c);
      else children.push(visit(c, depth + 1));
    }
    if (children.length > 0) node.children = children;
    if (omitted > 0) node.omitted = omitted;
    return node;
  };

  const tree = visit(root, 0);
  return {
    format: 'persona-observatory-layout-snapshot',
    version: 1,
    url: includeText ? meta.url : redactUrl(meta.url),
    site: meta.site,
    capturedAt: (meta.now ?? new Date()).toISOString(),
    includesText: includeText,
    status: meta.status,
    elements: listed,
    root: tree,
  };
}

/** Host and path shape only: ids and query values redacted. */
function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${redactId(u.pathname)}`;
  } catch {
    return '<unparsable url>';
  }
}
