/**
 * The route strip under the persona timeline: per reply, the model the site's own responses
 * (or the export) say served it, runs of equal models merged like the model strip, reroutes
 * marked, and each reroute listed in words. Page-reported: the site's word, not ours.
 */
import { rerouteText } from '../../../core/route/reroute.ts';
import type { RouteInfo } from '../../../core/model/types.ts';
import { STATE_PALETTE_SIZE } from '../../components/state-colors.ts';

interface Props {
  /** One entry per assistant reply, aligned with the timeline's cells. */
  routes: readonly (RouteInfo | null)[];
  onSelect(index: number): void;
}

interface Run {
  served: string | null;
  start: number;
  length: number;
}

export function servedRuns(routes: readonly (RouteInfo | null)[]): Run[] {
  const runs: Run[] = [];
  routes.forEach((r, i) => {
    const served = r?.served ?? null;
    const prev = runs[runs.length - 1];
    if (prev && prev.served === served) prev.length++;
    else runs.push({ served, start: i, length: 1 });
  });
  return runs;
}

export function RouteStrip({ routes, onSelect }: Props) {
  if (!routes.some((r) => r !== null)) return null;
  const columns = { gridTemplateColumns: `repeat(${routes.length}, minmax(6px, 1fr))` };
  const order = [...new Set(routes.map((r) => r?.served).filter((m): m is string => !!m))];
  const reroutes = routes.flatMap((r, i) => {
    const text = rerouteText(r);
    return text ? [{ index: i, text }] : [];
  });
  const sources = [...new Set(routes.map((r) => r?.source).filter((s): s is RouteInfo['source'] => !!s))];
  return (
    <div class="po-route" aria-labelledby="po-route-h">
      <h4 id="po-route-h" class="po-route-title">
        Served by (as the site reports it)
      </h4>
      <div class="po-tl-row po-route-strip" style={columns} aria-label="Model the site says served each reply">
        {servedRuns(routes).map((r) => (
          <span
            key={r.start}
            class={`po-tl-model ${r.served ? `po-s${order.indexOf(r.served) % STATE_PALETTE_SIZE}` : 'po-tl-nomodel'}`}
            style={{ gridColumn: `${r.start + 1} / span ${r.length}` }}
            title={r.served ?? 'not reported'}
          >
            {r.served ?? ''}
          </span>
        ))}
      </div>
      <div class="po-tl-row po-route-marks" style={columns} aria-hidden="true">
        {routes.map((r, i) => (
          <span key={i} class="po-route-mark">
            {rerouteText(r) ? '↪' : ''}
          </span>
        ))}
      </div>
      {reroutes.length > 0 ? (
        <ul class="po-route-list">
          {reroutes.map((r) => (
            <li key={r.index}>
              <button type="button" class="po-linklike" onClick={() => onSelect(r.index)}>
                Reply {r.index + 1}
              </button>
              : {r.text}
            </li>
          ))}
        </ul>
      ) : (
        <p class="po-muted">No reroute: every reported model is the one chosen or shown.</p>
      )}
      <p class="po-muted po-route-source">
        Source: {sources.map((s) => (s === 'page-reported' ? "the site's own responses (page-reported)" : 'the account export')).join(' and ')}.
      </p>
    </div>
  );
}
