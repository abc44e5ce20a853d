/**
 * Our own nodes in the page (the badge layer's host), known by identity instead of a marker
 * attribute the page could look for. The capture observer ignores their mutations.
 */
const own = new WeakSet<Node>();

export function markOwnNode(node: Node): void {
  own.add(node);
}

/** The node is ours, or inside ours (only the host is in the light DOM; the rest is in its closed shadow root). */
export function isOwnNode(node: Node): boolean {
  for (let n: Node | null = node; n; n = n.parentNode) if (own.has(n)) return true;
  return false;
}
