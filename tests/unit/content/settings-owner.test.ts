// The content side's one copy of the settings: pushes from the extension replace it; anything
// from a tab, another extension or of the wrong shape is ignored.
import { describe, expect, it } from 'vitest';
import { createSettingsOwner } from '../../../src/content/settings.ts';
import { settingsPush } from '../../../src/messaging/settings-push.ts';
import type { Settings } from '../../../src/core/model/types.ts';

const base: Settings = { paused: false, badgesHidden: false, sites: {} };
const ID = 'ext-id';

describe('content settings owner', () => {
  it('tells subscribers the current settings and every change', () => {
    const owner = createSettingsOwner();
    const seen: boolean[] = [];
    owner.subscribe((s) => seen.push(s.badgesHidden));
    owner.set(base);
    expect(owner.receive(settingsPush({ ...base, badgesHidden: true }), { id: ID }, ID)).toBe(true);
    const late: boolean[] = [];
    owner.subscribe((s) => late.push(s.badgesHidden));
    expect(seen).toEqual([false, true]);
    expect(late).toEqual([true]);
  });

  it('ignores pushes from a tab, from another extension, and malformed ones', () => {
    const owner = createSettingsOwner();
    owner.set(base);
    const hidden = settingsPush({ ...base, badgesHidden: true });
    expect(owner.receive(hidden, { id: ID, tab: { id: 3 } }, ID)).toBe(false);
    expect(owner.receive(hidden, { id: 'other' }, ID)).toBe(false);
    expect(owner.receive({ type: 'settings/changed', settings: { paused: 'no', badgesHidden: true, sites: {} } }, { id: ID }, ID)).toBe(false);
    expect(owner.receive({ type: 'settings/changed', settings: { ...base, sites: { chatgpt: 3 } } }, { id: ID }, ID)).toBe(false);
    expect(owner.receive({ type: 'layout/snapshot' }, { id: ID }, ID)).toBe(false);
    expect(owner.current()).toEqual(base);
  });
});
