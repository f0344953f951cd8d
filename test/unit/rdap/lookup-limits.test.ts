/**
 * lookupRegistry at its limits: bodies over 1 MiB (streamed, announced, sent without end),
 * rate limits (RFC 7480 §5.5), the order and bound of the deeper try under a second-level
 * suffix, and a loopback registry refused by the browser's Local Network Access.
 */
import { describe, expect, it } from 'vitest';
import { lookupRegistry, MAX_RDAP_OCTETS } from '../../../src/rdap/lookup';
import { CO_UK, EXAMPLE_CO_UK, setup, VERISIGN } from './lookup-setup';
import {
  exampleComRecord,
  fakeFetch,
  ianaLikeBootstrap,
  json,
  rdapNotFound,
  verisignExampleCom,
  type Route,
} from './rdap-fixtures';

const SHOP_EXAMPLE_CO_UK = 'https://rdap.nominet.uk/uk/domain/shop.example.co.uk';
const LAB_DOMAIN = 'http://127.0.0.1:8540/domain/lame.lab';
const PUBLIC_PAGE = 'https://lens.example';

/** An RDAP answer that never ends: `{"padding":"aaaa…` in 64 KiB chunks, counted. */
function endless(): { route: Route; seen: { sent: number; cancelled: boolean } } {
  const seen = { sent: 0, cancelled: false };
  const route: Route = () => {
    const chunk = new Uint8Array(65_536).fill(0x61);
    let first = true;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        const bytes = first ? new TextEncoder().encode('{"padding":"') : chunk;
        first = false;
        seen.sent += bytes.length;
        controller.enqueue(bytes);
      },
      cancel() {
        seen.cancelled = true;
      },
    });
    return new Response(body, { headers: { 'content-type': 'application/rdap+json' } });
  };
  return { route, seen };
}

/** Headers that announce `length` octets over a body that never comes. */
const announcing =
  (length: number): Route =>
  () =>
    new Response(new ReadableStream({ pull: () => new Promise<void>(() => {}) }), {
      headers: { 'content-type': 'application/rdap+json', 'content-length': String(length) },
    });

describe('bodies are capped at 1 MiB', () => {
  it('a domain object of just under 1 MiB is read', async () => {
    const text = JSON.stringify(verisignExampleCom());
    const padded = text + ' '.repeat(MAX_RDAP_OCTETS - text.length);
    const { ask } = setup({
      [VERISIGN]: () =>
        new Response(padded, { headers: { 'content-type': 'application/rdap+json' } }),
    });
    expect((await ask('example.com.'))[0]?.record).toEqual(exampleComRecord());
  });

  it('an answer that never ends is cut off just past 1 MiB, and no deeper name is asked', async () => {
    const { route, seen } = endless();
    const { fake, ask } = setup({ [CO_UK]: route, [EXAMPLE_CO_UK]: json(verisignExampleCom()) });
    const lookups = await ask('www.example.co.uk.');
    expect(lookups).toEqual([
      expect.objectContaining({
        domain: 'co.uk.',
        httpStatus: 200,
        error: {
          class: 'too-large',
          message:
            'the answer from rdap.nominet.uk passed 1 MiB and was cut off; no RDAP answer is that long',
        },
      }),
    ]);
    expect(seen.cancelled).toBe(true);
    expect(seen.sent).toBeLessThanOrEqual(MAX_RDAP_OCTETS + 2 * 65_536);
    expect(fake.count(EXAMPLE_CO_UK)).toBe(0);
  });

  it('a Content-Length above 1 MiB fails at once, without waiting for the body', async () => {
    const { ask } = setup({ [VERISIGN]: announcing(5_000_000) });
    const t0 = performance.now();
    const [lookup] = await ask('example.com.', { timeoutMs: 5000 });
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(lookup?.error).toEqual({
      class: 'too-large',
      message:
        'the answer from rdap.verisign.com announced 5000000 octets, more than the 1 MiB any RDAP answer needs; it was not read',
    });
  });

  it('the bootstrap file is capped the same way, and fetched again next time', async () => {
    const { route } = endless();
    let served = 0;
    const { bootstrap, fake, ask } = setup({ [VERISIGN]: json(verisignExampleCom()) }, (init) => {
      served += 1;
      return served === 1 ? route(init) : json(ianaLikeBootstrap(), 200, 'application/json')(init);
    });
    const [failed] = await ask('example.com.');
    expect(failed?.error).toEqual({
      class: 'too-large',
      message: `the RDAP bootstrap file could not be read: the answer from ${new URL(bootstrap).host} passed 1 MiB and was cut off; no RDAP answer is that long`,
    });
    expect((await ask('example.com.'))[0]?.record).toEqual(exampleComRecord());
    expect(fake.count(bootstrap)).toBe(2);
  });
});

describe('rate limits (RFC 7480 §5.5) and answers a browser cannot read', () => {
  it('a 429 the browser can read is rate-limited, and the deeper name is not asked', async () => {
    const { fake, ask } = setup({
      [CO_UK]: () =>
        new Response(JSON.stringify({ errorCode: 429, title: 'Too Many Requests' }), {
          status: 429,
          headers: { 'content-type': 'application/rdap+json', 'retry-after': '60' },
        }),
      [EXAMPLE_CO_UK]: json(verisignExampleCom()),
    });
    const lookups = await ask('www.example.co.uk.');
    expect(lookups).toEqual([
      expect.objectContaining({
        domain: 'co.uk.',
        httpStatus: 429,
        error: {
          class: 'rate-limited',
          message:
            'rdap.nominet.uk said this browser asks too often (HTTP 429 Too Many Requests); try again later',
        },
      }),
    ]);
    expect(fake.count(EXAMPLE_CO_UK)).toBe(0);
  });

  it('a 429 for the bootstrap file is rate-limited too', async () => {
    const { ask } = setup({}, () => new Response(null, { status: 429 }));
    expect((await ask('example.com.'))[0]?.error?.class).toBe('rate-limited');
  });

  // Without CORS on the 429 or error answer, fetch rejects as it does offline.
  it('a rate limit or error sent without CORS is said to look like any network failure', async () => {
    const { ask } = setup({ [VERISIGN]: () => Promise.reject(new TypeError('Failed to fetch')) });
    const [lookup] = await ask('example.com.');
    expect(lookup?.error?.class).toBe('unreachable');
    expect(lookup?.error?.message).toMatch(
      /no CORS — a browser cannot tell which; a rate limit or an error answered without CORS looks the same/,
    );
  });
});

