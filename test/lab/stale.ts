/**
 * Serve-stale (RFC 8767) needs a cache that holds data its authority can no longer give.
 * lab:up primes unbound-stale with everything the app asks about `www.stale.lab. A`, takes
 * stale.lab.'s only server off the air, and waits until the cached data has expired and
 * the resolver answers from it with EDE 3 (Stale Answer, RFC 8914 §4.4).
 *
 * The server goes silent by losing its address: lab:up removes 127.53.0.8 from `lo`, named
 * closes its sockets there (automatic interface scan), and since 127.0.0.0/8 stays routed
 * to `lo`, every resolver's query gets an ICMP port-unreachable at once, as for dead.lab.
 * Other resolvers, which never cached stale.lab., answer SERVFAIL without delay.
 */
import { connect } from 'node:net';
import { planFirstWave } from '../../src/investigate/plan';
import { forwardQuery } from './doh-forward';
import { removeLoopbackAddress } from './loopback';
import { AUTH_PORT, authServer, RESOLVER_HOST, resolverSpec } from './topology';
import { buildQuery, summarizeAnswer, type AnswerSummary } from './wire';
import { labZone } from './zones';

export const STALE_RESOLVER = 'unbound-stale';
export const STALE_ZONE = 'stale.lab.';
export const STALE_QNAME = 'www.stale.lab.';
/** RFC 8914 §4.4. */
export const EDE_STALE_ANSWER = 3;

export interface PrimedQuestion {
  readonly qname: string;
  readonly qtype: string;
}

/**
 * The app's first wave for `www.stale.lab. A` (src/investigate/plan.ts: the target, and
 * DNSKEY, DS and NS of every name on the path), the addresses of the zone's name servers
 * (its follow-up wave) and the zone's SOA. Each is asked with CD=0 and CD=1.
 */
export function primedQuestions(): PrimedQuestion[] {
  const planned = planFirstWave({ name: STALE_QNAME, type: 'A' }, [STALE_RESOLVER]).map(
    (query) => ({ qname: query.question.name, qtype: query.question.type }),
  );
  const hosts = labZone(STALE_ZONE).nameservers.flatMap(({ host }) => [
    { qname: host, qtype: 'A' },
    { qname: host, qtype: 'AAAA' },
  ]);
  const all = [...planned, ...hosts, { qname: STALE_ZONE, qtype: 'SOA' }];
  const seen = new Set<string>();
  return all.filter(({ qname, qtype }) => {
    const key = `${qname.toLowerCase()}|${qtype}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function staleUpstream(): { host: string; port: number } {
  return { host: RESOLVER_HOST, port: resolverSpec(STALE_RESOLVER).port };
}

/** One question to unbound-stale over UDP (TCP when truncated), DO=1. */
export async function askStale(question: PrimedQuestion, cd: boolean): Promise<AnswerSummary> {
  const query = buildQuery({ qname: question.qname, qtype: question.qtype, cd });
  return summarizeAnswer(await forwardQuery(staleUpstream(), query, 3000));
}

export function isStale(answer: AnswerSummary): boolean {
  return answer.ede.some((error) => error.code === EDE_STALE_ANSWER);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolvePromise) => setTimeout(resolvePromise, ms));
}

/** Whether anything accepts a TCP connection on the address's port 53 right now. */
function acceptsTcp(address: string): Promise<boolean> {
  return new Promise((resolvePromise) => {
    const socket = connect({ host: address, port: AUTH_PORT });
    socket.setTimeout(1000, () => finish(true));
    socket.once('connect', () => finish(true));
    socket.once('error', () => finish(false));
    function finish(accepted: boolean): void {
      socket.destroy();
      resolvePromise(accepted);
    }
  });
}

async function until(
  what: string,
  timeoutMs: number,
  condition: () => Promise<boolean>,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`serve-stale: ${what} after ${timeoutMs} ms`);
    await sleep(100);
  }
}

export interface StaleReport {
  readonly primed: number;
  /** Questions answered from expired data (EDE 3) when asked again after the silence. */
  readonly servedStale: number;
  readonly elapsedMs: number;
}

/** Primes unbound-stale, silences stale.lab.'s server, waits for stale answers. */
export async function primeStale(): Promise<StaleReport> {
  const started = Date.now();
  const questions = primedQuestions();
  const primed = await Promise.all(
    questions.map(async (question) => [
      await askStale(question, false),
      await askStale(question, true),
    ]),
  );
  const failed = questions.filter((_question, index) =>
    (primed[index] ?? []).some((answer) => answer.rcode === 'SERVFAIL'),
  );
  if (failed.length > 0) {
    const names = failed.map(({ qname, qtype }) => `${qname} ${qtype}`).join(', ');
    throw new Error(`serve-stale: priming unbound-stale failed for ${names}`);
  }

  const { address } = authServer('stale');
  await removeLoopbackAddress(address);
  await until(`named still accepts connections on ${address}`, 5000, async () => {
    return !(await acceptsTcp(address));
  });
  // While the primed answers expire (cache-max-ttl 1 s: one to two seconds), a name that
  // was never cached sends unbound-stale to the silent server, and its first try takes
  // ~2 s. Afterwards its infrastructure cache knows the server is down, so each refresh
  // attempt fails at once and the stale answer follows without the 1.8 s client timer.
  const learned = askStale({ qname: `gone.${STALE_ZONE}`, qtype: 'A' }, false).catch(() => null);
  const target = { qname: STALE_QNAME, qtype: 'A' };
  await until(`no stale answer (EDE 3) for ${STALE_QNAME}`, 10_000, async () =>
    isStale(await askStale(target, false)),
  );
  await learned;
  // Every primed question once more, so the cache is in the state tests will find: what
  // a refresh attempt replaces (the referral from lab.) has been replaced already.
  const again = await Promise.all(
    questions.map(async (question) => [
      await askStale(question, false),
      await askStale(question, true),
    ]),
  );
  return {
    primed: questions.length * 2,
    servedStale: again.flat().filter(isStale).length,
    elapsedMs: Date.now() - started,
  };
}
