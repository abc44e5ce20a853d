/**
 * Least privilege, checked on what ships: the BUILT manifests in dist/chrome and dist/firefox
 * (`npm test` builds before it runs this). Fails on <all_urls> or any host pattern that is not a
 * supported chat site, any permission not on the allow-list, remote code or unsafe-eval in the
 * CSP, externally_connectable, and remote script URLs in the built HTML and JS.
 * PO_DIST (default: dist) points at another build root.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const DIST = resolve(process.env.PO_DIST ?? 'dist');

/** The chat sites of issue 2 and nothing else. */
const CHAT_SITE_PATTERNS = new Set([
  'https://chatgpt.com/*',
  'https://chat.openai.com/*',
  'https://claude.ai/*',
  'https://gemini.google.com/*',
  'https://copilot.microsoft.com/*',
  'https://m365.cloud.microsoft/*',
  'https://perplexity.ai/*',
  'https://www.perplexity.ai/*',
  'https://chat.deepseek.com/*',
  'https://grok.com/*',
  'https://chat.mistral.ai/*',
  'https://poe.com/*',
  'https://huggingface.co/chat/*',
  'https://meta.ai/*',
  'https://www.meta.ai/*',
]);

/**
 * Chrome ignores the path of web_accessible_resources match patterns (they must end in "/*"), so
 * the build widens https://huggingface.co/chat/* to https://huggingface.co/* there. Allowed for
 * that field only: it exposes the content-script chunks to the chat sites' origins, nothing more.
 */
const CHAT_SITE_ORIGINS = new Set([...CHAT_SITE_PATTERNS].map((p) => `${new URL(p.replace('/*', '/')).origin}/*`));

/** Permissions the product uses, each with its reason. Anything else fails. */
const ALLOWED_PERMISSIONS: Record<string, string> = {
  storage: 'settings and the IndexedDB timeline store',
  unlimitedStorage: 'months of conversations exceed the default quota',
};

/** CSP source expressions that would allow code from anywhere but the package. */
const REMOTE_OR_UNSAFE = /('unsafe-eval'|'unsafe-inline'|'wasm-unsafe-eval'|https?:|\*|data:|blob:|'strict-dynamic'|'unsafe-hashes')/;

type Json = Record<string, unknown>;

function targets(): { name: string; dir: string; manifest: Json }[] {
  return ['chrome', 'firefox'].map((name) => {
    const dir = join(DIST, name);
    const path = join(dir, 'manifest.json');
    return { name, dir, manifest: existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Json) : {} };
  });
}

function filesUnder(dir: string, ext: RegExp): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path, ext));
    else if (ext.test(name)) out.push(path);
  }
  return out;
}

/** Every URL match pattern anywhere in the manifest (hosts, content scripts, web resources). */
function matchPatterns(m: Json): { where: string; pattern: string }[] {
  const out: { where: string; pattern: string }[] = [];
  const add = (where: string, list: unknown) => {
    if (Array.isArray(list)) for (const p of list) out.push({ where, pattern: String(p) });
  };
  add('host_permissions', m.host_permissions);
  add('optional_host_permissions', m.optional_host_permissions);
  for (const cs of (m.content_scripts as Json[] | undefined) ?? []) {
    add('content_scripts.matches', cs.matches);
    add('content_scripts.include_globs', cs.include_globs);
  }
  for (const war of (m.web_accessible_resources as Json[] | undefined) ?? []) add('web_accessible_resources.matches', war.matches);
  // MV2-style permissions may carry host patterns too.
  for (const p of [...((m.permissions as string[]) ?? []), ...((m.optional_permissions as string[]) ?? [])]) {
    if (p.includes('://') || p === '<all_urls>') out.push({ where: 'permissions', pattern: p });
  }
  return out;
}

const built = targets().every((t) => Object.keys(t.manifest).length > 0);
if (!built) {
  console.warn(`least-privilege: SKIPPED — ${DIST}/chrome or ${DIST}/firefox has no manifest.json; run \`npm run build\` first (npm test always does).`);
}

