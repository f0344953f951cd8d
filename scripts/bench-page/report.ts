/**
 * What `npm run bench:page` prints: one row per kind of run (medians), the definitions, and
 * issue 14's goals (deliverable 4) beside the measured values. A benchmark, not a test: an
 * unmet goal is printed, never turned into a failure.
 */
import { median } from '../bench-worker';
import type { MainThread } from './in-page';

export const PHASES = ['shell', 'worker', 'first', 'last', 'verdict', 'settled'] as const;
export type Phase = (typeof PHASES)[number];

/** One run of one kind, ms from its start (navigation, or the click on Check). */
export interface Measure {
  readonly phases: Partial<Record<Phase, number>>;
  /** Length of the union of the DoH requests' in-flight intervals, up to the verdict. */
  readonly network: number;
  /** The same with each interval running to Chromium's response end (the body taken). */
  readonly networkToEnd: number;
  /** The shortest time from a request's start to its answer (≥ the fronts' delay). */
  readonly quickest: number | undefined;
  /** Separate pieces of that union (bursts of requests). */
  readonly bursts: number;
  readonly requests: number;
  /** Of the requests, those the page cancelled (counted in the network time till the cancel). */
  readonly cancelled: number;
  readonly failed: number;
  readonly mainThread: MainThread;
}

export interface Row {
  readonly label: string;
  readonly runs: readonly Measure[];
}

const LABEL_WIDTH = 26;
const CELL = 8;

function medianOf(runs: readonly Measure[], pick: (run: Measure) => number | undefined) {
  const values = runs.flatMap((run) => {
    const value = pick(run);
    return value === undefined ? [] : [value];
  });
  return values.length === 0 ? undefined : median(values);
}

/** The app's own time to the painted verdict: verdict − network. */
export function appTime(run: Measure): number | undefined {
  return run.phases.verdict === undefined ? undefined : run.phases.verdict - run.network;
}

function cell(value: number | undefined, digits = 0, width = CELL): string {
  return (value === undefined ? '–' : value.toFixed(digits)).padStart(width);
}

/** A count's median: whole, or a half between two runs. */
function count(value: number | undefined, width = CELL): string {
  return cell(value, value !== undefined && !Number.isInteger(value) ? 1 : 0, width);
}

const HEADER = [...PHASES, 'network', 'app time', 'long>50', 'longest', 'CLS'];

export function tableLines(rows: readonly Row[]): string[] {
  const lines = [`  ${''.padEnd(LABEL_WIDTH)}${HEADER.map((h) => h.padStart(CELL + 1)).join('')}`];
  for (const { label, runs } of rows) {
    const phases = PHASES.map((phase) => cell(medianOf(runs, (r) => r.phases[phase])));
    const rest = [
      cell(medianOf(runs, (r) => (r.requests === 0 ? undefined : r.network))),
      cell(medianOf(runs, appTime)),
      count(medianOf(runs, (r) => r.mainThread.longTasks)),
      cell(medianOf(runs, (r) => r.mainThread.longestTask)),
      cell(
        medianOf(runs, (r) => r.mainThread.cls),
        3,
      ),
    ];
    lines.push(
      `  ${label.padEnd(LABEL_WIDTH)}${[...phases, ...rest].map((c) => ` ${c}`).join('')}`,
    );
  }
  return lines;
}

/** One run's figures on one line (VERBOSE=1). */
export function runLine(label: string, run: Measure): string {
  const phases = PHASES.map((phase) => `${phase} ${cell(run.phases[phase], 0, 0)}`);
  const { longTasks, longestTask, cls } = run.mainThread;
  return [
    `  ${label}:`,
    ...phases,
    `network ${run.network.toFixed(0)}, to response end ${run.networkToEnd.toFixed(0)}`,
    `(${run.requests} requests, ${run.cancelled} cancelled, ${run.bursts} bursts)`,
    `long tasks ${longTasks} (longest ${longestTask.toFixed(0)})`,
    `CLS ${cls.toFixed(3)} (with input’s ${run.mainThread.allShifts.toFixed(3)})`,
  ].join(' ');
}

