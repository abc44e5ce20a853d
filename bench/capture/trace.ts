/**
 * Attributes main-thread time in a Chrome trace to the extension's content script.
 *
 * Method: the trace carries V8 CPU samples of the page's renderer main thread
 * (category disabled-by-default-v8.cpu_profiler, ~0.2 ms apart). A sample counts as ours when
 * any frame of its stack has a chrome-extension:// script URL — so DOM calls made from our
 * code (querySelectorAll, textContent, ...) count, and the site's own code does not. Each
 * sample weighs the time to the next sample. Compiling our modules (v8.compile* trace events
 * with our URL) is added. Tasks are the top-level RunTask events of that thread; a task is
 * "ours" when it holds at least one of our samples, and its full duration is reported (it may
 * include a little of the browser's own work in the same task). Not attributed: garbage
 * collection triggered by our allocations (V8 samples GC as its own root).
 */

export interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  id?: string;
  args?: Record<string, unknown>;
}

interface CallFrame {
  functionName: string;
  url?: string;
  lineNumber?: number;
}
interface ProfileNode {
  id: number;
  parent?: number;
  callFrame: CallFrame;
}

export interface TaskCost {
  start: number;
  durMs: number;
  /** Our share of the task, from samples (wall-clock time while our code was on the stack). */
  oursMs: number;
  /** The task's thread CPU time (tdur): below durMs when the thread was descheduled mid-task. */
  cpuMs: number;
  /** Our time in this task by function (as in TraceReport.byFunction). */
  functions: Map<string, number>;
}

export interface PhaseCost {
  name: string;
  durMs: number;
  oursMs: number;
  /** oursMs scaled per task by CPU/wall time: our CPU time when other processes compete for the cores. */
  oursCpuMs: number;
  tasks: TaskCost[];
}

export interface TraceReport {
  phases: PhaseCost[];
  compileMs: number;
  /** Our time by the nearest extension function of each sample (self + the native calls it made). */
  byFunction: Array<{ name: string; ms: number }>;
  sampleIntervalMs: number;
}

const OURS = 'chrome-extension://';
const MAX_SAMPLE_WEIGHT_US = 1000;

function data(e: TraceEvent): Record<string, unknown> {
  return (e.args?.data ?? {}) as Record<string, unknown>;
}

/** Time stamps written by console.timeStamp(name) in the page: the phase boundaries. */
export function marksOf(events: TraceEvent[], prefix: string): Map<string, TraceEvent> {
  const marks = new Map<string, TraceEvent>();
  for (const e of events) {
    const message = data(e).message;
    if (e.name === 'TimeStamp' && typeof message === 'string' && message.startsWith(prefix)) marks.set(message.slice(prefix.length), e);
  }
  return marks;
}

interface Sample {
  ts: number;
  weight: number;
  node: number;
}

function samplesOf(events: TraceEvent[], pid: number, tid: number): { nodes: Map<number, ProfileNode>; samples: Sample[] } {
  const profile = events.find((e) => e.name === 'Profile' && e.pid === pid && e.tid === tid);
  if (!profile) throw new Error('no CPU profile for the page main thread in the trace');
  const nodes = new Map<number, ProfileNode>();
  const raw: Array<{ ts: number; node: number }> = [];
  let ts = Number(data(profile).startTime);
  for (const e of events) {
    if (e.name !== 'ProfileChunk' || e.pid !== pid || e.id !== profile.id) continue;
    const d = data(e);
    const cpu = (d.cpuProfile ?? {}) as { nodes?: ProfileNode[]; samples?: number[] };
    for (const n of cpu.nodes ?? []) nodes.set(n.id, n);
    const deltas = (d.timeDeltas ?? []) as number[];
    (cpu.samples ?? []).forEach((node, i) => {
      ts += deltas[i] ?? 0;
      raw.push({ ts, node });
    });
  }
  raw.sort((a, b) => a.ts - b.ts);
  const samples = raw.map((s, i) => ({
    ...s,
    weight: Math.min(MAX_SAMPLE_WEIGHT_US, Math.max(0, (raw[i + 1]?.ts ?? s.ts) - s.ts)),
  }));
  return { nodes, samples };
}

function topLevelTasks(events: TraceEvent[], pid: number, tid: number): TraceEvent[] {
  const tasks = events.filter((e) => e.name === 'RunTask' && e.ph === 'X' && e.pid === pid && e.tid === tid).sort((a, b) => a.ts - b.ts);
  const out: TraceEvent[] = [];
  for (const t of tasks) {
    const last = out[out.length - 1];
    if (last && t.ts < last.ts + (last.dur ?? 0)) continue; // nested task
    out.push(t);
  }
  return out;
}

