/**
 * What a Lighthouse run says costs the most, printed for an engineer (scripts/bench-lighthouse.ts):
 * the LCP element and its phases, the elements that shifted, the long tasks, the scripts'
 * main-thread time, unused and render-blocking bytes, and every other performance audit
 * that did not pass. Lighthouse's report details are JSON of several shapes; this reads
 * only the fields it prints, and prints nothing for an audit that is absent.
 */
import type { Result } from 'lighthouse';

/** A DOM node as Lighthouse describes it. */
interface NodeValue {
  readonly type: 'node';
  readonly selector?: string;
  readonly nodeLabel?: string;
  readonly snippet?: string;
}

type Item = Readonly<Record<string, unknown>>;

interface Details {
  readonly type?: string;
  readonly items?: readonly Item[];
}

const isNode = (value: unknown): value is NodeValue =>
  typeof value === 'object' && value !== null && (value as NodeValue).type === 'node';

function details(lhr: Result, id: string): Details | undefined {
  return lhr.audits[id]?.details as Details | undefined;
}

function items(lhr: Result, id: string): readonly Item[] {
  return details(lhr, id)?.items ?? [];
}

const num = (value: unknown): number => (typeof value === 'number' ? value : 0);
const ms = (value: unknown): string => `${num(value).toFixed(0)} ms`;
const kb = (value: unknown): string => `${(num(value) / 1024).toFixed(1)} KB`;

/** A URL without the server's origin, so the lines stay short. */
function short(url: unknown): string {
  if (typeof url !== 'string') return String(url);
  try {
    const parsed = new URL(url);
    return parsed.pathname + (parsed.hash.length > 40 ? '#…' : parsed.hash) || '/';
  } catch {
    return url;
  }
}

function describeNode(node: NodeValue): string {
  const label = (node.nodeLabel ?? node.snippet ?? '').replace(/\s+/g, ' ').slice(0, 70);
  return `${node.selector ?? '?'}  "${label}"`;
}

function section(title: string, lines: readonly string[]): void {
  if (lines.length === 0) return;
  console.log(`  ${title}`);
  for (const line of lines) console.log(`    ${line}`);
}

function lcp(lhr: Result): void {
  // A list of two tables: the element, then the phases (TTFB, load delay, render delay).
  const tables = items(lhr, 'largest-contentful-paint-element') as readonly Details[];
  const node = tables[0]?.items?.[0]?.node;
  const phases = (tables[1]?.items ?? []).map(
    (p) => `${String(p.phase)} ${ms(p.timing)} (${String(p.percent)})`,
  );
  section(`LCP element (${lhr.audits['largest-contentful-paint']?.displayValue ?? '?'})`, [
    ...(isNode(node) ? [describeNode(node)] : []),
    ...(phases.length > 0 ? [phases.join(', ')] : []),
  ]);
}

function layoutShifts(lhr: Result): void {
  const lines = items(lhr, 'layout-shifts').map((shift) => {
    const node = isNode(shift.node)
      ? describeNode(shift.node)
      : 'an element Lighthouse could not name';
    const causes = ((shift.subItems as Details | undefined)?.items ?? [])
      .map((c) => String(c.cause ?? (isNode(c.extra) ? describeNode(c.extra) : '')))
      .filter((c) => c !== '');
    return `${num(shift.score).toFixed(3)}  ${node}${causes.length > 0 ? `  (cause: ${causes.join('; ')})` : ''}`;
  });
  section(
    `Layout shifts (CLS ${lhr.audits['cumulative-layout-shift']?.displayValue ?? '?'})`,
    lines,
  );
}

function longTasks(lhr: Result): void {
  const tasks = [...items(lhr, 'long-tasks')].sort((a, b) => num(b.duration) - num(a.duration));
  section(
    `Long main-thread tasks (${tasks.length}; TBT ${lhr.audits['total-blocking-time']?.displayValue ?? '?'})`,
    tasks
      .slice(0, 8)
      .map(
        (t) => `${ms(t.duration).padStart(7)} at ${ms(t.startTime).padStart(7)}  ${short(t.url)}`,
      ),
  );
}

function scripts(lhr: Result): void {
  section(
    `JavaScript execution (${lhr.audits['bootup-time']?.displayValue ?? '?'}), main-thread time by script`,
    items(lhr, 'bootup-time')
      .slice(0, 6)
      .map(
        (s) =>
          `${ms(s.total).padStart(7)} total, ${ms(s.scripting)} running, ${ms(s.scriptParseCompile)} compiling  ${short(s.url)}`,
      ),
  );
  section(
    `Main-thread work (${lhr.audits['mainthread-work-breakdown']?.displayValue ?? '?'}), by kind`,
    items(lhr, 'mainthread-work-breakdown').map(
      (g) => `${ms(g.duration).padStart(7)}  ${String(g.groupLabel)}`,
    ),
  );
}

