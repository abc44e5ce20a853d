/**
 * Repertoire: how many recurring persona states explain the replies, and what each looks like.
 * K = 1..maxK sticky HMMs are fitted jointly across conversations; K is chosen by BIC and its
 * uncertainty reported as BIC weights. States are described from the z-scores of the named
 * features (posterior-weighted means), not from the abstract components.
 */
import { fitHmm, type HmmFit } from './hmm-fit.ts';
import { forEachPosterior, viterbi } from './hmm.ts';
import { nameFromProfile } from '../vocabulary/profile-name.ts';
import type { Embedding } from './embed.ts';
import { bic, bicWeights, formatNumber } from './stats.ts';
import type { KChoice, RepertoireResult, StateDescription, StateProfileItem } from './types.ts';

export interface RepertoireFit {
  result: RepertoireResult;
  /** Best fit per K (index k−1), for the model comparison and for switch extraction. */
  fits: HmmFit[];
  /** Viterbi path per conversation under the chosen K (or the best K ≥ 2 when K = 1 won). */
  paths: number[][];
  /** K whose path is in `paths`. */
  pathK: number;
}

export interface RepertoireOptions {
  maxStates: number;
  stickiness: number;
  restarts: number;
  seed: number;
  featureLabels: Record<string, string>;
  /** Conversations (indices) the HMMs are fitted on; all by default. Paths are decoded for all. */
  fitOn?: readonly number[];
}

export function fitRepertoire(
  conversationIds: readonly string[],
  segments: readonly (readonly (string | null)[])[],
  seqs: readonly number[][][],
  emb: Embedding,
  rowsOf: readonly number[][],
  opts: RepertoireOptions,
): RepertoireFit {
  const fitSeqs = opts.fitOn ? opts.fitOn.map((c) => seqs[c]) : seqs;
  const n = fitSeqs.reduce((s, q) => s + q.length, 0);
  const maxK = Math.max(1, Math.min(opts.maxStates, Math.floor(n / 10)));
  const fits: HmmFit[] = [];
  for (let k = 1; k <= maxK; k++) fits.push(fitHmm(fitSeqs, k, { stickiness: opts.stickiness, restarts: opts.restarts, seed: opts.seed + 7919 * k }));
  const bics = fits.map((f) => bic(f.logLik, f.paramCount, n));
  const weights = bicWeights(bics);
  const candidates: KChoice[] = fits.map((f, i) => ({ k: i + 1, logLik: f.logLik, params: f.paramCount, bic: bics[i], weight: weights[i] }));
  const chosen = candidates.reduce((a, b) => (b.bic < a.bic ? b : a));
  // With K = 1 there are no switches; the best 2+-state fit still gives a timeline to look at.
  const pathK = chosen.k > 1 || fits.length < 2 ? chosen.k : 2 + bics.slice(1).indexOf(Math.min(...bics.slice(1)));
  const fit = fits[pathK - 1];
  const paths = seqs.map((s) => viterbi(s, fit.params));
  const post = posteriorSums(seqs, fit.params, rowsOf, emb);
  const states = describeStates(pathK, post, emb, opts.featureLabels);
  const ids = Array.from({ length: pathK }, (_, k) => stateId(k)); // one string per state, not per reply
  const timeline = conversationIds.map((id, c) => ({
    conversationId: id,
    states: paths[c].map((s) => ids[s]),
    maxPosterior: post.maxPosterior[c],
    segments: [...segments[c]],
  }));
  const result: RepertoireResult = {
    chosenK: chosen.k,
    candidates,
    states,
    timeline,
    featuresUsed: emb.names,
    dims: seqs.find((s) => s.length)?.[0].length ?? 0,
    conclusion: repertoireConclusion(chosen, candidates, states, pathK, n),
  };
  return { result, fits, paths, pathK };
}

/** Router states are numbered ("#1", "#2"), never lettered: letters are per-conversation segments elsewhere. */
export function stateId(k: number): string {
  return `#${k + 1}`;
}

interface PosteriorSums {
  /** Per state: total posterior mass, and posterior-weighted sums of every feature's z. */
  w: number[];
  sums: number[][];
  replies: number;
  maxPosterior: number[][];
}

/** One pass over the posteriors of every reply (in reply order, so every sum adds in the same order as before). */
function posteriorSums(seqs: readonly number[][][], params: HmmFit['params'], rowsOf: readonly number[][], emb: Embedding): PosteriorSums {
  const K = params.k;
  const F = emb.names.length;
  const w = new Array<number>(K).fill(0);
  const sums = Array.from({ length: K }, () => new Array<number>(F).fill(0));
  const maxPosterior = seqs.map((s) => new Array<number>(s.length));
  let replies = 0;
  forEachPosterior(seqs, params, (c, t, gamma, o) => {
    replies++;
    const z = emb.z[rowsOf[c][t]];
    let m = gamma[o];
    for (let s = 0; s < K; s++) {
      const g = gamma[o + s];
      if (g > m) m = g;
      w[s] += g;
      const row = sums[s];
      for (let f = 0; f < F; f++) row[f] += g * z[f];
    }
    maxPosterior[c][t] = m;
  });
  return { w, sums, replies, maxPosterior };
}

/** Posterior-weighted mean z-score of every named feature in every state. */
function describeStates(k: number, post: PosteriorSums, emb: Embedding, labels: Record<string, string>): StateDescription[] {
  const total = post.replies || 1;
  return Array.from({ length: k }, (_, s) => {
    const w = post.w[s];
    const sums = post.sums[s];
    const full: StateProfileItem[] = emb.names
      .map((name, f) => ({ feature: name, label: labels[name] ?? name.replace(/_/g, ' '), z: w > 0 ? sums[f] / w : 0 }))
      .sort((a, b) => Math.abs(b.z) - Math.abs(a.z));
    const profile = full.slice(0, 5);
    const top = profile.filter((p) => Math.abs(p.z) >= 0.3).slice(0, 3);
    const words = top.map((p) => `${p.z > 0 ? 'more' : 'less'} ${p.label} (${p.z > 0 ? '+' : ''}${formatNumber(p.z, 1)} SD)`);
    // Named from the whole profile in the words every screen uses (not "low Length (log words)").
    const name = nameFromProfile(full).name;
    const id = stateId(s);
    const share = Math.round((100 * w) / total);
    return {
      id,
      name,
      share: w / total,
      profile,
      description: top.length
        ? `State ${id} "${name}" (${share}% of replies): ${words.join(', ')} than the overall median.`
        : `State ${id} "${name}" (${share}% of replies): close to the overall median on every feature.`,
    };
  });
}

function repertoireConclusion(chosen: KChoice, cands: readonly KChoice[], states: readonly StateDescription[], pathK: number, n: number): string {
  const weightText = cands.map((c) => `K=${c.k}: ${Math.round(100 * c.weight)}%`).join(', ');
  const head =
    chosen.k === 1
      ? `One persona state explains the ${n} replies best (BIC); a repertoire of 2 or more recurring states is not supported.`
      : `${chosen.k} recurring states explain the ${n} replies best (BIC), better than a single constant persona.`;
  const tail = chosen.k === 1 && pathK > 1 ? ` The timeline shows the best ${pathK}-state fit for inspection only.` : '';
  return `${head} Null hypothesis: one persona plus sampling noise (K = 1). Uncertainty in K (BIC weights): ${weightText}.${tail} ${states.length > 1 ? states.map((s) => s.description).join(' ') : ''}`.trim();
}
