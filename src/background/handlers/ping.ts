import type { Handler } from './types.ts';

export const ping: Handler<'ping'> = async (_m, ctx) => ({ ok: true, version: ctx.version, detectorVersion: ctx.analyzer.version });
