/**
 * The commands' argument reading: node:util `parseArgs` (strict, positionals allowed), with its
 * errors put in the CLI's own words ("unknown option --x", "--to needs a value"), so every
 * command says the same thing for the same mistake.
 */
import { parseArgs } from 'node:util';

export type OptionTypes = Record<string, { type: 'string' | 'boolean' }>;

type Values<O extends OptionTypes> = { [K in keyof O]?: O[K]['type'] extends 'string' ? string : boolean };

export interface ReadArgs<O extends OptionTypes> {
  values: Values<O>;
  positionals: string[];
}

/** The options and positionals of `args`, or the usage error as text. */
export function readArgs<O extends OptionTypes>(args: readonly string[], options: O): ReadArgs<O> | string {
  try {
    const { values, positionals } = parseArgs({ args: [...args], options, strict: true, allowPositionals: true });
    const empty = Object.keys(options).find((name) => (values as Record<string, unknown>)[name] === '');
    if (empty !== undefined) return `--${empty} needs a value`;
    return { values: values as Values<O>, positionals };
  } catch (err) {
    return usageError(err);
  }
}

function usageError(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const option = /'(-[^' ]*)/.exec(message)?.[1] ?? '';
  switch ((err as { code?: string }).code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${option}`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      // A string option without a value (or followed by another option), or a flag given one.
      return /does not take an argument/.test(message) ? `${option} does not take a value` : `${option} needs a value`;
    default:
      return message;
  }
}
