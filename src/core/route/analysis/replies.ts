/** Stored bundles → the main-line replies the route analysis reads (RouteReply). Pure. */
import { classifyCues } from '../../router/cues.ts';
import type { CueClass } from '../../router/types.ts';
import type { ConversationBundle } from '../../model/types.ts';
import { isReroute, sameSlug } from '../reroute.ts';
import type { RouteReply } from './types.ts';

const wordCount = (text: string): number => (text.match(/\S+/g) ?? []).length;

export function routeReplies(bundles: readonly ConversationBundle[]): RouteReply[][] {
  return bundles.map((b) => {
    const analyses = new Map(b.analyses.map((a) => [a.turnKey, a]));
    const main = b.turns.filter((t) => t.alternativeOf === null).sort((x, y) => x.order - y.order);
    const out: RouteReply[] = [];
    let lastUser: string | null = null;
    let previousServed: string | null = null;
    for (const t of main) {
      if (t.role === 'user') {
        lastUser = t.text;
        continue;
      }
      const served = t.route?.served ?? null;
      const analysis = analyses.get(t.key);
      out.push({
        conversation: b.conversation.key,
        index: out.length,
        route: t.route,
        rerouted: isReroute(t.route),
        servedChanged: served !== null && previousServed !== null && !sameSlug(served, previousServed),
        cues: lastUser === null ? [] : classifyCues(lastUser).filter((c): c is CueClass => c !== 'continuation'),
        userWords: lastUser === null ? 0 : wordCount(lastUser),
        features: analysis?.features ?? null,
        detectorShift: analysis?.shift ?? false,
      });
      previousServed = served;
      lastUser = null;
    }
    return out;
  });
}
