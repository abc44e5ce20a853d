import type { ComponentChildren } from 'preact';

export interface TabDef<K extends string> {
  key: K;
  label: string;
}

interface Props<K extends string> {
  tabs: readonly TabDef<K>[];
  /** The selected tab; a key outside `tabs` (a page without a tab) selects none. */
  active: string;
  onChange(key: K): void;
  label: string;
  idPrefix: string;
}

/**
 * WAI-ARIA tabs: real buttons with role=tab, roving tabindex, arrow keys / Home / End move
 * between tabs (automatic activation).
 */
export function Tabs<K extends string>({ tabs, active, onChange, label, idPrefix }: Props<K>) {
  function onKeyDown(e: KeyboardEvent) {
    const i = tabs.findIndex((t) => t.key === active);
    let next = -1;
    if (e.key === 'ArrowRight') next = (i + 1) % tabs.length;
    else if (e.key === 'ArrowLeft') next = (i - 1 + tabs.length) % tabs.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = tabs.length - 1;
    if (next < 0) return;
    e.preventDefault();
    onChange(tabs[next].key);
    const el = (e.currentTarget as HTMLElement).querySelector<HTMLElement>(`#${idPrefix}-tab-${tabs[next].key}`);
    el?.focus();
  }
  return (
    <div role="tablist" aria-label={label} class="po-tabs" onKeyDown={onKeyDown}>
      {tabs.map((t, i) => (
        <button
          key={t.key}
          type="button"
          role="tab"
          id={`${idPrefix}-tab-${t.key}`}
          aria-selected={t.key === active}
          aria-controls={`${idPrefix}-panel`}
          tabIndex={t.key === active || (i === 0 && !tabs.some((x) => x.key === active)) ? 0 : -1}
          class="po-tab"
          onClick={() => onChange(t.key)}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}

export function TabPanel({ idPrefix, active, children }: { idPrefix: string; active: string; children: ComponentChildren }) {
  return (
    <section role="tabpanel" id={`${idPrefix}-panel`} aria-labelledby={`${idPrefix}-tab-${active}`} class="po-tabpanel">
      {children}
    </section>
  );
}