const DETAIL_HEADER = ['DoH', 'cancelled', 'bursts', 'quickest', 'to end', 'all shifts'];

/**
 * The second table (medians): DoH requests, those the page cancelled, bursts (pieces of
 * the union), the quickest answer, the network time to Chromium's response end, and the
 * layout shifts with those after input; then any failed request (a total).
 */
export function detailLines(rows: readonly Row[]): string[] {
  const width = 11;
  const lines = [
    `  ${''.padEnd(LABEL_WIDTH)}${DETAIL_HEADER.map((h) => h.padStart(width)).join('')}`,
  ];
  for (const { label, runs } of rows) {
    const asked = (pick: (run: Measure) => number | undefined) =>
      medianOf(runs, (r) => (r.requests === 0 ? undefined : pick(r)));
    const cells = [
      count(
        medianOf(runs, (r) => r.requests),
        width,
      ),
      count(
        asked((r) => r.cancelled),
        width,
      ),
      count(
        asked((r) => r.bursts),
        width,
      ),
      cell(
        asked((r) => r.quickest),
        0,
        width,
      ),
      cell(
        asked((r) => r.networkToEnd),
        0,
        width,
      ),
      cell(
        medianOf(runs, (r) => r.mainThread.allShifts),
        3,
        width,
      ),
    ];
    lines.push(`  ${label.padEnd(LABEL_WIDTH)}${cells.join('')}`);
    const failed = runs.reduce((sum, r) => sum + r.failed, 0);
    if (failed > 0) lines.push(`  ${''.padEnd(LABEL_WIDTH)}${failed} DoH requests failed in all`);
  }
  return lines;
}

export const FOOTNOTE = [
  'shell: the search box is in the document; worker: the worker chunk has arrived; first: the',
  'first DoH request is sent; last: the last DoH answer is in; verdict: the verdict is painted',
  '(two frames after its final id); settled: the evidence link is in the page and painted.',
  'network: the time during which at least one DoH request of the check was in flight, up to',
  'the verdict: the length of the union of the requests’ intervals, each from the request’s',
  'start to its answer’s arrival (Chromium’s request timing: startTime to responseStart; the',
  'fronts send headers and answer in one write). Gaps between waves, when nothing is in',
  'flight, are the app’s own time, not network. app time = verdict − network.',
  'long>50: main-thread long tasks (Long Tasks API, over 50 ms) overlapping the span;',
  'longest: the longest of them; CLS: the sum of the layout shifts without recent input',
  '(Layout Instability API) in the span. The span runs from the navigation (cold, evidence',
  'link) or the click on Check (warm) to settled.',
  'Second table: DoH requests; those the page cancelled (most after their answer was in;',
  'counted like the others); bursts (separate pieces of the union); the quickest answer (at',
  'least the fronts’ delay); "to end": the network time if each request ran to Chromium’s',
  'response end, which comes when the page’s thread takes the body, later while the app is',
  'busy (so it counts some of the app’s time as network); all shifts: CLS with the shifts',
  'in the 500 ms after the click on Check too, which CLS leaves out as expected after input.',
];

export interface Goal {
  readonly text: string;
  /** Row label and the median measured there. */
  readonly measured: readonly (readonly [string, number | undefined])[];
  readonly met: (value: number) => boolean;
  readonly digits?: number;
}

export function goalLines(goals: readonly Goal[]): string[] {
  return goals.flatMap(({ text, measured, met, digits = 0 }) => {
    const all = measured.every(([, value]) => value !== undefined && met(value));
    const values = measured.map(
      ([label, value]) => `${label} ${value === undefined ? '–' : value.toFixed(digits)}`,
    );
    return [`  ${text.padEnd(58)} ${all ? 'met' : 'not met'}`, `      ${values.join('; ')}`];
  });
}

/** The median of one figure in a row, for the goals. */
export function rowMedian(row: Row, pick: (run: Measure) => number | undefined) {
  return medianOf(row.runs, pick);
}