describe('the deeper try: shortest first, two queries at most', () => {
  it('www.shop.example.co.uk asks co.uk then example.co.uk, never shop.example.co.uk', async () => {
    const { bootstrap, fake, ask } = setup({
      [CO_UK]: json(rdapNotFound(), 404),
      [EXAMPLE_CO_UK]: json(rdapNotFound(), 404),
      [SHOP_EXAMPLE_CO_UK]: json({ ...verisignExampleCom(), ldhName: 'SHOP.EXAMPLE.CO.UK' }),
    });
    const lookups = await ask('www.shop.example.co.uk.');
    expect(lookups.map((l) => [l.id, l.domain, l.error?.class])).toEqual([
      ['r0', 'co.uk.', 'not-found'],
      ['r1', 'example.co.uk.', 'not-found'],
    ]);
    expect(fake.calls.map((c) => c.url)).toEqual([bootstrap, CO_UK, EXAMPLE_CO_UK]);
  });

  it.each([400, 403, 422])('a suffix refused with HTTP %i gets the deeper try', async (status) => {
    const { ask } = setup({
      [CO_UK]: () => new Response(null, { status }),
      [EXAMPLE_CO_UK]: json({ ...verisignExampleCom(), ldhName: 'example.co.uk' }),
    });
    const lookups = await ask('www.example.co.uk.');
    expect(lookups.map((l) => l.error?.class ?? 'record')).toEqual(['http-status', 'record']);
  });

  it.each([
    ['HTTP 503', () => new Response(null, { status: 503 })],
    ['a network failure', () => Promise.reject(new TypeError('Failed to fetch'))],
    [
      'a non-JSON answer',
      () => new Response('<html>', { headers: { 'content-type': 'text/html' } }),
    ],
  ] as const)('%s ends the lookup after one query', async (_, route) => {
    const { fake, ask } = setup({ [CO_UK]: route, [EXAMPLE_CO_UK]: json(verisignExampleCom()) });
    expect(await ask('www.example.co.uk.')).toHaveLength(1);
    expect(fake.count(EXAMPLE_CO_UK)).toBe(0);
  });

  it('a first answer about another name is refused, and nothing deeper is asked', async () => {
    const { fake, ask } = setup({
      [CO_UK]: json({ ...verisignExampleCom(), ldhName: 'EXAMPLE.CO.UK' }),
      [EXAMPLE_CO_UK]: json({ ...verisignExampleCom(), ldhName: 'EXAMPLE.CO.UK' }),
    });
    const lookups = await ask('www.example.co.uk.');
    expect(lookups).toEqual([
      expect.objectContaining({
        domain: 'co.uk.',
        error: {
          class: 'malformed',
          message: 'rdap.nominet.uk answered about "EXAMPLE.CO.UK" when asked about co.uk.',
        },
      }),
    ]);
    expect(fake.count(EXAMPLE_CO_UK)).toBe(0);
  });
});

describe('a loopback registry and Local Network Access', () => {
  const failing: Route = () => Promise.reject(new TypeError('Failed to fetch'));

  it('from a public page with the permission denied: local-network-denied', async () => {
    const { ask } = setup({ [LAB_DOMAIN]: failing });
    const [lookup] = await ask('www.lame.lab.', {
      localNetwork: { pageOrigin: PUBLIC_PAGE, permission: 'denied' },
    });
    expect(lookup?.error).toEqual({
      class: 'local-network-denied',
      message:
        'this browser was not allowed to reach 127.0.0.1:8540 on this computer: the permission to access devices on the local network (Local Network Access) is blocked for this site; allow it in the site settings and check again',
    });
  });

  it.each([
    ['a public page that may still be asked', PUBLIC_PAGE, 'prompt'],
    ['a page on loopback', 'http://127.0.0.1:4173', 'denied'],
  ] as const)('from %s: unreachable, as before', async (_, pageOrigin, permission) => {
    const { ask } = setup({ [LAB_DOMAIN]: failing });
    const [lookup] = await ask('www.lame.lab.', { localNetwork: { pageOrigin, permission } });
    expect(lookup?.error?.class).toBe('unreachable');
  });

  it('a loopback bootstrap file refused the same way says it was the bootstrap file', async () => {
    // A loopback bootstrap URL of its own: the module keeps bootstrap files per URL.
    const bootstrap = 'http://127.0.0.1:8540/bootstrap/dns.json?lna-test';
    const fake = fakeFetch({ [bootstrap]: failing });
    const [lookup] = await lookupRegistry({
      bootstrap,
      name: 'www.lame.lab.',
      timeoutMs: 1000,
      fetchImpl: fake.fetchImpl,
      localNetwork: { pageOrigin: PUBLIC_PAGE, permission: 'denied' },
    });
    expect(lookup?.error?.class).toBe('local-network-denied');
    expect(lookup?.error?.message).toMatch(
      /^the RDAP bootstrap file could not be read: this browser was not allowed to reach 127\.0\.0\.1:8540 on this computer/,
    );
  });
});
