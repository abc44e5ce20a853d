/**
 * The two report lines about what switches follow: "Do your messages trigger the switches?" and
 * the engagement loop. Each is answered from the text's persona switches and, where the site
 * reports which model served each reply, also from the site's own model switches
 * (site-switches.ts; each set then tested at α / 2). "Yes" when either set shows it, naming which;
 * "no" only when every tested set rules it out; otherwise "can't tell".
 */
import { NEGLIGIBLE_RATIO } from './disengagement.ts';
import { wilson } from './intervals.ts';
import { cantTell } from './verdict-line.ts';
import type { Evidence, LoopReport, RouterReport, SiteSwitchTests, SmallPlot, TriggersResult, VerdictLine, VerdictWord } from './types.ts';

export type SwitchParts = Pick<RouterReport, 'triggers' | 'loop' | 'transitions'> & Partial<Pick<RouterReport, 'siteSwitches'>>;

const SITE = 'for the model switches the site reported';

/** Which set of switches a reading is about, as the line says it. */
interface Source<T> {
  result: T;
  site: boolean;
}

function sources<T>(text: T | null, site: T | null): Source<T>[] {
  return [...(text ? [{ result: text, site: false }] : []), ...(site ? [{ result: site, site: true }] : [])];
}

/** Yes if any source says yes (the site's first: known switches), no only if all say no. */
function decide<T>(all: readonly Source<T>[], verdictOf: (r: T) => VerdictWord): { verdict: VerdictWord; lead: Source<T> } {
  const yes = all.find((s) => s.site && verdictOf(s.result) === 'yes') ?? all.find((s) => verdictOf(s.result) === 'yes');
  if (yes) return { verdict: 'yes', lead: yes };
  const verdict: VerdictWord = all.every((s) => verdictOf(s.result) === 'no') ? 'no' : "can't tell";
  return { verdict, lead: all.find((s) => verdictOf(s.result) === verdict) ?? all[0] };
}

function siteScope(s: SiteSwitchTests): string {
  return `On the model switches the site reported (${s.conversations} conversation${s.conversations === 1 ? '' : 's'} where it named the served model on most replies, ${s.covered} of their ${s.replies} replies; ${s.switches} switches among ${s.models.join(', ')}; each test at α = ${s.alpha}):`;
}

function triggerReading(t: TriggersResult): { verdict: VerdictWord; answer: string; lead: TriggersResult['tests'][number] | null } {
  const tested = t.tests.filter((x) => x.status === 'tested');
  const sig = tested.filter((x) => x.significant);
  const forwardOnly = sig.filter((x) => !x.reverse || x.reverse.p > t.alpha);
  const ruledOut = tested.length > 0 && tested.every((x) => x.riskRatioInterval !== null && x.riskRatioInterval[1] < NEGLIGIBLE_RATIO);
  const verdict: VerdictWord = forwardOnly.length > 0 ? 'yes' : ruledOut && sig.length === 0 ? 'no' : "can't tell";
  const lead = forwardOnly[0] ?? sig[0] ?? tested.find((x) => x.cue === 'boredom') ?? tested[0] ?? null;
  const answer =
    verdict === 'yes'
      ? `switches follow ${forwardOnly.map((x) => x.cue).join(', ')} messages more than other messages of similar length, and do not come before them.`
      : verdict === 'no'
        ? `no cue class is followed by switches more than similar messages, and an effect of ${NEGLIGIBLE_RATIO}× is ruled out for every tested class.`
        : tested.length === 0
          ? 'too few cue messages to test.'
          : sig.length > 0
            ? `${sig.map((x) => x.cue).join(', ')} go with switches, but the assistant's change tends to come first.`
            : 'no cue is shown to trigger switches, but the intervals still allow an effect.';
  return { verdict, answer, lead };
}

const WORD: Record<VerdictWord, string> = { yes: 'Yes', no: 'No', "can't tell": "Can't tell" };

function opening(verdict: VerdictWord, site: boolean): string {
  return site ? `${WORD[verdict]}, ${SITE}: ` : `${WORD[verdict]}: `;
}

