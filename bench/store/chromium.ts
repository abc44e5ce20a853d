/**
 * Runs bench/store/ops.ts inside the built extension in Debian Chromium: the ops are bundled
 * (esbuild, which tsx already brings) into one script, evaluated in an extension page through
 * the DevTools protocol (which the page's CSP does not apply to), and called from Node. The
 * page's IndexedDB is the extension origin's real one, in the profile directory this harness
 * creates, so the on-disk size is read from that folder.
 */
import { build } from 'esbuild';
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { launchWithExtension, type ExtensionSession } from '../../tests/e2e/lib/browser.ts';
import type { StoreBenchOps } from './ops.ts';

/** Calls one op by name with arguments, wherever the ops run. */
export type CallOp = <K extends keyof StoreBenchOps>(name: K, ...args: Parameters<StoreBenchOps[K]>) => Promise<Awaited<ReturnType<StoreBenchOps[K]>>>;

async function bundleOps(): Promise<string> {
  const out = await build({
    stdin: {
      contents: "import { ops } from './ops.ts'; (globalThis as { __storeBench?: unknown }).__storeBench = ops;",
      resolveDir: resolve(import.meta.dirname),
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    write: false,
    logLevel: 'error',
  });
  return out.outputFiles[0].text;
}

/** Bytes of every file under `dir` (0 when it does not exist). */
export function folderBytes(dir: string): number {
  let total = 0;
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return 0;
  }
  for (const name of entries) {
    const p = join(dir, name);
    const s = statSync(p);
    total += s.isDirectory() ? folderBytes(p) : s.size;
  }
  return total;
}

export interface ChromiumStore {
  call: CallOp;
  /** The profile's IndexedDB folder (every origin; only the extension writes here). */
  indexedDbDir: string;
  version: string;
  /** Close the browser (the profile stays, so the folder can be measured after LevelDB's shutdown). */
  close(): Promise<void>;
  removeProfile(): void;
}

export async function openChromiumStore(dist: string): Promise<ChromiumStore> {
  const code = await bundleOps();
  const session: ExtensionSession = await launchWithExtension({ dist });
  const page: Page = await session.openPage(session.extensionUrl('src/ui/popup/index.html'));
  await page.evaluate(code);
  const version = session.context.browser()?.version() ?? (await page.evaluate(() => navigator.userAgent));
  const call: CallOp = (name, ...args) =>
    page.evaluate(
      ([n, a]) => (globalThis as unknown as { __storeBench: Record<string, (...x: unknown[]) => unknown> }).__storeBench[n as string](...(a as unknown[])),
      [name, args] as const,
    ) as never;
  return {
    call,
    indexedDbDir: join(session.userDataDir, 'Default', 'IndexedDB'),
    version,
    async close() {
      await session.close({ keepProfile: true });
    },
    removeProfile() {
      // launchWithExtension made the directory; it is ours to remove.
      rmSync(session.userDataDir, { recursive: true, force: true });
    },
  };
}
