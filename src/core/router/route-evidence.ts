/**
 * "Does the site switch models?" Page-reported routes (RouteInfo, captured by the route work of
 * issue 15) are ground truth where present: a reply served by another model than the one asked
 * for is a reroute, and under "auto" a change of served model is the site's switch. Without
 * routes, the model the page showed per reply is the fallback: a change between consecutive
 * replies is a model switch by the site. Either way, the changes are set
 * beside the text-based persona switches, since only switches *without* a model change can be
 * persona routing inside one model.
 */
import type { RouteInfo } from '../model/types.ts';
import { chosenModel, isReroute } from '../route/reroute.ts';
import { served as servedModel, siteSwitchFlags } from './site-switches.ts';
import type { RouteEvidence } from './types.ts';

export interface RouteSeries {
  routes: readonly (RouteInfo | null)[];
  models: readonly (string | null)[];
  switches: readonly boolean[];
}

export function analyzeRoutes(series: readonly RouteSeries[]): RouteEvidence {
  const withRoutes = series.flatMap((s) => s.routes.filter((r): r is RouteInfo => r !== null));
  if (withRoutes.length > 0) return fromRoutes(series, withRoutes);
  return fromShownModels(series);
}

/**
 * A reply counts as switched by the site when it was rerouted (served by another model than the
 * user chose or than the page shows) or, where the user chose no model ("auto", or no request
 * known), served by another model than the reply before it.
 */
function fromRoutes(series: readonly RouteSeries[], routes: readonly RouteInfo[]): RouteEvidence {
  let changes = 0;
  let withSwitch = 0;
  for (const s of series) {
    const switched = siteSwitchFlags(s.routes);
    s.routes.forEach((r, j) => {
      if (!r || !(isReroute(r) || (switched[j] && chosenModel(r) === null))) return;
      changes++;
      if (s.switches[j]) withSwitch++;
    });
  }
  const flagged = routes.filter((r) => r.flags.length > 0).length;
  const models = [...new Set(routes.flatMap((r) => [chosenModel(r), servedModel(r)]).filter((m): m is string => !!m))];
  const conclusion =
    changes > 0
      ? `The site reported serving ${changes} of ${routes.length} replies with another model than the one asked for or than the reply before (${models.join(', ')}); ${withSwitch} of those replies also show a persona switch in the text. Those switches may be the site's routing, not a persona.`
      : `The site reported routing for ${routes.length} replies and served every one with the model asked for${flagged ? ` (${flagged} carry a routing flag)` : ''}.`;
  return { source: 'routes', observed: routes.length, changes, flagged, changesWithPersonaSwitch: withSwitch, models, conclusion };
}

function fromShownModels(series: readonly RouteSeries[]): RouteEvidence {
  let pairs = 0;
  let changes = 0;
  let withSwitch = 0;
  for (const s of series)
    for (let j = 1; j < s.models.length; j++) {
      const a = s.models[j - 1];
      const b = s.models[j];
      if (!a || !b) continue;
      pairs++;
      if (a === b) continue;
      changes++;
      if (s.switches[j]) withSwitch++;
    }
  const models = [...new Set(series.flatMap((s) => s.models).filter((m): m is string => !!m))];
  const conclusion =
    pairs === 0
      ? "Can't tell: no route data, and the page did not show the model per reply."
      : changes > 0
        ? `No route data; from the model the page showed per reply: it changed in ${changes} of ${pairs} consecutive reply pairs (${models.join(', ')}), ${withSwitch} of them together with a persona switch in the text.`
        : `No route data; the page showed the same model for all ${pairs} consecutive reply pairs (${models.join(', ')}). A silent switch the page does not show cannot be seen this way.`;
  return { source: pairs > 0 ? 'shown-model' : 'none', observed: pairs, changes, flagged: 0, changesWithPersonaSwitch: withSwitch, models, conclusion };
}
