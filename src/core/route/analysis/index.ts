/**
 * Route analysis entry point: page-reported routes as ground-truth switches. Pure; the router
 * report (src/core/router) or the CLI calls `analyzeRoutes(bundles)` and embeds or prints the
 * plain-JSON `RouteReport`.
 */
import { formatNumber, formatP } from '../../router/stats.ts';
import type { ConversationBundle } from '../../model/types.ts';
import { detectorAgreement } from './agreement.ts';
import { cueRerouteTests } from './cue-test.ts';
import { personaAcrossRouteChanges } from './persona-across.ts';
import { routeReplies } from './replies.ts';
import type { RouteAnalysisOptions, RouteReport } from './types.ts';

export type * from './types.ts';
export { routeReplies } from './replies.ts';

export function analyzeRoutes(bundles: readonly ConversationBundle[], options: RouteAnalysisOptions = {}): RouteReport {
  const permutations = options.permutations ?? 999;
  const seed = options.seed ?? 1;
  const minEvents = options.minEvents ?? 5;
  const tolerance = options.tolerance ?? 1;
  const conversations = routeReplies(bundles);
  const all = conversations.flat();
  const servedModels: Record<string, number> = {};
  for (const r of all) if (r.route?.served) servedModels[r.route.served] = (servedModels[r.route.served] ?? 0) + 1;
  const cues = cueRerouteTests(all, permutations, seed, minEvents);
  const persona = personaAcrossRouteChanges(conversations, permutations, seed, minEvents);
  const agreement = detectorAgreement(conversations, tolerance, permutations, seed);
  const report: Omit<RouteReport, 'conclusions'> = {
    conversations: bundles.length,
    replies: all.length,
    repliesWithServed: all.filter((r) => r.route?.served != null).length,
    reroutes: all.filter((r) => r.rerouted).length,
    routeChanges: all.filter((r) => r.servedChanged).length,
    servedModels,
    cues,
    persona,
    agreement,
  };
  return { ...report, conclusions: conclusionsOf(report, options.permutations ?? 999) };
}

function conclusionsOf(r: Omit<RouteReport, 'conclusions'>, permutations: number): string[] {
  if (r.repliesWithServed === 0) {
    return [
      "No reply has a model reported by the site yet: nothing to analyse. Routes come from ChatGPT pages (read the site's own responses) and ChatGPT account exports.",
    ];
  }
  const out = [
    `${r.repliesWithServed} of ${r.replies} replies have a served model reported by the site; ${r.reroutes} were rerouted and the served model changed ${r.routeChanges} times. These are the site's own statements (from its responses or its account export), not verified.`,
  ];
  for (const c of r.cues) {
    if (c.p === null) continue;
    const rateWith = c.withCue ? c.reroutedWithCue / c.withCue : 0;
    const rateWithout = c.withoutCue ? c.reroutedWithoutCue / c.withoutCue : 0;
    const sig = (c.pAdjusted ?? 1) < 0.05;
    out.push(
      `${c.cue}: ${formatNumber(100 * rateWith, 0)}% of replies after this cue were rerouted vs ${formatNumber(100 * rateWithout, 0)}% otherwise (${formatP(c.p)}, Holm ${formatP(c.pAdjusted ?? 1)}, ${permutations} permutations within position × length strata) — ${sig ? 'the cue precedes reroutes more than chance' : 'not distinguishable from chance'}.`,
    );
  }
  const untested = r.cues.filter((c) => c.p === null).map((c) => c.cue);
  if (untested.length) out.push(`Not tested for lack of events: ${untested.join(', ')}.`);
  const pa = r.persona;
  if (pa.p !== null && pa.meanAcross !== null && pa.meanWithin !== null) {
    out.push(
      `Persona distance across a route change ${formatNumber(pa.meanAcross)} vs ${formatNumber(pa.meanWithin)} within a run on one model (${pa.acrossPairs} vs ${pa.withinPairs} pairs, ${formatP(pa.p)}): ${pa.p < 0.05 ? 'the persona changes more when the model changes' : 'no evidence that it changes more'}.`,
    );
  } else if (pa.note) {
    out.push(`Persona across route changes: ${pa.note}.`);
  }
  const a = r.agreement;
  if (a.f1 !== null) {
    out.push(
      `The text-only detector found ${a.matched} of ${a.routeChanges} route changes (±${a.tolerance} reply; precision ${formatNumber(a.precision ?? 0)}, recall ${formatNumber(a.recall ?? 0)}, F1 ${formatNumber(a.f1)}; chance F1 ${formatNumber(a.chanceF1 ?? 0)}).`,
    );
  } else {
    out.push('Detector agreement: needs conversations with a served model on every reply, at least one route change and one detector shift.');
  }
  return out;
}
