/**
 * Seeded synthetic conversations with known truth, for validating the router analysis
 * (docs/reference/methods.md §3.8, issue 17). Assistant replies are feature vectors (no text); user turns are
 * real user texts from pools, so the cue classifier, the prompt covariates and the trigger test
 * see real language — and where a confound says so, the reply depends on the user's text.
 *
 * Every class is built from the same confound layer, then adds its own dynamics:
 * - topic offsets: each conversation sits at one of 3 topic levels (plus jitter) — the
 *   clustering confound an HMM can "win" on by sorting conversations;
 * - task types: the user's task (code / question / chat) persists for several turns and then
 *   changes; the user's message is drawn from that task's pool, and the reply's "code" dimension
 *   follows the task — persistent reply types driven by what the user asked;
 * - length following: the reply's "length" dimension follows the user message's log length;
 * - cascades (null-cascade): fresh levels that change in bursts of 2–3 replies, never returning;
 * - terse after change (router-terse): after an assistant switch, the user often answers with a
 *   low-effort message ("ok") — association with no trigger.
 * Null classes carry confounds only (a "router" verdict on them is wrong); router classes add a
 * sticky 3-state repertoire; drift classes add a trend or a random walk.
 */
import { createRng, type Rng } from '../../src/core/router/random.ts';
import type { RouterConversation, RouterTurn } from '../../src/core/router/types.ts';

export type TruthClass =
  | 'null-topics'
  | 'null-tasks'
  | 'null-length'
  | 'null-cascade'
  | 'null-all'
  | 'drift-linear'
  | 'drift-walk'
  | 'router'
  | 'boredom-router'
  | 'router-terse';

export const TRUTH_CLASSES: readonly TruthClass[] = [
  'null-topics',
  'null-tasks',
  'null-length',
  'null-cascade',
  'null-all',
  'drift-linear',
  'drift-walk',
  'router',
  'boredom-router',
  'router-terse',
];
export const ROUTER_CLASSES: readonly TruthClass[] = ['router', 'boredom-router', 'router-terse'];
/** Classes whose conversations sit at their own topic levels (the clustering confound). */
export const CLUSTERED_CLASSES: readonly TruthClass[] = TRUTH_CLASSES.filter((c) => c !== 'null-tasks' && c !== 'null-length' && c !== 'null-cascade');

export interface UserPools {
  /** Real user turns the cue classifier calls boredom / low effort. */
  boredom: readonly string[];
  /** Short (≤ 3 words) real user turns with no boredom cue ("thanks", "yes please"). */
  short: readonly string[];
  /** Task pools: code or pasted text, questions, other requests. */
  code: readonly string[];
  question: readonly string[];
  chat: readonly string[];
}

export interface GeneratorOptions {
  conversations: number;
  minReplies: number;
  maxReplies: number;
  /** Probability that a user turn is a boredom cue (every class, so cues exist under the nulls). */
  boredomRate: number;
  /** Probability that a user turn is a short non-cue message. */
  shortRate: number;
  /** Sticky repertoire: per-reply probability of staying in the state (no cue). */
  stay: number;
  /** Boredom router: probability of switching right after a boredom cue. */
  switchAfterBoredom: number;
  /** Boredom router: probability that the user re-engages (a long message) after the switch. */
  reengage: number;
  /** Router-terse: probability of a low-effort message right after an assistant switch. */
  terseAfterSwitch: number;
  states: number;
  /** Distance scale of persona state means, in noise SDs. */
  separation: number;
  /** SD of the topic levels (3 clusters) and of each conversation's jitter around its cluster. */
  topicSd: number;
  topicJitter: number;
  /** Task persistence and size of the task effect on the "code" dimension. */
  taskStay: number;
  taskEffect: number;
  /** Reply "length" dimension per unit of the user's log length (centred). */
  lengthSlope: number;
  /** Cascade null: rate of burst starts, and size of each fresh level. */
  cascadeRate: number;
  cascadeSd: number;
  slope: number;
  walkStep: number;
}

export const DEFAULT_GENERATOR: GeneratorOptions = {
  conversations: 60,
  minReplies: 8,
  maxReplies: 20,
  boredomRate: 0.12,
  shortRate: 0.1,
  stay: 0.85,
  switchAfterBoredom: 0.8,
  reengage: 0.8,
  terseAfterSwitch: 0.5,
  states: 3,
  separation: 1.5,
  topicSd: 1.5,
  topicJitter: 0.3,
  taskStay: 0.8,
  taskEffect: 1.5,
  lengthSlope: 0.6,
  cascadeRate: 0.06,
  cascadeSd: 1.5,
  slope: 0.1,
  walkStep: 0.3,
};

export const DIMS = 6;
/** Dimension 0 follows the user's message length; dimension 1 the task (code vs prose). */
const LENGTH_DIM = 0;
const TASK_DIM = 1;

export interface SyntheticDataset {
  truth: TruthClass;
  conversations: RouterConversation[];
  /** True persona state per reply, where the class has states (−1 otherwise). */
  trueStates: number[][];
}

