/**
 * axe-core in a real page. Extension pages' CSP (script-src 'self') blocks an injected inline
 * <script> (page.addScriptTag({content})), so the source is evaluated through the DevTools
 * protocol instead, then axe runs over the whole document.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(resolve('node_modules/axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: number;
  targets: string[];
}

export async function runAxe(page: Page): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === 'object');
  // Extension pages forbid inline <script>; evaluate the source directly instead.
  if (!loaded) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(ctx: Document, opts: unknown): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.length,
      targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
    }));
  });
}

/** Serious and critical violations only (what the issue forbids). */
export function seriousOrWorse(list: AxeViolation[]): AxeViolation[] {
  return list.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

export function describeViolations(list: AxeViolation[]): string {
  return list.map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes} nodes, e.g. ${v.targets.join(' | ')})`).join('\n');
}
