/**
 * For views that already have a state's profile as standardised distances (e.g. the router's
 * HMM states: `StateProfileItem { feature, z }`): the state's name in the shared wording, so a
 * router state reads "terse · structured", not "low Length (log words)".
 *
 *   nameFromProfile(state.profile).name
 *
 * A profile may list only its largest deviations (the router keeps the top five): a feature it
 * leaves out counts as close to the mean (z = 0), not as unmeasured, so the listed ones name the
 * state. Pure; no other input needed.
 */
import { namePersona, type PersonaName } from '../detect/persona-name.ts';

export function nameFromProfile(profile: readonly { feature: string; z: number }[]): PersonaName {
  const z = new Map(profile.map((p) => [p.feature, p.z]));
  return namePersona((f) => z.get(f) ?? 0);
}
