/**
 * Builds a multi-conversation history of real replies with a known router (no text is written
 * by us): every user turn is an AlpacaEval instruction and every reply that instruction's real
 * reply from one of two generators ("personas"); per conversation a sticky two-state Markov
 * chain (stay probability `stay`, seeded) picks the persona of each reply, ignoring what the user
 * wrote. Each prompt is used once. Used by demo/build-router-history.ts (the bundled history) and
 * by bench:router (the real-text router row).
 */
import { mulberry32 } from '../src/core/math/random.ts';

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
}

export interface HistoryTurn {
  role: 'user' | 'assistant';
  text: string;
  model?: string;
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
      if (t > 0 && rand() > o.stay) state = 1 - state;
      states.push(state);
      const row = eligible[order[next++ % order.length]];
      turns.push({ role: 'user', text: row.prompt.trim(), source: `${row.id} instruction` });
      turns.push({ role: 'assistant', text: row.outputs[o.personas[state]].trim(), model: o.shownModel, source: `${row.id} ${o.personas[state]}` });
    }
    const title = turns[0].text.length > 60 ? `${turns[0].text.slice(0, 57)}…` : turns[0].text;
    conversations.push({ id: `router-demo-${String(c + 1).padStart(2, '0')}`, title, trueStates: states.map((s) => o.personas[s]), turns });
  }
  return { conversations, replies: next, eligible: eligible.length };
}
