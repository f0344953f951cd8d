/**
 * What BIND's `delv` concludes about each scenario: an independent validator run with the
 * lab's trust anchor, as a reference for the app's own verdicts.
 *
 * delv fetches everything through one resolver and validates itself. It is pointed at the
 * non-validating Unbound: a validating resolver answers SERVFAIL for bogus data, which
 * leaves delv with nothing but "resolution failed: failure" to report.
 */
import { runPaths } from './paths';
import { runTool } from './shell';

export interface DelvQuery {
  readonly qname: string;
  readonly qtype: string;
}

/** delv's own status comments (bin/delv/delv.c). */
const STATUS =
  /^; ((?:negative response, )?(?:fully validated|unsigned answer)|answer not validated)$/;
const FAILED = /^;; resolution failed: (.+)$/;
const VALIDATING = /^;;\s+validating (.+)$/;

/**
 * Condenses delv's output to one deterministic line: key tags (which change with every
 * `lab:up`) are dropped, and NXDOMAIN/NODATA show as a negative response with its kind.
 */
export function summarizeDelv(output: string): string {
  const lines = output.split('\n').map((line) => line.trimEnd());
  const statuses = lines.flatMap((line) => STATUS.exec(line)?.[1] ?? []);
  const failures = lines.flatMap((line) => FAILED.exec(line)?.[1] ?? []);
  const reason = lines
    .flatMap((line) => VALIDATING.exec(line)?.[1] ?? [])
    .map((text) => text.replace(/\s*\(keyid=\d+\)/g, '').replace(/\s+/g, ' '))[0];
  const negatives = failures.filter((failure) => failure.startsWith('ncache '));
  const parts = failures
    .filter((failure) => !failure.startsWith('ncache '))
    .map((failure, index) =>
      index === 0 && reason !== undefined
        ? `resolution failed: ${failure} (${reason})`
        : `resolution failed: ${failure}`,
    );
  for (const status of statuses) {
    const kind = negatives.map((negative) => negative.slice('ncache '.length)).join(', ');
    parts.push(status.startsWith('negative') && kind !== '' ? `${status} (${kind})` : status);
  }
  return parts.length > 0
    ? parts.join('; ')
    : `no verdict: ${lines.find((line) => line !== '') ?? 'no output'}`;
}

/** Runs `delv @host -p port -a <lab anchors> <qname> <qtype>` and summarises it. */
export async function delvVerdict(resolverUdp: string, query: DelvQuery): Promise<string> {
  const [host, port] = resolverUdp.split(':');
  if (host === undefined || port === undefined)
    throw new Error(`bad resolver address ${resolverUdp}`);
  const result = await runTool(
    'delv',
    [`@${host}`, '-p', port, '-a', runPaths.delvAnchors, '+nocrypto', query.qname, query.qtype],
    { timeoutMs: 30_000 },
  );
  return summarizeDelv(`${result.stdout}\n${result.stderr}`);
}