export function triggerLine(p: SwitchParts): VerdictLine {
  const question = 'Do your messages trigger the switches?';
  const site = p.siteSwitches ?? null;
  const all = sources(p.triggers, site?.triggers ?? null);
  if (all.length === 0) return cantTell('triggers', question, 'Too little data to test triggers.');
  const { verdict, lead } = decide(all, (t) => triggerReading(t).verdict);
  const reading = triggerReading(lead.result);
  const cue = reading.lead;
  const ci = cue?.riskRatioInterval;
  const what = lead.site ? 'site model switch' : 'switch';
  // With no switch after any other message the risk ratio is infinite: the share after the cue says it instead.
  const afterCue = cue && cue.cueEvents > 0 ? wilson(cue.switchesAfterCue, cue.cueEvents) : null;
  const evidence: Evidence | null =
    cue && cue.riskRatio !== null && Number.isFinite(cue.riskRatio)
      ? {
          label: `risk ratio of a ${what} after a ${cue.cue} message`,
          value: cue.riskRatio,
          low: ci?.[0] ?? null,
          high: ci?.[1] ?? null,
          unit: 'ratio',
          interval: 'Greenland–Robins, stratified by turn index and message length',
        }
      : cue && afterCue
        ? {
            label: `replies to a ${cue.cue} message with a ${what} (${cue.switchesWithoutCue} of ${cue.pairsWithoutCue} after other messages)`,
            value: afterCue.value,
            low: afterCue.low,
            high: afterCue.high,
            unit: 'share',
            interval: 'Wilson',
          }
        : null;
  const peri = cue ? lead.result.periTrigger.find((x) => x.cue === cue.cue) : undefined;
  const plot: SmallPlot | null =
    peri && peri.switchRate.some((v) => v !== null)
      ? {
          kind: 'bars',
          caption: `Share of replies that switch${lead.site ? ' model (as the site reported)' : ''}, by replies after a ${peri.cue} message (0 = the reply to it)`,
          bars: peri.lags.map((lag, i) => ({ label: lag > 0 ? `+${lag}` : String(lag), value: peri.switchRate[i] ?? 0, muted: lag !== 0 })),
          reference: lead.site ? undefined : overallSwitchRate(p),
        }
      : null;
  return {
    id: 'triggers',
    question,
    verdict,
    answer: `${opening(verdict, lead.site)}${reading.answer}`,
    evidence,
    plot,
    details: all.flatMap((s) => {
      const lines = [s.result.conclusion, ...s.result.tests.map((x) => x.conclusion)];
      return s.site && site ? [siteScope(site), ...lines] : lines;
    }),
    nullHypotheses: [
      'Per cue class: a switch is no more likely on the reply to that cue than after other messages of similar length at a similar turn index (circular shift of your messages within each conversation; Holm across classes).',
      'Reverse direction: the cue is no more likely right after a switch. If it is, the cue may be your reaction to the change.',
      ...(site ? ['Tested twice, on the persona switches in the text and on the model switches the site reported, each at α / 2.'] : []),
    ],
  };
}

function overallSwitchRate(p: SwitchParts): number | undefined {
  return p.transitions && p.transitions.replyPairs > 0 ? p.transitions.switchRate : undefined;
}

/** The loop's conclusion opens with its verdict word and one sentence of reading. */
function loopReading(l: LoopReport): string {
  return (/^.*?\.(?=\s|$)/.exec(l.conclusion)?.[0] ?? l.conclusion).replace(/^(Yes|No|Can't tell): /, '');
}

export function loopLine(p: SwitchParts): VerdictLine {
  const question = 'Switches follow your disengagement and precede your re-engagement?';
  const site = p.siteSwitches ?? null;
  const all = sources(p.loop, site?.loop ?? null);
  if (all.length === 0) return cantTell('loop', question, 'Too little data to test the engagement loop.');
  const { verdict, lead } = decide(all, (l) => l.verdict);
  const rr = lead.result.riskRatio;
  const what = lead.site ? 'a site model switch' : 'a switch';
  return {
    id: 'loop',
    question,
    verdict,
    answer: `${opening(verdict, lead.site)}${loopReading(lead.result)}`,
    evidence: rr
      ? {
          label: `risk ratio of ${what} between your disengagement and re-engagement`,
          value: rr.value,
          low: rr.low,
          high: rr.high,
          unit: 'ratio',
          interval: 'Greenland–Robins, stratified by turn index',
        }
      : null,
    plot: rr
      ? {
          kind: 'bars',
          caption: `Risk ratio of ${what} inside the loop, with its 95% interval (1 = no effect)`,
          bars: [{ label: lead.site ? 'loop (site)' : 'loop', value: rr.value, low: rr.low, high: rr.high }],
          reference: 1,
        }
      : null,
    details: all.flatMap((s) => (s.site && site ? [siteScope(site), s.result.conclusion] : [s.result.conclusion])),
    nullHypotheses: [
      'Your disengage-then-re-engage pattern is unrelated to when the assistant switches (your messages rotated within each conversation, which keeps your own rhythm).',
      ...(site ? ['Tested twice, on the persona switches in the text and on the model switches the site reported, each at α / 2.'] : []),
    ],
  };
}