function taskAt(tasks: TraceEvent[], ts: number): TraceEvent | null {
  let lo = 0;
  let hi = tasks.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const t = tasks[mid];
    if (ts < t.ts) hi = mid - 1;
    else if (ts > t.ts + (t.dur ?? 0)) lo = mid + 1;
    else return t;
  }
  return null;
}

/**
 * Splits the page main thread's work into phases between the named marks (in order) and
 * attributes our share of it. `phaseMarks[0]` starts the first phase.
 */
export function attribute(events: TraceEvent[], markPrefix: string, phaseMarks: string[]): TraceReport {
  const marks = marksOf(events, markPrefix);
  const first = marks.get(phaseMarks[0]);
  if (!first) throw new Error(`mark ${phaseMarks[0]} not in the trace`);
  const { pid, tid } = first;
  const { nodes, samples } = samplesOf(events, pid, tid);
  const tasks = topLevelTasks(events, pid, tid);

  // Nearest frame of ours for each node (null when the stack has none), memoised.
  const oursOf = new Map<number, ProfileNode | null>();
  const nearestOurs = (id: number): ProfileNode | null => {
    if (oursOf.has(id)) return oursOf.get(id)!;
    const node = nodes.get(id);
    let found: ProfileNode | null = null;
    if (node) found = node.callFrame.url?.startsWith(OURS) ? node : node.parent !== undefined ? nearestOurs(node.parent) : null;
    oursOf.set(id, found);
    return found;
  };

  const bounds = phaseMarks.map((m) => {
    const e = marks.get(m);
    if (!e) throw new Error(`mark ${m} not in the trace`);
    return e.ts;
  });
  const phases: PhaseCost[] = phaseMarks.slice(0, -1).map((name, i) => ({
    name: `${name} → ${phaseMarks[i + 1]}`,
    durMs: (bounds[i + 1] - bounds[i]) / 1000,
    oursMs: 0,
    oursCpuMs: 0,
    tasks: [],
  }));
  const phaseAt = (ts: number) => {
    for (let i = 0; i < phases.length; i++) if (ts >= bounds[i] && ts < bounds[i + 1]) return phases[i];
    return null;
  };
  const taskCosts = new Map<TraceEvent, TaskCost>();
  const byFunction = new Map<string, number>();
  let intervalSum = 0;
  for (const s of samples) {
    intervalSum += s.weight;
    const frame = nearestOurs(s.node);
    if (!frame) continue;
    const phase = phaseAt(s.ts);
    if (!phase) continue;
    const ms = s.weight / 1000;
    phase.oursMs += ms;
    const file = frame.callFrame.url?.split('/').pop() ?? '';
    const key = `${frame.callFrame.functionName || '(anonymous)'} (${file}:${(frame.callFrame.lineNumber ?? 0) + 1})`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + ms);
    const task = taskAt(tasks, s.ts);
    if (!task) continue;
    let cost = taskCosts.get(task);
    if (!cost) {
      const tdur = (task as TraceEvent & { tdur?: number }).tdur;
      cost = { start: task.ts, durMs: (task.dur ?? 0) / 1000, oursMs: 0, cpuMs: (tdur ?? task.dur ?? 0) / 1000, functions: new Map() };
      taskCosts.set(task, cost);
      phase.tasks.push(cost);
    }
    cost.oursMs += ms;
    cost.functions.set(key, (cost.functions.get(key) ?? 0) + ms);
  }
  let compileMs = 0;
  for (const e of events) {
    if (e.pid !== pid || e.tid !== tid || !e.name.startsWith('v8.compile')) continue;
    const url = data(e).url;
    if (typeof url === 'string' && url.startsWith(OURS)) compileMs += (e.dur ?? 0) / 1000;
  }
  for (const p of phases) p.oursCpuMs = p.tasks.reduce((sum, t) => sum + (t.durMs > 0 ? t.oursMs * Math.min(1, t.cpuMs / t.durMs) : t.oursMs), 0);
  return {
    phases,
    compileMs,
    byFunction: [...byFunction].map(([name, ms]) => ({ name, ms })).sort((a, b) => b.ms - a.ms),
    sampleIntervalMs: samples.length ? intervalSum / samples.length / 1000 : 0,
  };
}
