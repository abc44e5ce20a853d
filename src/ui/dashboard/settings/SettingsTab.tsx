import { useState } from 'preact/hooks';
import type { Settings, SiteId } from '../../../core/model/types.ts';
import { useServices } from '../../adapters/services.ts';
import { useAsync } from '../../components/use-async.ts';
import { ErrorBox, Loading } from '../../components/Status.tsx';
import { ConfirmButton } from '../../components/ConfirmButton.tsx';
import { siteName } from '../../../core/vocabulary/titles.ts';
import { CaptureProblems } from './CaptureProblems.tsx';
import { CAPTURE_SITES, SELECTOR_KEYS, selectorError, siteSettings, withSite, type SelectorKey } from './site-settings.ts';
import { isRouteSite, type RouteSite } from '../../../core/route/observation.ts';

export function SettingsTab({ onCleared }: { onCleared(): void }) {
  const { commands } = useServices();
  const loaded = useAsync(() => commands.getSettings(), [commands]);
  if (loaded.status === 'loading') return <Loading what="settings" />;
  if (loaded.status === 'error') return <ErrorBox title="Could not read settings" error={loaded.error} onRetry={loaded.reload} />;
  return <SettingsForm initial={loaded.data} onCleared={onCleared} />;
}

type SaveStatus = { kind: 'idle' } | { kind: 'saved' } | { kind: 'error'; error: unknown };

function SettingsForm({ initial, onCleared }: { initial: Settings; onCleared(): void }) {
  const { commands } = useServices();
  const [settings, setSettings] = useState(initial);
  const [status, setStatus] = useState<SaveStatus>({ kind: 'idle' });
  const [cleared, setCleared] = useState<SaveStatus>({ kind: 'idle' });

  async function patch(p: Partial<Settings>) {
    try {
      setSettings(await commands.setSettings(p));
      setStatus({ kind: 'saved' });
    } catch (error) {
      setStatus({ kind: 'error', error });
    }
  }

  async function clearAll() {
    try {
      await commands.clearStore();
      setCleared({ kind: 'saved' });
      onCleared();
    } catch (error) {
      setCleared({ kind: 'error', error });
    }
  }

  return (
    <div class="po-settings">
      <p class="po-settings-status" role="status" aria-live="polite">
        {status.kind === 'saved' && <span class="po-saved">✓ Settings saved</span>}
      </p>
      {status.kind === 'error' && <ErrorBox title="Setting not saved" error={status.error} />}
      <section class="po-card" aria-labelledby="po-capture-h">
        <h3 id="po-capture-h">Capture</h3>
        <label class="po-check">
          <input type="checkbox" checked={settings.paused} onChange={(e) => patch({ paused: e.currentTarget.checked })} /> Pause capture on every site
        </label>
        <label class="po-check">
          <input type="checkbox" checked={settings.badgesHidden} onChange={(e) => patch({ badgesHidden: e.currentTarget.checked })} /> Hide in-page badges
        </label>
        <p class="po-muted po-small">One switch: the same as “Hide badges” in the popup and “Hide all badges” in a badge’s panel.</p>
      </section>
      <section class="po-card" aria-labelledby="po-sites-h">
        <h3 id="po-sites-h">Sites</h3>
        <CaptureProblems />
        <p class="po-muted">
          Turn capture off for a site, or override the CSS selectors its adapter uses when the site changed its layout before we shipped a fix. Leave a field
          empty to use the built-in one.
        </p>
        {CAPTURE_SITES.map((site) => (
          <SiteRow key={site} site={site} settings={settings} onChange={(sites) => patch({ sites })} />
        ))}
      </section>
      <section class="po-card po-danger-zone" aria-labelledby="po-delete-h">
        <h3 id="po-delete-h">Delete data</h3>
        <p class="po-muted">
          To delete one conversation, open it from the list and use “Delete conversation”. Deleting everything removes every conversation, analysis and
          annotation from this device; settings stay.
        </p>
        <ConfirmButton
          label="Delete everything…"
          question="Delete all stored conversations and annotations? This cannot be undone."
          confirmLabel="Delete everything"
          onConfirm={clearAll}
        />
        {cleared.kind === 'saved' && (
          <p class="po-saved" role="status">
            Everything was deleted.
          </p>
        )}
        {cleared.kind === 'error' && <ErrorBox title="Nothing was deleted" error={cleared.error} />}
      </section>
    </div>
  );
}

/** What each site's own responses say about a reply, as the settings sentence names it. */
const ROUTE_FIELDS: Record<RouteSite, string> = {
  chatgpt: 'the model you chose, the model shown on each reply and the model the server says served it, with its routing flags',
  grok: 'the model you chose and the model each response names',
};

/** The one sentence that says what route capture reads on `site`. */
export function readResponsesText(site: RouteSite): string {
  return (
    `Reads only ${ROUTE_FIELDS[site]}, from the site's own conversation responses in this tab; ` +
    "never your messages, the replies' text, tokens, cookies or headers, and nothing leaves your browser."
  );
}

function SiteRow({ site, settings, onChange }: { site: SiteId; settings: Settings; onChange(sites: Settings['sites']): void }) {
  const current = siteSettings(settings, site);
  const [draft, setDraft] = useState<Partial<Record<SelectorKey, string>>>(current.selectors);
  const errors = SELECTOR_KEYS.map((k) => selectorError(draft[k] ?? ''));
  const dirty = SELECTOR_KEYS.some((k) => (draft[k] ?? '').trim() !== (current.selectors[k] ?? ''));
  return (
    <div class="po-site">
      {/* The switch is always visible; only the selector overrides fold away. */}
      <label class="po-check po-site-switch">
        <input
          type="checkbox"
          role="switch"
          checked={current.enabled}
          onChange={(e) => onChange(withSite(settings, site, { enabled: e.currentTarget.checked }))}
        />{' '}
        <span class="po-site-name">{siteName(site)}</span>{' '}
        <span class={current.enabled ? 'po-saved' : 'po-muted'}>{current.enabled ? 'capturing' : 'off'}</span>
      </label>
      {isRouteSite(site) && (
        <div class="po-field">
          <label class="po-check">
            <input
              type="checkbox"
              role="switch"
              checked={current.readResponses ?? true}
              onChange={(e) => onChange(withSite(settings, site, { readResponses: e.currentTarget.checked }))}
            />{' '}
            Read the site's own responses
          </label>
          <span class="po-muted">{readResponsesText(site)}</span>
        </div>
      )}
      <details class="po-site-more">
        <summary>
          Selector overrides
          {Object.keys(current.selectors).length > 0 && (
            <>
              {' '}
              <span class="po-tag">custom selectors</span>
            </>
          )}
        </summary>
        <div class="po-site-body">
          <div class="po-selector-grid">
            {SELECTOR_KEYS.map((k, i) => (
              <label key={k} class="po-field">
                <span>{k} selector</span>
                <input
                  class="po-input po-mono"
                  type="text"
                  value={draft[k] ?? ''}
                  spellcheck={false}
                  aria-invalid={errors[i] !== null}
                  onInput={(e) => setDraft({ ...draft, [k]: e.currentTarget.value })}
                />
                {errors[i] && <span class="po-error">{errors[i]}</span>}
              </label>
            ))}
          </div>
          <button
            type="button"
            class="po-btn"
            disabled={!dirty || errors.some((e) => e !== null)}
            onClick={() => onChange(withSite(settings, site, { selectors: draft }))}
          >
            Save selectors
          </button>
        </div>
      </details>
    </div>
  );
}