function bytes(lhr: Result): void {
  section(
    `Unused JavaScript (${lhr.audits['unused-javascript']?.displayValue ?? 'none'})`,
    items(lhr, 'unused-javascript').flatMap((file) => {
      const sources = [...((file.subItems as Details | undefined)?.items ?? [])]
        .sort((a, b) => num(b.sourceWastedBytes) - num(a.sourceWastedBytes))
        .slice(0, 5)
        .map(
          (s) => `      ${kb(s.sourceWastedBytes)} of ${kb(s.sourceBytes)}  ${String(s.source)}`,
        );
      return [
        `${kb(file.wastedBytes)} of ${kb(file.totalBytes)} unused  ${short(file.url)}`,
        ...sources,
      ];
    }),
  );
  section(
    'Render-blocking requests',
    items(lhr, 'render-blocking-resources').map(
      (r) => `${ms(r.wastedMs)} of blocking, ${kb(r.totalBytes)}  ${short(r.url)}`,
    ),
  );
  section(
    `Transferred (${lhr.audits['total-byte-weight']?.displayValue ?? '?'}), largest`,
    items(lhr, 'total-byte-weight')
      .slice(0, 5)
      .map((r) => `${kb(r.totalBytes).padStart(9)}  ${short(r.url)}`),
  );
}

function forcedReflows(lhr: Result): void {
  const tables = items(lhr, 'forced-reflow-insight') as readonly Details[];
  section(
    'Forced reflows (layout read back by script), by source',
    (tables[0]?.items ?? []).map((r) => {
      const source = r.source as { url?: string; line?: number; value?: string } | undefined;
      const where =
        source?.url === undefined
          ? String(source?.value ?? '?')
          : `${short(source.url)}:${String(source.line ?? '?')}`;
      return `${ms(r.reflowTime).padStart(7)}  ${where}`;
    }),
  );
}

interface ChainNode {
  readonly url: string;
  readonly navStartToEndTime: number;
  readonly transferSize: number;
  readonly isLongest?: boolean;
  readonly children?: Readonly<Record<string, ChainNode>>;
}

/** The longest chain of requests, each waiting on the one before it. */
function longestChain(lhr: Result): void {
  const tree = (items(lhr, 'network-dependency-tree-insight')[0]?.value ?? {}) as {
    chains?: Readonly<Record<string, ChainNode>>;
  };
  const lines: string[] = [];
  let level = Object.values(tree.chains ?? {});
  for (let node = level.find((n) => n.isLongest); node; node = level.find((n) => n.isLongest)) {
    lines.push(
      `${ms(node.navStartToEndTime).padStart(7)}  ${kb(node.transferSize).padStart(8)}  ${short(node.url)}`,
    );
    level = Object.values(node.children ?? {});
  }
  section('Longest request chain (each waits on the one above; time its end)', lines);
}

/** Audits printed above; the rest of the failing ones are listed by title. */
const EXPLAINED = new Set([
  'largest-contentful-paint-element',
  'layout-shifts',
  'long-tasks',
  'bootup-time',
  'mainthread-work-breakdown',
  'unused-javascript',
  'render-blocking-resources',
  'total-byte-weight',
  'forced-reflow-insight',
  'network-dependency-tree-insight',
  'cls-culprits-insight',
]);

function otherFindings(lhr: Result): void {
  const refs = lhr.categories.performance?.auditRefs ?? [];
  const lines = refs.flatMap((ref) => {
    const audit = lhr.audits[ref.id];
    if (audit === undefined || EXPLAINED.has(ref.id) || ref.group === 'metrics') return [];
    if (audit.score === null || audit.score >= 0.9) return [];
    if (audit.scoreDisplayMode === 'informative' || audit.scoreDisplayMode === 'manual') return [];
    return [`${audit.title}${audit.displayValue ? `: ${audit.displayValue}` : ''}  [${ref.id}]`];
  });
  section('Other audits that did not pass', lines);
}

/** Prints what the run says costs the most. */
export function explainRun(lhr: Result): void {
  console.log(
    `\n  What costs the most (the median run, score ${Math.round((lhr.categories.performance?.score ?? 0) * 100)}):`,
  );
  lcp(lhr);
  layoutShifts(lhr);
  longTasks(lhr);
  forcedReflows(lhr);
  scripts(lhr);
  bytes(lhr);
  longestChain(lhr);
  otherFindings(lhr);
  const warnings = lhr.runWarnings.map((w) => String(w));
  section('Lighthouse warnings', warnings);
}
