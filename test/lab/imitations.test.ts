/**
 * The public resolvers' behaviours the lab imitates (README, "Real-world behaviours
 * imitated"), checked against the real servers: how long a slow failure takes, that the
 * serve-stale resolver keeps serving its expired answer however often it is asked, and
 * what a filtering resolver's answers look like on the wire. Needs `npm run lab:up`.
 */
import { connect } from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import { dohQuery, type DohOutcome } from './doh-client';
import { forwardQuery } from './doh-forward';
import { labResolver, loadLabManifest, type LabResolver } from './manifest';
import { AUTH_PORT, authServer, FORGED_ADDRESS } from './topology';
import { buildQuery, decodeMessage, summarizeAnswer, type DecodedMessage } from './wire';

const manifest = loadLabManifest();
const slow = labResolver(manifest, 'slow');
const stuck = labResolver(manifest, 'stuck');
const stale = labResolver(manifest, 'unbound-stale');
const filter = labResolver(manifest, 'unbound-filter');

interface Timed {
  readonly outcome: DohOutcome;
  readonly ms: number;
}

async function timedDoh(resolver: LabResolver, qname: string, timeoutMs: number): Promise<Timed> {
  const started = performance.now();
  const outcome = await dohQuery(resolver.dohUrl, { qname, qtype: 'A', cd: false }, timeoutMs);
  return { outcome, ms: performance.now() - started };
}

function rcodeOf(outcome: DohOutcome): string {
  return outcome.kind === 'answer' ? outcome.answer.rcode : outcome.kind;
}

/** One question straight to a resolver's UDP port (as dig would), decoded in full. */
async function askUdp(
  resolver: LabResolver,
  qname: string,
  qtype = 'A',
  cd = false,
): Promise<{ message: DecodedMessage; ede: readonly number[] }> {
  const [host = '', port = ''] = resolver.udp.split(':');
  const bytes = await forwardQuery(
    { host, port: Number(port) },
    buildQuery({ qname, qtype, cd }),
    5000,
  );
  return {
    message: decodeMessage(bytes),
    ede: summarizeAnswer(bytes).ede.map((error) => error.code),
  };
}

// The stuck front's 30 s run beside the rest of this file instead of after it.
let stuckDead: Promise<Timed>;
beforeAll(() => {
  stuckDead = timedDoh(stuck, 'www.dead.lab.', 40_000);
});

describe('slow failure: delaying fronts in front of the validating Unbound', () => {
  it('the manifest lists them with their delays', () => {
    expect([slow.servfailDelayMs, stuck.servfailDelayMs]).toEqual([6000, 30_000]);
    expect([slow.validating, slow.implementation]).toEqual([true, 'unbound']);
  });

  it('slow: the SERVFAIL for dead.lab arrives after 6 s', async () => {
    const { outcome, ms } = await timedDoh(slow, 'www.dead.lab.', 10_000);
    expect(rcodeOf(outcome)).toBe('SERVFAIL');
    expect(ms).toBeGreaterThanOrEqual(6000);
    expect(ms).toBeLessThan(7500);
  });

  it('slow: other answers pass at once', async () => {
    const { outcome, ms } = await timedDoh(slow, 'www.alg13.lab.', 10_000);
    expect(rcodeOf(outcome)).toBe('NOERROR');
    expect(ms).toBeLessThan(1500);
  });

  it('stuck: an answer that is not SERVFAIL passes at once', async () => {
    const { outcome, ms } = await timedDoh(stuck, 'nonexistent.lab.', 10_000);
    expect(rcodeOf(outcome)).toBe('NXDOMAIN');
    expect(ms).toBeLessThan(1500);
  });

  it('unbound itself answers the same question SERVFAIL without the wait', async () => {
    const { outcome, ms } = await timedDoh(
      labResolver(manifest, 'unbound'),
      'www.dead.lab.',
      10_000,
    );
    expect(rcodeOf(outcome)).toBe('SERVFAIL');
    // A first try at a dead server takes Unbound ~2.3 s (README, "Surprises").
    expect(ms).toBeLessThan(4000);
  });
});