describe.skipIf(!built)('least privilege of the built manifests', () => {
  for (const { name, dir, manifest } of targets()) {
    describe(name, () => {
      it('is Manifest V3', () => {
        expect(manifest.manifest_version).toBe(3);
      });

      it('has no <all_urls> and no host pattern outside the supported chat sites', () => {
        const text = JSON.stringify(manifest);
        expect(text).not.toContain('<all_urls>');
        const patterns = matchPatterns(manifest);
        expect(patterns.length, 'content scripts must match the chat sites').toBeGreaterThan(0);
        const bad = patterns.filter((p) => !CHAT_SITE_PATTERNS.has(p.pattern) && !(p.where.startsWith('web_accessible') && CHAT_SITE_ORIGINS.has(p.pattern)));
        expect(bad, `host patterns beyond the chat sites: ${JSON.stringify(bad)}`).toEqual([]);
      });

      it('asks only for allow-listed permissions', () => {
        const asked = [...((manifest.permissions as string[]) ?? []), ...((manifest.optional_permissions as string[]) ?? [])];
        const extra = asked.filter((p) => !(p in ALLOWED_PERMISSIONS));
        expect(extra, `permissions not on the allow-list: ${extra.join(', ')}`).toEqual([]);
      });

      it('has no externally_connectable, sandbox pages or update_url', () => {
        for (const field of ['externally_connectable', 'sandbox', 'update_url']) {
          expect(manifest[field], field).toBeUndefined();
        }
      });

      it('has a strict CSP for extension pages: scripts only from the package, no unsafe-eval', () => {
        const csp = manifest.content_security_policy as Json | undefined;
        // No CSP at all means the MV3 default (script-src 'self'), which is also strict.
        const pages = typeof csp?.extension_pages === 'string' ? csp.extension_pages : "script-src 'self'";
        expect(csp?.sandbox, 'sandbox CSP').toBeUndefined();
        const directives = new Map(
          pages
            .split(';')
            .map((d) => d.trim())
            .filter(Boolean)
            .map((d) => {
              const [k, ...v] = d.split(/\s+/);
              return [k.toLowerCase(), v.join(' ')] as const;
            }),
        );
        for (const key of ['script-src', 'script-src-elem', 'script-src-attr', 'worker-src', 'default-src', 'object-src']) {
          const value = directives.get(key);
          if (value === undefined) continue;
          expect(value, `${key} ${value}`).not.toMatch(REMOTE_OR_UNSAFE);
        }
        const connect = directives.get('connect-src');
        if (connect !== undefined) expect(connect, 'connect-src must not reach remote hosts').not.toMatch(/https?:|\*|wss?:/);
        expect(pages).not.toMatch(/unsafe-eval/);
      });

      it('loads every script from the package: background, content scripts and pages exist locally', () => {
        const bg = manifest.background as Json;
        const scripts = [
          ...(typeof bg?.service_worker === 'string' ? [bg.service_worker] : []),
          ...((bg?.scripts as string[]) ?? []),
          ...((manifest.content_scripts as Json[]) ?? []).flatMap((cs) => (cs.js as string[]) ?? []),
        ];
        expect(scripts.length).toBeGreaterThan(1);
        for (const s of scripts) {
          expect(s, 'no remote script').not.toMatch(/^[a-z]+:/i);
          expect(existsSync(join(dir, s)), `${s} exists in the build`).toBe(true);
        }
      });

      it('built HTML and JS reference no remote script, module or worker', () => {
        const offenders: string[] = [];
        for (const file of filesUnder(dir, /\.html$/)) {
          const html = readFileSync(file, 'utf8');
          for (const m of html.matchAll(/<(script|link|iframe)\b[^>]*\b(src|href)\s*=\s*["']?([^"'\s>]+)/gi)) {
            if (/^(https?:)?\/\//i.test(m[3])) offenders.push(`${file}: ${m[0]}`);
          }
        }
        for (const file of filesUnder(dir, /\.m?js$/)) {
          const js = readFileSync(file, 'utf8');
          const remote = js.match(/\b(import\s*\(\s*|importScripts\s*\(\s*|from\s*|new\s+Worker\s*\(\s*)["'`](https?:)?\/\/[^"'`]+/g);
          if (remote) offenders.push(`${file}: ${remote.join(' | ')}`);
          if (/\bfetch\s*\(\s*["'`]https?:/.test(js)) offenders.push(`${file}: fetch to a remote URL`);
        }
        expect(offenders, offenders.join('\n')).toEqual([]);
      });
    });
  }

  it('firefox: gecko id and data_collection_permissions { required: ["none"] }', () => {
    const ff = targets().find((t) => t.name === 'firefox')!.manifest;
    const gecko = (ff.browser_specific_settings as Json | undefined)?.gecko as Json | undefined;
    expect(typeof gecko?.id).toBe('string');
    expect(gecko?.data_collection_permissions).toEqual({ required: ['none'] });
  });
});

describe('the privilege checks themselves', () => {
  it('catch broad patterns and unsafe CSP sources', () => {
    const m = { host_permissions: ['<all_urls>', 'https://*/*'], content_scripts: [{ matches: ['https://chatgpt.com/*'] }] };
    const bad = matchPatterns(m).filter((p) => !CHAT_SITE_PATTERNS.has(p.pattern));
    expect(bad.map((b) => b.pattern)).toEqual(['<all_urls>', 'https://*/*']);
    for (const src of ["'self' 'unsafe-eval'", "'self' https://cdn.example", "'self' *", "'wasm-unsafe-eval'"]) {
      expect(src).toMatch(REMOTE_OR_UNSAFE);
    }
    expect("'self'").not.toMatch(REMOTE_OR_UNSAFE);
  });
});
