import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';
import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import { readFileSync } from 'node:fs';
import { browserManifest, type BuildTarget } from './scripts/manifest-for-target.ts';
import { contentScriptAsClassicFile, withoutContentScriptFiles } from './scripts/content-script-build.ts';

// One manifest source (manifest.json), two builds: TARGET=firefox → dist/firefox, else dist/chrome.
const target: BuildTarget = process.env.TARGET === 'firefox' ? 'firefox' : 'chrome';
const source = JSON.parse(readFileSync(new URL('./manifest.json', import.meta.url), 'utf8'));
const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const full = browserManifest(source, target, pkg.version);
const manifest = withoutContentScriptFiles(full) as unknown as ManifestV3Export;
const outDir = `dist/${target}`;

export default defineConfig({
  // Content scripts (isolated and main-world) are built apart, each as one classic file
  // (scripts/content-script-build.ts).
  plugins: [preact(), crx({ manifest, browser: target }), contentScriptAsClassicFile(outDir, full.content_scripts)],
  build: {
    outDir,
    emptyOutDir: true,
    sourcemap: false,
    // No inlined data: URLs for assets: the CSP allows them for images only.
    assetsInlineLimit: 0,
    // The annotation frame is a page the manifest names only as web-accessible: build it too.
    rollupOptions: { input: { annotate: 'src/ui/annotate/index.html' } },
  },
  // Dashboard workers (src/ui/adapters/core.worker.ts) as ES modules, like the pages: in the
  // default IIFE format, bundled CommonJS/UMD deps (pluralize, under syllable) export nothing.
  worker: { format: 'es' },
  server: { cors: { origin: [/chrome-extension:\/\//] } },
});