describe('serve-stale (RFC 8767): unbound-stale', () => {
  it('stale.lab.’s server no longer accepts connections', async () => {
    const refused = await new Promise<boolean>((resolvePromise) => {
      const socket = connect({ host: authServer('stale').address, port: AUTH_PORT });
      socket.once('connect', () => {
        socket.destroy();
        resolvePromise(false);
      });
      socket.once('error', () => resolvePromise(true));
    });
    expect(refused).toBe(true);
  });

  it('serves the expired answer: NOERROR, AD, EDE 3, TTL 30 (serve-expired-reply-ttl)', async () => {
    const { message, ede } = await askUdp(stale, 'www.stale.lab.');
    expect([message.rcode, message.ad, ede]).toEqual(['NOERROR', true, [3]]);
    const a = message.answers.filter((record) => record.type === 'A');
    expect(a.map((record) => [record.data, record.ttl])).toEqual([['127.0.80.45', 30]]);
    expect(message.answers.some((record) => record.type === 'RRSIG')).toBe(true);
  });

  it('keeps serving it, CD=0 and CD=1, however often it is asked', async () => {
    const rounds = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        askUdp(stale, 'www.stale.lab.', 'A', index % 2 === 1),
      ),
    );
    for (const { message, ede } of rounds) expect([message.rcode, ede]).toEqual(['NOERROR', [3]]);
  });

  it('serves the zone’s DNSKEY set stale too; the DS comes fresh from lab.', async () => {
    const dnskey = await askUdp(stale, 'stale.lab.', 'DNSKEY', true);
    expect([dnskey.message.rcode, dnskey.ede]).toEqual(['NOERROR', [3]]);
    expect(dnskey.message.answers.filter((record) => record.type === 'DNSKEY')).toHaveLength(2);
    const ds = await askUdp(stale, 'stale.lab.', 'DS', true);
    expect([ds.message.rcode, ds.message.ad, ds.ede]).toEqual(['NOERROR', true, []]);
  });

  it('the validating resolvers that never cached it answer SERVFAIL', async () => {
    for (const id of ['unbound', 'bind']) {
      const { message, ede } = await askUdp(labResolver(manifest, id), 'www.stale.lab.');
      expect([id, message.rcode, ede]).toEqual([id, 'SERVFAIL', []]);
    }
  });
});

describe('filtering without EDE: unbound-filter', () => {
  it('www.filtered.lab: a bare NXDOMAIN, authoritative, with no SOA, no AD and no EDE', async () => {
    const { message, ede } = await askUdp(filter, 'www.filtered.lab.');
    expect(message.rcode).toBe('NXDOMAIN');
    expect(message.aa).toBe(true);
    expect(message.ad).toBe(false);
    expect([message.answers, message.authorities, message.additionals]).toEqual([[], [], []]);
    expect(ede).toEqual([]);
  });

  it('www.forged.lab: the forged address, unsigned, no AD, no EDE', async () => {
    const { message, ede } = await askUdp(filter, 'www.forged.lab.');
    expect(message.rcode).toBe('NOERROR');
    expect(message.answers.map((record) => `${record.type} ${record.data}`)).toEqual([
      `A ${FORGED_ADDRESS}`,
    ]);
    expect([message.ad, ede]).toEqual([false, []]);
  });

  it('the zones themselves are signed and healthy: AD from unbound, the real addresses', async () => {
    const unbound = labResolver(manifest, 'unbound');
    for (const [qname, address] of [
      ['www.filtered.lab.', '127.0.80.46'],
      ['www.forged.lab.', '127.0.80.47'],
    ] as const) {
      const { message } = await askUdp(unbound, qname);
      expect([message.rcode, message.ad]).toEqual(['NOERROR', true]);
      expect(message.answers.find((record) => record.type === 'A')?.data).toBe(address);
    }
  });

  it('anything else it resolves and validates as usual', async () => {
    const { message, ede } = await askUdp(filter, 'www.alg13.lab.');
    expect([message.rcode, message.ad, ede]).toEqual(['NOERROR', true, []]);
  });
});

describe('stuck front, measured beside the tests above', () => {
  it('its SERVFAIL for dead.lab arrives after 30 s: the request still ends', async () => {
    const { outcome, ms } = await stuckDead;
    expect(rcodeOf(outcome)).toBe('SERVFAIL');
    expect(ms).toBeGreaterThanOrEqual(30_000);
    expect(ms).toBeLessThan(32_000);
  }, 45_000);
});
