import { useState } from 'preact/hooks';
import type { Settings } from '../../core/model/types.ts';
import { SHARE_ON_DEMAND_DETAIL, type TabStatus } from '../../messaging/responses.ts';
import { useAsync } from '../components/use-async.ts';
import { ErrorBox, Loading } from '../components/Status.tsx';
import { failedCheckOf, plural } from '../../common/format.ts';
import { withSite, siteSettings } from '../dashboard/settings/site-settings.ts';
import { isRouteSite } from '../../core/route/observation.ts';
import { bridgeDropWords, type BridgeDropCounts } from '../../core/route/bridge-drops.ts';
import { ModelName } from '../../common/ModelName.tsx';
import { siteName } from '../../core/vocabulary/titles.ts';

export interface PopupServices {
  /** Status of the active tab from the worker (tab/status). */
  tabStatus(): Promise<TabStatus>;
  getSettings(): Promise<Settings>;
  setSettings(patch: Partial<Settings>): Promise<Settings>;
  /** Opens the dashboard in a tab, at `hash` when given (e.g. a conversation). */
  openDashboard(hash?: string): void;
  /** Asks the page to capture the share page it shows (share pages are captured on demand). */
  captureSharedPage(): Promise<void>;
  /** Route messages from the page that the tab's bridge ignored, by reason (null: not read there). */
  routeDrops?(): Promise<BridgeDropCounts | null>;
  /** Asks the page for a redacted structure snapshot and saves it as a file (nothing is sent). */
  saveLayoutReport(includeText: boolean, status: string | null): Promise<void>;
}

const STATUS_TEXT: Record<TabStatus['status'], string> = {
  ok: 'Recognised',
  'layout-not-recognized': 'Layout not recognized',
  unsupported: 'Not a supported chat site',
  paused: 'Capture paused',
  error: 'Capture stopped by an error',
};

export function Popup({ services }: { services: PopupServices }) {
  const loaded = useAsync(() => Promise.all([services.tabStatus(), services.getSettings()]), [services]);
  return (
    <main class="po-popup">
      <header class="po-popup-head">
        <span class="po-logo" aria-hidden="true" />
        <h1>Persona Observatory</h1>
      </header>
      {loaded.status === 'loading' && <Loading what="this tab’s status" />}
      {loaded.status === 'error' && <ErrorBox title="The extension’s worker did not answer" error={loaded.error} onRetry={loaded.reload} />}
      {loaded.status === 'data' && <PopupBody services={services} status={loaded.data[0]} initialSettings={loaded.data[1]} />}
      <button type="button" class="po-btn po-popup-wide" onClick={() => services.openDashboard()}>
        Open dashboard
      </button>
    </main>
  );
}

