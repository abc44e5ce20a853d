import { defineConfig } from 'vitest/config';
import preact from '@preact/preset-vite';

// Separate from vite.config.ts: the crx() plugin is not wanted in tests.
// Default environment is node (core, store, formats, CLI); DOM tests opt in
// with a `// @vitest-environment happy-dom` header.
export default defineConfig({
  plugins: [preact()],
  test: {
    environment: 'node',
    include: ['tests/unit/**/*.test.{ts,tsx}'],
    setupFiles: ['tests/unit/setup.ts'],
    pool: 'threads',
    testTimeout: 30_000,
  },
});
