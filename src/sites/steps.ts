/**
 * Steps shown with a reply — reasoning, status lines, tool use, web search — told apart by what
 * they say, so every adapter sorts them the same way and a reply made only of such lines is
 * recognised as chrome (checks.ts). The phrases are the English UI strings the sites show
 * (shared/reference/sites.md and the failure report of issue 16); other UI languages fall back
 * to the kind the adapter's markup gives.
 */
import type { TurnStep, TurnStepKind } from '../core/model/types.ts';

/** "Read 12 web pages", "Searched 4 sites", "Searching the web", "Found 9 sources". */
const SEARCH =
  /^(?:(?:read(?:ing)?|search(?:ed|ing)?|brows(?:ed|ing)|found|looked at|reviewed|checked)\b[^.\n]{0,60}\b(?:web ?pages?|pages?|sites?|sources?|results?|links?|the web|web)\b|searching(?:…|\.\.\.)?$)/i;
/** "Created a file, read a file", "Ran a command", "Edited 2 files", "Used a tool", "Analyzed data". */
const TOOL =
  /^(?:created|creating|edited|editing|read|viewed|ran|running|used|using|called|calling|executed|executing|analy[sz]ed|analy[sz]ing|wrote|writing|updated|opened)\b[^.\n]{0,60}\b(?:files?|commands?|tools?|code|scripts?|data|artifacts?|documents?|analysis)\b/i;
/** Headers of a reasoning block: "Thought for 12s", "Reasoned for a few seconds", "Thinking…". */
const THINKING_HEADER = /^(?:thought|reasoned|worked|thinking|reasoning)(?:\s+for\b[^\n]{0,40}|\s*(?:…|\.\.\.)?)$/i;
/** Lines that only report state: a toggle, a stop, a spinner caption. */
const STATUS =
  /^(?:(?:show|hide)\s+(?:thinking|reasoning|steps|work)|stopped(?:\s+thinking)?|thinking\s+stopped|generating(?:\s+response)?(?:…|\.\.\.)?|loading(?:…|\.\.\.)?|answer now|skip|done|deep ?think(?:ing)?|deep ?research|analy[sz]ing(?:…|\.\.\.)?)$/i;

/** The kind of one short step line, or null when it reads like content. */
export function stepKindOf(line: string): TurnStepKind | null {
  const t = line.replace(/\s+/g, ' ').trim().replace(/[.:]$/, '');
  if (t === '' || t.length > 120) return null;
  if (STATUS.test(t)) return 'status';
  if (THINKING_HEADER.test(t)) return 'thinking';
  if (SEARCH.test(t)) return 'search';
  if (TOOL.test(t)) return 'tool';
  return null;
}

/**
 * Is this whole text step chrome (every line a step line, nothing else)? Used to catch a reply
 * whose captured "text" is only a status block (Meta AI's "Show thinking", a tool summary).
 */
export function isOnlySteps(text: string): boolean {
  if (text.length > 6 * 121) return false; // at most 6 step lines of at most 120 characters
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return lines.length > 0 && lines.length <= 6 && lines.every((l) => stepKindOf(l) !== null);
}

/**
 * Steps from blocks the adapter found before (or beside) a reply's answer. Each block's lines
 * are classified; a block whose first line is not a step line is reasoning text (`fallback`).
 */
export function stepsFromBlocks(blocks: string[], fallback: TurnStepKind = 'thinking'): TurnStep[] {
  const out: TurnStep[] = [];
  for (const block of blocks) {
    const text = block.trim();
    if (!text) continue;
    const lines = text
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    if (lines.every((l) => stepKindOf(l) !== null)) {
      for (const l of lines) out.push({ kind: stepKindOf(l)!, text: l });
      continue;
    }
    // A header line ("Thought for 12s") followed by the reasoning itself: one thinking step.
    const headerKind = stepKindOf(lines[0]);
    out.push({ kind: headerKind === 'search' || headerKind === 'tool' ? headerKind : fallback, text });
  }
  return out;
}

/** The `thinking` field from steps: every thinking step, joined; null when none. */
export function thinkingOfSteps(steps: TurnStep[]): string | null {
  const text = steps
    .filter((s) => s.kind === 'thinking')
    .map((s) => s.text)
    .join('\n\n')
    .trim();
  return text === '' ? null : text;
}

/**
 * Steps from blocks shown before a reply's answer (headers, toggles, tool and search lines):
 * only blocks that open with a step line count, so stray chrome before a message is not
 * mistaken for reasoning; `reasoning` blocks (the site's own thinking element) always count.
 */
export function stepsOfHeader(blocks: string[], reasoning: string[] = []): TurnStep[] {
  const steps = stepsFromBlocks(
    blocks.filter((b) => {
      const first = b.trim().split('\n')[0] ?? '';
      return stepKindOf(first) !== null;
    }),
  );
  return [...steps, ...reasoning.filter((r) => r.trim() !== '').map((text): TurnStep => ({ kind: 'thinking', text: text.trim() }))];
}
