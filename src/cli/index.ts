/**
 * persona-observatory CLI: the same core, sites and formats as the extension, in Node.
 * Each command lives in its own file and exports `run(args): Promise<number>` (exit code).
 */
import { guardTerminal } from './io.ts';

type CommandModule = { run(args: string[]): Promise<number>; usage: string };

const COMMANDS: Record<string, () => Promise<CommandModule>> = {
  extract: () => import('./extract.ts'),
  label: () => import('./label.ts'),
  convert: () => import('./convert.ts'),
  analyze: () => import('./analyze.ts'),
};

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    const lines = ['usage: persona-observatory <command> [options]', '', 'commands:'];
    for (const load of Object.values(COMMANDS)) lines.push('  ' + (await load()).usage);
    console.log(lines.join('\n'));
    return name ? 0 : 2;
  }
  const load = COMMANDS[name];
  if (!load) {
    console.error(`persona-observatory: unknown command "${name}" (try --help)`);
    return 2;
  }
  return (await load()).run(rest);
}

// Captured text reaches the terminal only with its control characters escaped.
guardTerminal(process.stdout);
guardTerminal(process.stderr);

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(`persona-observatory: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  },
);