const pick = (rng: Rng, xs: readonly string[]): string => xs[rng.int(xs.length)];
const vec = (rng: Rng, sd: number) => Array.from({ length: DIMS }, () => sd * rng.normal());

interface Layers {
  topics: boolean;
  tasks: boolean;
  length: boolean;
}

function layersOf(truth: TruthClass): Layers {
  switch (truth) {
    case 'null-topics':
      return { topics: true, tasks: false, length: false };
    case 'null-tasks':
      return { topics: false, tasks: true, length: false };
    case 'null-length':
    case 'null-cascade':
      return { topics: false, tasks: false, length: truth === 'null-length' };
    default:
      return { topics: true, tasks: true, length: true };
  }
}

export function generateDataset(truth: TruthClass, seed: number, pools: UserPools, o: GeneratorOptions = DEFAULT_GENERATOR): SyntheticDataset {
  const rng = createRng(seed);
  const layers = layersOf(truth);
  const stateMeans = Array.from({ length: o.states }, () => vec(rng, o.separation));
  const topicCentres = Array.from({ length: 3 }, () => vec(rng, o.topicSd));
  const direction = unit(vec(rng, 1));
  const taskPools = [pools.code, pools.question, pools.chat];
  const meanLogLen = 3.5; // ≈ log1p of a 30-character message: the centre of the length effect
  const conversations: RouterConversation[] = [];
  const trueStates: number[][] = [];
  for (let c = 0; c < o.conversations; c++) {
    const n = o.minReplies + rng.int(o.maxReplies - o.minReplies + 1);
    const topic = layers.topics ? topicCentres[rng.int(3)].map((v) => v + o.topicJitter * rng.normal()) : new Array<number>(DIMS).fill(0);
    const turns: RouterTurn[] = [];
    const states: number[] = [];
    let state = rng.int(o.states);
    let task = rng.int(3);
    let level = new Array<number>(DIMS).fill(0);
    let burst = 0;
    let switchedLast = false;
    let reengageNext = false;
    for (let t = 0; t < n; t++) {
      if (layers.tasks && t > 0 && rng.next() > o.taskStay) task = (task + 1 + rng.int(2)) % 3;
      // The user's message: terse after a change (router-terse), re-engaged after a bored switch, else by rate and task.
      let bored = false;
      let text: string;
      if (t > 0 && truth === 'router-terse' && switchedLast && rng.next() < o.terseAfterSwitch) {
        bored = true;
        text = pick(rng, pools.boredom);
      } else if (reengageNext) {
        text = pick(rng, taskPools[layers.tasks ? task : 2]);
      } else if (t > 0 && rng.next() < o.boredomRate) {
        bored = true;
        text = pick(rng, pools.boredom);
      } else if (t > 0 && rng.next() < o.shortRate) text = pick(rng, pools.short);
      else text = pick(rng, taskPools[layers.tasks ? task : rng.int(3)]);
      reengageNext = false;
      turns.push({ role: 'user', text });
      let mean = new Array<number>(DIMS).fill(0);
      let switched = false;
      switch (truth) {
        case 'drift-linear':
          mean = direction.map((v) => v * o.slope * t);
          break;
        case 'drift-walk':
          if (t > 0) level = level.map((v) => v + o.walkStep * rng.normal());
          mean = level;
          break;
        case 'null-cascade':
          if (t > 0 && (burst > 0 || rng.next() < o.cascadeRate)) {
            burst = burst > 0 ? burst - 1 : 1 + rng.int(2); // this change and 1–2 more right after it
            level = vec(rng, o.cascadeSd);
          }
          mean = level;
          break;
        case 'router':
        case 'router-terse':
        case 'boredom-router': {
          const pSwitch = truth === 'boredom-router' && bored ? o.switchAfterBoredom : 1 - o.stay;
          if (t > 0 && rng.next() < pSwitch) {
            state = (state + 1 + rng.int(o.states - 1)) % o.states;
            switched = true;
            if (truth === 'boredom-router' && bored && rng.next() < o.reengage) reengageNext = true;
          }
          mean = stateMeans[state];
          break;
        }
        default:
          break;
      }
      switchedLast = switched;
      states.push(ROUTER_CLASSES.includes(truth) ? state : -1);
      const features: Record<string, number> = {};
      for (let j = 0; j < DIMS; j++) {
        let v = topic[j] + mean[j] + rng.normal();
        if (layers.length && j === LENGTH_DIM) v += o.lengthSlope * (Math.log1p(text.trim().length) - meanLogLen);
        if (layers.tasks && j === TASK_DIM) v += o.taskEffect * (task === 0 ? 1 : task === 1 ? 0 : -1);
        features[`f${j + 1}`] = v;
      }
      turns.push({ role: 'assistant', text: '', features });
    }
    conversations.push({ id: `${truth}-${seed}-${c}`, turns });
    trueStates.push(states);
  }
  return { truth, conversations, trueStates };
}

function unit(v: number[]): number[] {
  const norm = Math.sqrt(v.reduce((s, x) => s + x * x, 0)) || 1;
  return v.map((x) => x / norm);
}
