/**
 * Launches Debian Chromium with the built extension (dist/chrome) loaded, headless, and serves
 * fixture pages AT THE REAL CHAT URLs by request interception, so the manifest's real match
 * patterns apply. Every other request is aborted and recorded: nothing leaves the machine.
 */
import { chromium, type BrowserContext, type Page, type Worker, type Request } from 'playwright-core';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { sanitizeFixtureHtml } from './fixture-html.ts';

export const CHROMIUM_PATHS = ['/usr/bin/chromium', '/usr/lib/chromium/chromium'];
export const DIST_CHROME = resolve('dist/chrome');

export function findChromium(): string {
  const found = CHROMIUM_PATHS.find((p) => existsSync(p));
  if (!found) {
    throw new Error(
      'Chromium not found (looked in ' +
        CHROMIUM_PATHS.join(', ') +
        '). ' +
        'The browser tests need Debian Chromium: run `apt-get update && apt-get install -y chromium` (as root).',
    );
  }
  return found;
}

export interface RecordedRequest {
  url: string;
  resourceType: string;
  /** true when it was served from a registered fixture route. */
  servedFixture: boolean;
  /** Where it came from: the page URL of the frame, or 'service-worker'. */
  origin: string;
}

export interface ExtensionSession {
  context: BrowserContext;
  extensionId: string;
  worker: Worker;
  userDataDir: string;
  requests: RecordedRequest[];
  /** Serve `html` at `url` (exact URL, any query). Later registrations win. */
  serve(url: string, html: string, opts?: { keepScripts?: boolean }): void;
  extensionUrl(path: string): string;
  openPage(url: string): Promise<Page>;
  close(opts?: { keepProfile?: boolean }): Promise<void>;
}

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--metrics-recording-only',
];

export async function launchWithExtension(opts: { userDataDir?: string; dist?: string; headless?: boolean } = {}): Promise<ExtensionSession> {
  const dist = opts.dist ?? DIST_CHROME;
  if (!existsSync(join(dist, 'manifest.json'))) {
    throw new Error(`${dist}/manifest.json is missing: run \`npm run build\` first.`);
  }
  const userDataDir = opts.userDataDir ?? mkdtempSync(join(tmpdir(), 'po-e2e-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: findChromium(),
    headless: opts.headless ?? true,
    viewport: { width: 1280, height: 900 },
    args: [`--disable-extensions-except=${dist}`, `--load-extension=${dist}`, ...CHROMIUM_ARGS],
  });
  const fixtures = new Map<string, { html: string; keepScripts: boolean }>();
  const requests: RecordedRequest[] = [];
  const record = (req: Request, servedFixture: boolean) => {
    let origin = 'service-worker';
    try {
      origin = req.frame().url();
    } catch {
      /* service-worker requests have no frame */
    }
    requests.push({ url: req.url(), resourceType: req.resourceType(), servedFixture, origin });
  };

  await context.route('**/*', async (route) => {
    const req = route.request();
    const url = new URL(req.url());
    if (url.protocol === 'chrome-extension:') {
      // The extension's own resources (its pages load their scripts through here).
      record(req, false);
      await route.continue();
      return;
    }
    const key = url.origin + url.pathname;
    const fixture = fixtures.get(key);
    if (fixture && req.resourceType() === 'document') {
      record(req, true);
      const body = fixture.keepScripts ? fixture.html : sanitizeFixtureHtml(fixture.html);
      await route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body });
      return;
    }
    record(req, false);
    await route.abort('blockedbyclient');
  });

  let [worker] = context.serviceWorkers();
  worker ??= await context.waitForEvent('serviceworker', { timeout: 20_000 });
  const extensionId = new URL(worker.url()).host;

  return {
    context,
    extensionId,
    worker,
    userDataDir,
    requests,
    serve(url, html, o = {}) {
      const u = new URL(url);
      fixtures.set(u.origin + u.pathname, { html, keepScripts: o.keepScripts ?? false });
    },
    extensionUrl: (path) => `chrome-extension://${extensionId}/${path.replace(/^\//, '')}`,
    async openPage(url) {
      const page = await context.newPage();
      await page.goto(url, { waitUntil: 'domcontentloaded' });
      return page;
    },
    async close(o = {}) {
      await context.close();
      if (!o.keepProfile && !opts.userDataDir) rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Current service worker of the extension (it may have been restarted). */
export async function currentWorker(session: ExtensionSession): Promise<Worker> {
  const live = session.context.serviceWorkers().find((w) => w.url().includes(session.extensionId));
  return live ?? session.context.waitForEvent('serviceworker', { timeout: 20_000 });
}
