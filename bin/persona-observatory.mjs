#!/usr/bin/env node
// CLI entry: runs the TypeScript CLI through tsx so Node uses the very same core as the extension.
import { register } from 'tsx/esm/api';
register();
await import('../src/cli/index.ts');
