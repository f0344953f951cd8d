/**
 * Asks every scenario at every lab resolver, through the DoH fronts, with CD=0 and CD=1,
 * and asks delv for an independent verdict. Shared by `lab:check` and the lab tests.
 */
import { delvVerdict } from './delv';
import { dohQuery } from './doh-client';
import { flushUnboundCaches } from './flush';
import { scenarioResolvers, type LabManifest, type LabResolver } from './manifest';
import type { LabScenario } from './scenarios';

export interface LabRow {
  readonly scenario: string;
  readonly qname: string;
  readonly qtype: string;
  readonly resolver: string;
  readonly cd: boolean;
  /**
   * RFC 6895 mnemonic (`NOERROR`, `SERVFAIL` …), `HTTP <status>`, `timeout` (no answer
   * within the check's limit, CHECK_TIMEOUT_MS) or `transport-error`.
   */
  readonly rcode: string;
  readonly ad: boolean;
  /** EDE info-codes in the order the resolver sent them (RFC 8914). */
  readonly ede: readonly number[];
  /** EDE extra texts; they name key tags and addresses, so tables leave them out. */
  readonly edeTexts: readonly string[];
  /** Answer records as `<TYPE> <data>`. */
  readonly answers: readonly string[];
}

export interface DelvRow {
  readonly scenario: string;
  readonly qname: string;
  readonly qtype: string;
  readonly verdict: string;
}

/**
 * How long the check waits for one answer: the app's per-query limit (10 s), so a row says
 * what the app would see. The stuck front's SERVFAIL, 30 s late, shows as `timeout`.
 */
export const CHECK_TIMEOUT_MS = 10_000;

export interface CheckOptions {
  /** Only these scenario ids (all when absent). */
  readonly scenarios?: readonly string[];
  /** Empty the Unbound caches first (default true); see flush.ts for why. */
  readonly flush?: boolean;
}

async function ask(resolver: LabResolver, scenario: LabScenario, cd: boolean): Promise<LabRow> {
  const base = {
    scenario: scenario.id,
    qname: scenario.qname,
    qtype: scenario.qtype,
    resolver: resolver.id,
    cd,
  };
  const outcome = await dohQuery(
    resolver.dohUrl,
    { qname: scenario.qname, qtype: scenario.qtype, cd },
    CHECK_TIMEOUT_MS,
  );
  if (outcome.kind !== 'answer') {
    const rcode =
      outcome.kind === 'http-error'
        ? `HTTP ${outcome.status}`
        : outcome.kind === 'timeout'
          ? 'timeout'
          : 'transport-error';
    return { ...base, rcode, ad: false, ede: [], edeTexts: [], answers: [] };
  }
  const { answer } = outcome;
  return {
    ...base,
    rcode: answer.rcode,
    ad: answer.ad,
    ede: answer.ede.map((error) => error.code),
    edeTexts: answer.ede.map((error) => error.text),
    answers: answer.answers,
  };
}

function selected(manifest: LabManifest, options: CheckOptions): readonly LabScenario[] {
  const wanted = options.scenarios;
  return wanted === undefined
    ? manifest.scenarios
    : manifest.scenarios.filter((scenario) => wanted.includes(scenario.id));
}

/**
 * One row per scenario × its resolvers × CD, in manifest order. The Unbound caches are
 * emptied first (not unbound-stale's, flush.ts); then resolvers are asked in parallel, each
 * one's questions in sequence (CD=0 before CD=1), so every run fills each cache in the same
 * order and reads the same codes. A delaying front gets CD=0 and CD=1 at once: it only
 * holds back what its resolver said, and asking in turn would double the wait.
 */
export async function checkLab(
  manifest: LabManifest,
  options: CheckOptions = {},
): Promise<LabRow[]> {
  const scenarios = selected(manifest, options);
  if (options.flush !== false) await flushUnboundCaches();
  const resolvers = [...manifest.resolvers, ...manifest.extraResolvers];
  const perResolver = await Promise.all(
    resolvers.map(async (resolver) => {
      const rows: LabRow[] = [];
      for (const scenario of scenarios) {
        if (!scenario.resolvers.includes(resolver.id)) continue;
        if (resolver.servfailDelayMs !== undefined) {
          rows.push(...(await Promise.all([false, true].map((cd) => ask(resolver, scenario, cd)))));
        } else {
          rows.push(await ask(resolver, scenario, false));
          rows.push(await ask(resolver, scenario, true));
        }
      }
      return rows;
    }),
  );
  const rows = perResolver.flat();
  return scenarios.flatMap((scenario) =>
    scenarioResolvers(manifest, scenario).flatMap((resolver) =>
      rows.filter((row) => row.scenario === scenario.id && row.resolver === resolver.id),
    ),
  );
}

/** delv's verdict per scenario, fetched through the lab's non-validating resolver. */
export async function checkDelv(
  manifest: LabManifest,
  options: CheckOptions = {},
): Promise<DelvRow[]> {
  const source = manifest.resolvers.find((resolver) => !resolver.validating);
  if (source === undefined) throw new Error('delv needs a non-validating resolver in the lab');
  const rows: DelvRow[] = [];
  for (const scenario of selected(manifest, options)) {
    const verdict = await delvVerdict(source.udp, scenario);
    rows.push({ scenario: scenario.id, qname: scenario.qname, qtype: scenario.qtype, verdict });
  }
  return rows;
}
