/**
 * The bundled demo conversation (demo/conversation.json: real AlpacaEval replies, Apache-2.0,
 * three persona segments) as an import, so a new user can see a labelled timeline at once.
 */
import demoText from '../../../../demo/conversation.json?raw';
import type { UiServices } from '../../adapters/services.ts';

export const DEMO_FILE_NAME = 'persona-observatory-demo.json';

/** How long to wait for the worker's labels of the imported demo before opening it anyway. */
const LABEL_WAIT_MS = 8000;

/** Imports the demo (again: nothing doubles) and resolves with its key once it is labelled. */
export async function loadDemo(s: UiServices, wait = (ms: number) => new Promise((r) => setTimeout(r, ms))): Promise<string> {
  const parsed = s.core.parseFile(demoText, DEMO_FILE_NAME);
  const key = parsed.bundles[0].conversation.key;
  await s.commands.importBundles(parsed.bundles);
  // Labels are computed by the background worker after the import: open once they exist.
  for (let waited = 0; waited < LABEL_WAIT_MS; waited += 250) {
    const b = await s.data.getBundle(key);
    if (b && b.analyses.length > 0) break;
    await wait(250);
  }
  return key;
}
