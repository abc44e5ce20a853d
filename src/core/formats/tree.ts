/**
 * Message trees (ChatGPT `mapping`, Claude `parent_message_uuid`) → main line + alternatives.
 *
 * The main line is the path root → selected leaf. Every node off that path belongs to a branch
 * that left the main line at some node; all of that branch's visible messages become
 * alternatives of the first visible main-line message at or after the fork (a regenerated reply
 * is an alternative to the reply the user kept; a whole abandoned sub-thread hangs off the same
 * point). Hidden nodes (system, tool, thoughts) are skipped by the caller's `toTurn`.
 */
import type { ImportedTurn } from './build-bundle.ts';
import { FormatError } from '../model/errors.ts';

export interface TreeNode {
  id: string;
  parent: string | null;
  children: readonly string[];
}

export interface TreeLayout {
  /** Node ids from the root to the selected leaf. */
  mainPath: string[];
  /** Off-path nodes in depth-first order, with the main-path index where their branch forks off. */
  branches: { id: string; forkIndex: number }[];
}

export function layoutTree(nodes: ReadonlyMap<string, TreeNode>, leafId: string, where: string): TreeLayout {
  const mainPath: string[] = [];
  const onPath = new Set<string>();
  for (let id: string | null = leafId; id !== null; ) {
    const node = nodes.get(id);
    if (!node) throw new FormatError(where, `node ${JSON.stringify(id)} is referenced but missing`);
    if (onPath.has(id)) throw new FormatError(where, `the message tree has a cycle at node ${JSON.stringify(id)}`);
    onPath.add(id);
    mainPath.push(id);
    id = node.parent;
  }
  mainPath.reverse();

  const branches: { id: string; forkIndex: number }[] = [];
  const visited = new Set<string>(onPath);
  mainPath.forEach((mainId, i) => {
    // The branch replaces main-line node i + 1 (the sibling that was kept).
    const stack = offPathChildren(nodes, mainId, onPath, where).reverse();
    while (stack.length > 0) {
      const id = stack.pop() as string;
      if (visited.has(id)) throw new FormatError(where, `node ${JSON.stringify(id)} is reached twice in the message tree (a cycle or two parents)`);
      visited.add(id);
      branches.push({ id, forkIndex: i + 1 });
      stack.push(...offPathChildren(nodes, id, onPath, where).reverse());
    }
  });
  return { mainPath, branches };
}

function offPathChildren(nodes: ReadonlyMap<string, TreeNode>, id: string, onPath: ReadonlySet<string>, where: string): string[] {
  const node = nodes.get(id) as TreeNode;
  for (const child of node.children) {
    if (!nodes.has(child)) throw new FormatError(where, `node ${JSON.stringify(id)} lists child ${JSON.stringify(child)}, which is missing`);
  }
  return node.children.filter((c) => !onPath.has(c));
}

export type TurnDraft = Omit<ImportedTurn, 'alternativeOf' | 'branch'>;

/** Main-line turns in order, each followed by its alternatives. `toTurn` returns null for hidden nodes. */
export function placeTurns(nodes: ReadonlyMap<string, TreeNode>, layout: TreeLayout, toTurn: (nodeId: string) => TurnDraft | null): ImportedTurn[] {
  const { mainPath, branches } = layout;
  const mainTurns: (ImportedTurn | null)[] = mainPath.map((id) => {
    const draft = toTurn(id);
    return draft && { ...draft, alternativeOf: null, branch: branchMarker(nodes, id) };
  });
  // For each path index, the nearest visible main-line turn at or after it (else before it).
  const target: (string | null)[] = new Array<string | null>(mainPath.length + 1).fill(null);
  let next: string | null = null;
  for (let i = mainPath.length - 1; i >= 0; i--) {
    next = mainTurns[i]?.turnId ?? next;
    target[i] = next;
  }
  let previous: string | null = null;
  for (let i = 0; i <= mainPath.length; i++) {
    if (target[i] === null) target[i] = previous;
    previous = (i < mainPath.length ? mainTurns[i]?.turnId : null) ?? previous;
  }

  const alternatives = new Map<string, ImportedTurn[]>();
  for (const { id, forkIndex } of branches) {
    const draft = toTurn(id);
    const of = target[forkIndex];
    if (!draft || of === null) continue; // nothing visible on the main line to hang it on
    const list = alternatives.get(of) ?? [];
    list.push({ ...draft, alternativeOf: of, branch: branchMarker(nodes, id) });
    alternatives.set(of, list);
  }
  const out: ImportedTurn[] = [];
  for (const turn of mainTurns) {
    if (!turn) continue;
    out.push(turn, ...(alternatives.get(turn.turnId) ?? []));
  }
  return out;
}

function branchMarker(nodes: ReadonlyMap<string, TreeNode>, id: string): ImportedTurn['branch'] {
  const parentId = nodes.get(id)?.parent;
  const siblings = parentId == null ? undefined : nodes.get(parentId)?.children;
  if (!siblings || siblings.length < 2) return null;
  return { index: siblings.indexOf(id) + 1, count: siblings.length };
}
