/**
 * Builds a multi-conversation history of real replies with a known router (no text is written
 * by us): every user turn is an AlpacaEval instruction and every reply that instruction's real
 * reply from one of two generators ("personas"); per conversation a sticky two-state Markov
 * chain (stay probability `stay`, seeded) picks the persona of each reply, ignoring what the user
 * wrote. Each prompt is used once. Used by demo/build-router-history.ts (the bundled history) and
 * by bench:router (the real-text router rows). With `cues`, the router is the seed's engagement
 * loop instead: the persona swaps only on the reply that answers a disengagement cue (a real user
 * turn from the given pool, which replaces that turn's instruction; the reply stays the real reply
 * to the replaced instruction), and the next user turn is a fresh instruction (re-engagement).
 * With `served`, the user asked for "auto" and the site reports which model served each reply:
 * the router is the site's, and its switches are known from the site's own report.
 */
import { mulberry32 } from '../src/core/math/random.ts';
import type { RouteInfo } from '../src/core/model/types.ts';

export interface AlpacaRow {
  id: string;
  prompt: string;
  outputs: Record<string, string>;
}

export interface RouterHistoryOptions {
  personas: readonly [string, string];
  /** The model the page shows on every reply. */
  shownModel: string;
  conversations: number;
  minReplies: number;
  maxReplies: number;
  stay: number;
  seed: number;
  /**
   * Boredom-triggered variant: cue texts, the share of user turns (after the first) replaced by one,
   * and the chance the persona swaps on its reply. With `ignored`, the cues are there but the
   * persona follows the sticky chain (`stay`) instead: the matching null.
   */
  cues?: { texts: readonly string[]; rate: number; switchAfter: number; ignored?: boolean };
  /**
   * The site routes: the user asked for "auto" and the site reports, per reply, which of these two
   * models served it (one per persona; as a ChatGPT account export does). Without it the page
   * shows `shownModel` on every reply and reports no route.
   */
  served?: readonly [string, string];
}

export interface HistoryTurn {
  role: 'user' | 'assistant';
  text: string;
  model?: string;
  /** What the site reported serving the reply (only with `served`). */
  route?: RouteInfo;
  source: string;
}

export interface HistoryConversation {
  id: string;
  title: string;
  trueStates: string[];
  turns: HistoryTurn[];
}

export function buildRouterHistory(
  rows: readonly AlpacaRow[],
  o: RouterHistoryOptions,
): { conversations: HistoryConversation[]; replies: number; eligible: number } {
  // Short instructions and replies of moderate size keep the file small.
  const eligible = rows.filter((r) => {
    const [a, b] = o.personas.map((g) => (r.outputs[g] ?? '').trim());
    return r.prompt.length < 300 && a.length > 60 && b.length > 60 && a.length < 3200 && b.length < 3200;
  });
  const rand = mulberry32(o.seed);
  // The null's sticky chain draws from a stream of its own: interleaved with the cue draws in one
  // mulberry32 stream, a switch came after a cue more often than chance (bench:router realsite:
  // boredom p ≤ 0.025 on 12 of 200 null histories; docs/router.md).
  const chain = o.cues?.ignored ? mulberry32(o.seed ^ 0x5bd1e995) : rand;
  // The engagement loop swaps on cues; without cues, or with cues the null ignores, the chain does.
  const loop = o.cues && !o.cues.ignored ? o.cues : null;
  const order = eligible.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  let next = 0;
  const conversations: HistoryConversation[] = [];
  for (let c = 0; c < o.conversations; c++) {
    const n = o.minReplies + Math.floor(rand() * (o.maxReplies - o.minReplies + 1));
    let state = rand() < 0.5 ? 0 : 1;
    const states: number[] = [];
    const turns: HistoryTurn[] = [];
    for (let t = 0; t < n; t++) {
      const cue = o.cues && t > 0 && rand() < o.cues.rate ? o.cues.texts[Math.floor(rand() * o.cues.texts.length)] : null;
      if (loop ? cue !== null && rand() < loop.switchAfter : t > 0 && chain() > o.stay) state = 1 - state;
      states.push(state);
      const row = eligible[order[next++ % order.length]];
      turns.push(
        cue === null
          ? { role: 'user', text: row.prompt.trim(), source: `${row.id} instruction` }
          : { role: 'user', text: cue.trim(), source: `disengagement cue (replaces ${row.id} instruction)` },
      );
      const text = row.outputs[o.personas[state]].trim();
      const source = `${row.id} ${o.personas[state]}`;
      const served = o.served?.[state];
      turns.push(
        served
          ? { role: 'assistant', text, model: served, route: { requested: 'auto', shown: served, served, flags: [], source: 'export' }, source }
          : { role: 'assistant', text, model: o.shownModel, source },
      );
    }
    const title = turns[0].text.length > 60 ? `${turns[0].text.slice(0, 57)}…` : turns[0].text;
    conversations.push({ id: `router-demo-${String(c + 1).padStart(2, '0')}`, title, trueStates: states.map((s) => o.personas[s]), turns });
  }
  return { conversations, replies: next, eligible: eligible.length };
}
