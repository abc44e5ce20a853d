/**
 * CPU-time measurement for benchmarks on a shared machine: wall time includes waiting for a core
 * (at load average 10 on 2 cores, most of it), CPU time (process.cpuUsage: user + system of this
 * process, GC threads included) is the work done. Medians with a distribution-free 95% interval.
 */
import { cpus, loadavg } from 'node:os';

const cpuMs = (c: NodeJS.CpuUsage) => (c.user + c.system) / 1000;

export interface CpuTiming {
  /** CPU ms per run (after the warm-up), in run order. */
  cpu: number[];
  wall: number[];
  /** CPU ms of the warm-up run (JIT; new word types enter the feature engine's word table). */
  firstCpu: number;
}

/** One warm-up run of fn, then `runs` timed runs. */
export function timeCpu(fn: () => void, runs: number): CpuTiming {
  const c0 = process.cpuUsage();
  fn();
  const firstCpu = cpuMs(process.cpuUsage(c0));
  const cpu: number[] = [];
  const wall: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    fn();
    wall.push(performance.now() - t);
    cpu.push(cpuMs(process.cpuUsage(c)));
  }
  return { cpu, wall, firstCpu };
}

export interface MedianInterval {
  median: number;
  /** 95% confidence interval of the median from order statistics (binomial ranks); needs n ≥ 6. */
  low: number;
  high: number;
  n: number;
}

export function medianInterval(xs: readonly number[]): MedianInterval {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  const half = (1.96 * Math.sqrt(n)) / 2;
  const lo = Math.max(0, Math.floor(n / 2 - half) - 1);
  const hi = Math.min(n - 1, Math.ceil(n / 2 + half) - 1);
  const median = n % 2 ? s[n >> 1] : (s[n / 2 - 1] + s[n / 2]) / 2;
  return { median, low: s[lo], high: s[hi], n };
}

export const formatInterval = (m: MedianInterval, digits = 1) => `${m.median.toFixed(digits)} [${m.low.toFixed(digits)}–${m.high.toFixed(digits)}]`;

/** The machine and its load, for the first and last lines of a benchmark's output. */
export function machineLine(): string {
  const [one, five, fifteen] = loadavg();
  return `machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, Node ${process.versions.node}; load average ${one.toFixed(1)} / ${five.toFixed(1)} / ${fifteen.toFixed(1)} (1 / 5 / 15 min)`;
}