function PopupBody({ services, status, initialSettings }: { services: PopupServices; status: TabStatus; initialSettings: Settings }) {
  const [settings, setSettings] = useState(initialSettings);
  const [error, setError] = useState<unknown>(null);
  const [shareAsked, setShareAsked] = useState(false);
  const site = status.site;
  const siteOn = site ? siteSettings(settings, site).enabled : false;

  async function patch(p: Partial<Settings>) {
    try {
      setSettings(await services.setSettings(p));
      setError(null);
    } catch (err) {
      setError(err);
    }
  }

  const capturing = !settings.paused && siteOn && status.status === 'ok';
  // A recognised page while capture is off is "paused", never the green "Recognised".
  const off = status.status === 'ok' && (settings.paused || !siteOn);
  const shown: TabStatus['status'] = off ? 'paused' : status.status;
  const pill = off ? 'Recognised · capture paused' : STATUS_TEXT[shown];
  const [undo, setUndo] = useState<Partial<Settings> | null>(null);

  /** Applies a change and offers to take it back (one click, same place). */
  async function change(p: Partial<Settings>, back: Partial<Settings>) {
    await patch(p);
    setUndo(back);
  }

  return (
    <div class="po-popup-body">
      <p class="po-popup-site">
        <strong>{site ? siteName(site) : 'This page'}</strong> <span class={`po-status po-status-${shown}`}>{pill}</span>
      </p>
      {failedCheckOf(status.detail) && (
        <p class="po-small">
          Failed check: <strong>{failedCheckOf(status.detail)}</strong>
        </p>
      )}
      {status.detail && <p class="po-muted po-small">{status.detail}</p>}
      {status.storeError && (
        <p class="po-error po-small" role="alert">
          Storage problem: {status.storeError}
        </p>
      )}
      {status.detail === SHARE_ON_DEMAND_DETAIL &&
        (shareAsked ? (
          <p class="po-small" role="status">
            Capturing this shared page (marked shared).
          </p>
        ) : (
          <button
            type="button"
            class="po-btn po-btn-primary po-popup-wide"
            onClick={() => services.captureSharedPage().then(() => setShareAsked(true), setError)}
          >
            Capture this shared page
          </button>
        ))}
      {site && (
        <>
          <dl class="po-facts">
            <div>
              <dt>Capture</dt>
              <dd>{settings.paused ? 'paused everywhere' : siteOn ? (capturing ? 'on' : 'on, waiting') : 'off for this site'}</dd>
            </div>
            <div>
              <dt>Turns captured</dt>
              <dd>{status.turnCount.toLocaleString('en')}</dd>
            </div>
            <div>
              <dt>Shifts so far</dt>
              <dd>{status.shiftCount.toLocaleString('en')}</dd>
            </div>
            <div>
              <dt>Model{status.models.length === 1 ? '' : 's'} seen</dt>
              <dd>
                {status.models.length
                  ? status.models.map((m, i) => (
                      <span key={m}>
                        {i > 0 && ', '}
                        <ModelName slug={m} />
                      </span>
                    ))
                  : 'not shown by the site'}
              </dd>
            </div>
            {isRouteSite(site) && (
              <div>
                <dt>Reroutes</dt>
                <dd title="Replies the site's own responses say another model served (page-reported)">
                  {status.reroutes === 0 ? 'none reported' : `${plural(status.reroutes, 'reply', 'replies')} served by another model`}
                </dd>
              </div>
            )}
            {isRouteSite(site) && services.routeDrops && <RouteDropsLine load={services.routeDrops} />}
          </dl>
          <div class="po-popup-actions">
            <button
              type="button"
              class="po-btn"
              aria-pressed={!siteOn}
              onClick={() => change({ sites: withSite(settings, site, { enabled: !siteOn }) }, { sites: settings.sites })}
            >
              {siteOn ? `Pause on ${siteName(site)}` : `Resume on ${siteName(site)}`}
            </button>
            {status.conversationKey && (
              <button type="button" class="po-btn po-btn-primary" onClick={() => services.openDashboard(`#/c/${encodeURIComponent(status.conversationKey!)}`)}>
                Open this conversation ({plural(status.shiftCount, 'shift')})
              </button>
            )}
          </div>
        </>
      )}
      <div class="po-popup-actions">
        <button type="button" class="po-btn" aria-pressed={settings.paused} onClick={() => change({ paused: !settings.paused }, { paused: settings.paused })}>
          {settings.paused ? 'Resume capture everywhere' : 'Pause all capture'}
        </button>
        <button
          type="button"
          class="po-btn"
          aria-pressed={settings.badgesHidden}
          onClick={() => change({ badgesHidden: !settings.badgesHidden }, { badgesHidden: settings.badgesHidden })}
        >
          {settings.badgesHidden ? 'Show badges' : 'Hide badges'}
        </button>
      </div>
      <p class="po-small po-muted" role="status" aria-live="polite">
        {settings.badgesHidden ? 'Badges are hidden on every page (here, in Settings and in the page: one switch).' : ''}
        {undo && (
          <>
            {' '}
            <button
              type="button"
              class="po-btn po-btn-small"
              onClick={() => {
                void patch(undo);
                setUndo(null);
              }}
            >
              Undo
            </button>
          </>
        )}
      </p>
      {site && <LayoutReport services={services} status={status} />}
      {error !== null && <ErrorBox title="Not saved" error={error} />}
    </div>
  );
}

/** "Save layout report": a redacted snapshot of the page structure, saved as a local file. */
function LayoutReport({ services, status }: { services: PopupServices; status: TabStatus }) {
  const [includeText, setIncludeText] = useState(false);
  const [state, setState] = useState<'idle' | 'saving' | 'saved'>('idle');
  const [error, setError] = useState<unknown>(null);
  async function save() {
    setState('saving');
    setError(null);
    try {
      await services.saveLayoutReport(includeText, `${status.status}${status.detail ? `: ${status.detail}` : ''}`);
      setState('saved');
    } catch (err) {
      setError(err);
      setState('idle');
    }
  }
  return (
    <section class="po-layout-report" aria-label="Layout report">
      <label class="po-small">
        <input type="checkbox" checked={includeText} onChange={(e) => setIncludeText((e.target as HTMLInputElement).checked)} /> Include text (your
        conversation’s words)
      </label>
      <button type="button" class="po-btn po-popup-wide" disabled={state === 'saving'} onClick={save}>
        Save layout report
      </button>
      <p class="po-muted po-small">
        {state === 'saved' ? 'Saved to your downloads. ' : ''}Page structure only{includeText ? ', with text' : ' (tags, attributes, text lengths)'}; it stays
        on your computer until you share it.
      </p>
      {error !== null && <ErrorBox title="No report" error={error} />}
    </section>
  );
}

/** What the tab's route bridge ignored from the page (forged, malformed, too large, too many). */
function RouteDropsLine({ load }: { load: () => Promise<BridgeDropCounts | null> }) {
  const drops = useAsync(load, [load]);
  if (drops.status !== 'data' || drops.data === null) return null;
  return (
    <div>
      <dt>Route messages ignored</dt>
      <dd title="Messages about routes that this page sent and the extension did not trust or could not use; nothing from them was stored">
        {bridgeDropWords(drops.data)}
      </dd>
    </div>
  );
}
