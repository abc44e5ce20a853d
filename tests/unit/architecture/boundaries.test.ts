/**
 * Boundaries enforced: every relative import in src/ is allowed by the import table
 * (import-table.ts), pure layers import only pure packages, and there is no import cycle
 * (type-only imports included: a cycle of types is still a knot for the reader).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { IMPORT_TABLE, KNOWN_DRIFT, PURE_LAYERS, PURE_PACKAGES } from './import-table.ts';

const ROOT = resolve('.');

function listSources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return listSources(path);
    return /\.(ts|tsx)$/.test(name) ? [relative(ROOT, path)] : [];
  });
}

/** The module a file belongs to: the longest table key that prefixes its path; null if none. */
function moduleOfOrNull(file: string): string | null {
  const keys = Object.keys(IMPORT_TABLE).filter((k) => file === k || file.startsWith(`${k}/`));
  return keys.length === 0 ? null : keys.sort((a, b) => b.length - a.length)[0];
}

function moduleOf(file: string): string {
  const m = moduleOfOrNull(file);
  if (m === null) throw new Error(`${file} is in no module of the import table`);
  return m;
}

interface ImportEdge {
  file: string;
  target: string;
  line: number;
}

function importsOf(file: string): { relativeEdges: ImportEdge[]; packages: string[] } {
  const text = readFileSync(file, 'utf8');
  const info = ts.preProcessFile(text, true, true);
  const relativeEdges: ImportEdge[] = [];
  const packages: string[] = [];
  for (const ref of info.importedFiles) {
    const spec = ref.fileName.replace(/\?.*$/, ''); // vite query suffixes (?inline, ?url)
    if (spec.startsWith('.')) {
      const line = text.slice(0, ref.pos).split('\n').length;
      relativeEdges.push({ file, target: relative(ROOT, resolve(dirname(file), spec)), line });
    } else if (!spec.startsWith('node:')) {
      packages.push(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);
    }
  }
  return { relativeEdges, packages };
}

const files = listSources('src');
const graph = new Map(files.map((f) => [f, importsOf(f)]));

/** Strongly connected components with more than one file (Tarjan), i.e. the import cycles. */
function cycles(edges: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>(),
    low = new Map<string, number>(),
    stack: string[] = [],
    onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next);
    next++;
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const v of edges.keys()) if (!index.has(v)) visit(v);
  return found;
}

describe('import boundaries', () => {
  it('every import between modules is allowed by the import table', () => {
    const violations: string[] = [];
    const drift = new Set<string>();
    for (const [file, { relativeEdges }] of graph) {
      const from = moduleOf(file);
      for (const e of relativeEdges) {
        const to = moduleOfOrNull(e.target);
        if (to === null) {
          violations.push(`${file}:${e.line} imports ${e.target} (in no module of the table)`);
          continue;
        }
        if (to === from || IMPORT_TABLE[from].includes(to)) continue;
        if (KNOWN_DRIFT.some((d) => d.from === from && d.to === to)) {
          drift.add(`${from} -> ${to}`);
          continue;
        }
        violations.push(`${file}:${e.line} (${from}) may not import ${e.target} (${to})`);
      }
    }
    expect(violations).toEqual([]);
    // The drift list may only shrink: an entry that no longer happens must be deleted.
    expect(KNOWN_DRIFT.map((d) => `${d.from} -> ${d.to}`).filter((d) => !drift.has(d))).toEqual([]);
  });

  it('pure layers import only pure packages', () => {
    const bad: string[] = [];
    for (const [file, { packages }] of graph) {
      if (!PURE_LAYERS.includes(moduleOf(file))) continue;
      for (const p of packages) if (!PURE_PACKAGES.includes(p)) bad.push(`${file} imports ${p}`);
    }
    expect(bad).toEqual([]);
  });

  it('there are no import cycles', () => {
    const edges = new Map([...graph].map(([f, g]) => [f, g.relativeEdges.map((e) => e.target)]));
    expect(cycles(edges)).toEqual([]);
  });

  it('the cycle finder finds a planted cycle (so the check above can fail)', () => {
    expect(
      cycles(
        new Map([
          ['a', ['b']],
          ['b', ['c']],
          ['c', ['a']],
          ['d', ['a']],
        ]),
      ),
    ).toEqual([['a', 'b', 'c']]);
  });

  it('every file under src/ belongs to a module of the table', () => {
    expect(() => files.forEach(moduleOf)).not.toThrow();
  });
});
