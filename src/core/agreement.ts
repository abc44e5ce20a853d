/**
 * How often the detector agreed with people's judgements: every verdict (confirm / reject /
 * relabel; notes are not verdicts) on a labelled reply counts once; a confirm is agreement.
 * Grouped per label kind the detector gave the reply ("no shift" when it predicted none), per
 * site, and per source (made in the extension or imported from an annotation tool), with counts
 * and a 95% Wilson interval, so a per-user calibration can weigh the detector's labels later.
 * Pure: bundles in, numbers out.
 */
import type { AnnotationKind, ConversationBundle, SiteId } from './model/types.ts';

/** The group of replies the detector predicted no shift for. */
export const NO_SHIFT = 'no shift';
/** The group of predicted shifts that carry no label. */
export const UNLABELLED_SHIFT = 'shift without a label';
/** Source of judgements made in the extension (badge or dashboard). */
export const IN_EXTENSION = 'in the extension';

export interface JudgedReply {
  site: SiteId;
  /** The detector's label kinds at this reply: [NO_SHIFT] when it predicted none. */
  kinds: readonly string[];
  verdict: Exclude<AnnotationKind, 'note'>;
  /** IN_EXTENSION or the annotation tool. */
  source: string;
}

export interface AgreementRow {
  key: string;
  confirmed: number;
  rejected: number;
  relabelled: number;
  /** confirmed + rejected + relabelled */
  judged: number;
  /** confirmed / judged; null when nothing was judged. */
  agreement: number | null;
  /** 95% Wilson score interval of `agreement`; null when nothing was judged. */
  interval: readonly [number, number] | null;
}

export interface AgreementReport {
  overall: AgreementRow;
  byKind: AgreementRow[];
  bySite: AgreementRow[];
  bySource: AgreementRow[];
  /** Verdicts on replies the detector has not labelled (not counted above). */
  unlabelled: number;
}

/** Every verdict on a labelled reply, and how many verdicts found no label to compare with. */
export function judgedReplies(bundles: Iterable<ConversationBundle>): { replies: JudgedReply[]; unlabelled: number } {
  const replies: JudgedReply[] = [];
  let unlabelled = 0;
  for (const b of bundles) {
    const analysisOf = new Map(b.analyses.map((a) => [a.turnKey, a]));
    for (const a of b.annotations) {
      if (a.kind === 'note') continue;
      const analysis = analysisOf.get(a.turnKey);
      if (!analysis) {
        unlabelled++;
        continue;
      }
      replies.push({
        site: b.conversation.site,
        kinds: kindsOf(analysis.shift, analysis.labels),
        verdict: a.kind,
        source: a.origin?.tool ?? IN_EXTENSION,
      });
    }
  }
  return { replies, unlabelled };
}

export function detectorAgreement(replies: Iterable<JudgedReply>, unlabelled = 0): AgreementReport {
  const overall = emptyRow('all');
  const byKind = new Map<string, AgreementRow>();
  const bySite = new Map<string, AgreementRow>();
  const bySource = new Map<string, AgreementRow>();
  for (const r of replies) {
    count(overall, r.verdict);
    // A reply with two label kinds counts under each.
    for (const kind of r.kinds) count(rowOf(byKind, kind), r.verdict);
    count(rowOf(bySite, r.site), r.verdict);
    count(rowOf(bySource, r.source), r.verdict);
  }
  return { overall: finish(overall), byKind: sorted(byKind), bySite: sorted(bySite), bySource: sorted(bySource), unlabelled };
}

/** Agreement of the detector with the judgements stored in these bundles. */
export function agreementOfBundles(bundles: Iterable<ConversationBundle>): AgreementReport {
  const { replies, unlabelled } = judgedReplies(bundles);
  return detectorAgreement(replies, unlabelled);
}

/**
 * Wilson score interval for k successes in n trials (z = 1.96): stays inside [0, 1] and is
 * honest for small n, where k/n alone says little.
 */
export function wilsonInterval(k: number, n: number, z = 1.96): readonly [number, number] {
  if (n <= 0) return [0, 1];
  const p = k / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

function kindsOf(shift: boolean, labels: readonly { kind: string }[]): string[] {
  if (!shift) return [NO_SHIFT];
  const kinds = [...new Set(labels.map((l) => l.kind))];
  return kinds.length > 0 ? kinds : [UNLABELLED_SHIFT];
}

function emptyRow(key: string): AgreementRow {
  return { key, confirmed: 0, rejected: 0, relabelled: 0, judged: 0, agreement: null, interval: null };
}

function rowOf(map: Map<string, AgreementRow>, key: string): AgreementRow {
  let row = map.get(key);
  if (!row) map.set(key, (row = emptyRow(key)));
  return row;
}

function count(row: AgreementRow, verdict: JudgedReply['verdict']): void {
  if (verdict === 'confirm') row.confirmed++;
  else if (verdict === 'reject') row.rejected++;
  else row.relabelled++;
  row.judged++;
}

function finish(row: AgreementRow): AgreementRow {
  if (row.judged === 0) return row;
  return { ...row, agreement: row.confirmed / row.judged, interval: wilsonInterval(row.confirmed, row.judged) };
}

/** Most judged first, then by name. */
function sorted(map: Map<string, AgreementRow>): AgreementRow[] {
  return [...map.values()].map(finish).sort((a, b) => b.judged - a.judged || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
