/**
 * lookupRegistry against a fake fetch: the bootstrap file (RFC 9224) then the domain query
 * (RFC 9082), every failure class once, the one-label-deeper retry after a 404, and the
 * per-URL bootstrap cache. Every outcome must be valid Evidence, so each test also puts the
 * lookups through parseEvidence.
 *
 * The module keeps bootstrap files for the life of the worker (here: of this file), so each
 * test uses a bootstrap URL of its own.
 */
import { describe, expect, it } from 'vitest';
import type { RdapLookupOptions } from '../../../src/rdap/lookup';
import { CO_UK, EXAMPLE_CO_UK, NOW, setup, VERISIGN } from './lookup-setup';
import {
  exampleComRecord,
  hanging,
  ianaLikeBootstrap,
  json,
  rdapNotFound,
  verisignExampleCom,
  type FakeFetch,
  type Route,
} from './rdap-fixtures';

const CANNOT_TELL = (host: string) =>
  `could not reach ${host} from this browser (blocked, offline or no CORS — a browser cannot tell which; a rate limit or an error answered without CORS looks the same)`;

const hostOf = (url: string) => new URL(url).host;
const urls = (fake: FakeFetch) => fake.calls.map((c) => c.url);

describe('a registry that answers', () => {
  it('finds the registered domain of a name and keeps the record', async () => {
    const { bootstrap, fake, ask } = setup({ [VERISIGN]: json(verisignExampleCom()) });
    expect(await ask('www.example.com.')).toEqual([
      {
        id: 'r0',
        domain: 'example.com.',
        bootstrap,
        url: VERISIGN,
        startedAt: NOW,
        durationMs: expect.any(Number),
        httpStatus: 200,
        record: exampleComRecord(),
      },
    ]);
    expect(urls(fake)).toEqual([bootstrap, VERISIGN]);
  });

  it('sends plain GETs that need no CORS preflight and carry no credentials', async () => {
    const { fake, ask } = setup({ [VERISIGN]: json(verisignExampleCom()) });
    await ask('example.com.');
    const common = {
      method: 'GET',
      headers: { accept: 'application/rdap+json, application/json' },
      credentials: 'omit',
      redirect: 'follow',
      referrerPolicy: 'no-referrer',
    };
    expect(fake.calls[0]?.init).toMatchObject({ ...common, cache: 'default' });
    expect(fake.calls[1]?.init).toMatchObject({ ...common, cache: 'no-store' });
    for (const call of fake.calls) expect(call.init?.signal).toBeInstanceOf(AbortSignal);
  });

  it('numbers the lookups from firstId', async () => {
    const { ask } = setup({ [VERISIGN]: json(verisignExampleCom()) });
    expect((await ask('example.com.', {}, 4)).map((l) => l.id)).toEqual(['r4']);
  });

  it('asks in lower case whatever the case of the name', async () => {
    const { fake, ask } = setup({ [VERISIGN]: json(verisignExampleCom()) });
    const [lookup] = await ask('WWW.Example.COM');
    expect(lookup?.domain).toBe('example.com.');
    expect(urls(fake).at(-1)).toBe(VERISIGN);
  });

  it.each([
    'application/rdap+json',
    'application/json',
    'application/rdap+json; charset=utf-8',
    'Application/RDAP+JSON',
  ])('accepts Content-Type %s', async (type) => {
    const { ask } = setup({ [VERISIGN]: json(verisignExampleCom(), 200, type) });
    const [lookup] = await ask('example.com');
    expect(lookup?.record).toEqual(exampleComRecord());
  });

  it('asks an http base on this machine (the lab registry)', async () => {
    const url = 'http://127.0.0.1:8540/domain/lame.lab';
    const { fake, ask } = setup({ [url]: json({ ...verisignExampleCom(), ldhName: 'lame.lab' }) });
    const [lookup] = await ask('www.lame.lab.');
    expect(lookup).toMatchObject({ domain: 'lame.lab.', url, record: { ldhName: 'lame.lab' } });
    expect(urls(fake).at(-1)).toBe(url);
  });
});

describe('404, then one label deeper (a registry under a second-level suffix)', () => {
  it('tries example.co.uk. after co.uk. is not found: two lookups, r0 and r1', async () => {
    const { bootstrap, fake, ask } = setup({
      [CO_UK]: json(rdapNotFound(), 404),
      [EXAMPLE_CO_UK]: json({ ...verisignExampleCom(), ldhName: 'EXAMPLE.CO.UK' }),
    });
    const lookups = await ask('www.example.co.uk.');
    expect(lookups).toEqual([
      {
        id: 'r0',
        domain: 'co.uk.',
        bootstrap,
        url: CO_UK,
        startedAt: NOW,
        durationMs: expect.any(Number),
        httpStatus: 404,
        error: { class: 'not-found', message: 'rdap.nominet.uk has no such domain (HTTP 404)' },
      },
      {
        id: 'r1',
        domain: 'example.co.uk.',
        bootstrap,
        url: EXAMPLE_CO_UK,
        startedAt: NOW,
        durationMs: expect.any(Number),
        httpStatus: 200,
        record: { ...exampleComRecord(), ldhName: 'EXAMPLE.CO.UK' },
      },
    ]);
    expect(urls(fake)).toEqual([bootstrap, CO_UK, EXAMPLE_CO_UK]);
  });

  it('tries one label deeper when the suffix itself is refused (HTTP 403), not on a 5xx', async () => {
    const { ask } = setup({
      [CO_UK]: () => new Response('forbidden', { status: 403 }),
      [EXAMPLE_CO_UK]: json({ ...verisignExampleCom(), ldhName: 'EXAMPLE.CO.UK' }),
    });
    const lookups = await ask('www.example.co.uk.');
    expect(lookups.map((l) => [l.domain, l.error?.class ?? 'record'])).toEqual([
      ['co.uk.', 'http-status'],
      ['example.co.uk.', 'record'],
    ]);
  });

  it('an answer about another name than the one asked is refused, not used', async () => {
    const { ask } = setup({
      [CO_UK]: json(rdapNotFound(), 404),
      [EXAMPLE_CO_UK]: json(verisignExampleCom()),
    });
    const [, second] = await ask('www.example.co.uk.');
    expect(second?.record).toBeUndefined();
    expect(second?.error).toEqual({
      class: 'malformed',
      message: 'rdap.nominet.uk answered about "EXAMPLE.COM" when asked about example.co.uk.',
    });
  });

  it('counts on from firstId', async () => {
    const { ask } = setup({
      [CO_UK]: json(rdapNotFound(), 404),
      [EXAMPLE_CO_UK]: json(verisignExampleCom()),
    });
    expect((await ask('www.example.co.uk.', {}, 7)).map((l) => l.id)).toEqual(['r7', 'r8']);
  });

  it('keeps both 404s when neither exists', async () => {
    const www = 'https://rdap.verisign.com/com/v1/domain/www.example.com';
    const { fake, ask } = setup({
      [VERISIGN]: json(rdapNotFound(), 404),
      [www]: () => new Response(null, { status: 404 }),
    });
    const lookups = await ask('mail.www.example.com.');
    expect(lookups.map((l) => [l.id, l.domain, l.httpStatus, l.error?.class])).toEqual([
      ['r0', 'example.com.', 404, 'not-found'],
      ['r1', 'www.example.com.', 404, 'not-found'],
    ]);
    expect(urls(fake).slice(1)).toEqual([VERISIGN, www]);
  });

  it('stops at one lookup when there is no deeper name to try', async () => {
    const { fake, ask } = setup({ [VERISIGN]: json(rdapNotFound(), 404) });
    const lookups = await ask('example.com.');
    expect(lookups).toHaveLength(1);
    expect(lookups[0]?.error).toEqual({
      class: 'not-found',
      message: 'rdap.verisign.com has no such domain (HTTP 404)',
    });
    expect(fake.calls).toHaveLength(2);
  });

  it('does not go deeper after a record was found', async () => {
    const { fake, ask } = setup({ [VERISIGN]: json(verisignExampleCom()) });
    expect(await ask('www.example.com.')).toHaveLength(1);
    expect(fake.calls).toHaveLength(2);
  });
});

describe('failures that end the lookup (no second try)', () => {
  /** www.example.co.uk., whose first candidate co.uk. gets `route`. */
  async function failAtCoUk(route: Route, extra: Partial<RdapLookupOptions> = {}) {
    const { fake, ask } = setup({ [CO_UK]: route, [EXAMPLE_CO_UK]: json(verisignExampleCom()) });
    const lookups = await ask('www.example.co.uk.', extra);
    expect(lookups).toHaveLength(1);
    expect(fake.count(EXAMPLE_CO_UK)).toBe(0);
    const [lookup] = lookups;
    expect(lookup).toMatchObject({ id: 'r0', domain: 'co.uk.', url: CO_UK, startedAt: NOW });
    expect(lookup).not.toHaveProperty('record');
    return lookup!;
  }

  it('HTTP 500: http-status with the reason phrase and the host', async () => {
    const lookup = await failAtCoUk(() => new Response('oops', { status: 500 }));
    expect(lookup.httpStatus).toBe(500);
    expect(lookup.error).toEqual({
      class: 'http-status',
      message: 'HTTP 500 Internal Server Error from rdap.nominet.uk',
    });
  });

  it('an unknown status: the reason phrase the server sent', async () => {
    const lookup = await failAtCoUk(
      () => new Response(null, { status: 599, statusText: 'Registry Busy' }),
    );
    expect(lookup.httpStatus).toBe(599);
    expect(lookup.error?.message).toBe('HTTP 599 Registry Busy from rdap.nominet.uk');
  });

  it.each([
    [
      'text/html',
      () =>
        new Response('<h1>Login</h1>', { status: 200, headers: { 'content-type': 'text/html' } }),
    ],
    ['text/plain', () => new Response('{"objectClassName":"domain"}')],
    ['no Content-Type', () => new Response(new TextEncoder().encode('{}'))],
  ])('a %s answer: content-type', async (type, route) => {
    const lookup = await failAtCoUk(route);
    expect(lookup.httpStatus).toBe(200);
    expect(lookup.error).toEqual({
      class: 'content-type',
      message: `the response from rdap.nominet.uk is not JSON (${type})`,
    });
  });

  it('invalid JSON: malformed', async () => {
    const lookup = await failAtCoUk(
      () =>
        new Response('{"objectClassName": "domain", ', {
          headers: { 'content-type': 'application/rdap+json' },
        }),
    );
    expect(lookup.httpStatus).toBe(200);
    expect(lookup.error).toEqual({
      class: 'malformed',
      message: 'the response from rdap.nominet.uk is not valid JSON',
    });
  });

  it('JSON that is not a domain object: malformed, naming the host', async () => {
    const lookup = await failAtCoUk(json({ objectClassName: 'entity', handle: 'X' }));
    expect(lookup.httpStatus).toBe(200);
    expect(lookup.error).toEqual({
      class: 'malformed',
      message:
        'rdap.nominet.uk: the response is not an RDAP domain object (objectClassName "entity")',
    });
  });

  it('fetch rejects with a TypeError (offline, blocked or no CORS): unreachable', async () => {
    const lookup = await failAtCoUk(() => Promise.reject(new TypeError('Failed to fetch')));
    expect(lookup).not.toHaveProperty('httpStatus');
    expect(lookup.error).toEqual({ class: 'unreachable', message: CANNOT_TELL('rdap.nominet.uk') });
    expect(lookup.error?.message).toMatch(/a browser cannot tell which/);
  });

  it('fetch throws synchronously: unreachable, not a crash', async () => {
    const lookup = await failAtCoUk(() => {
      throw new TypeError('boom');
    });
    expect(lookup.error?.class).toBe('unreachable');
  });

  it('no answer within timeoutMs: timeout', async () => {
    // The lookup's whole budget is 1.5 × timeoutMs and the domain query gets what the bootstrap
    // left of it: a limit far above the bootstrap's time keeps the message the full limit even
    // on a busy machine (with 30 ms it once read "within 0.01 s").
    const lookup = await failAtCoUk(hanging, { timeoutMs: 1000 });
    expect(lookup).not.toHaveProperty('httpStatus');
    expect(lookup.error).toEqual({
      class: 'timeout',
      message: 'no answer from rdap.nominet.uk within 1 s',
    });
    expect(lookup.durationMs).toBeGreaterThanOrEqual(990);
  });

  it('the person cancels while the registry is asked: aborted', async () => {
    const controller = new AbortController();
    const lookup = await failAtCoUk(
      (init) => {
        setTimeout(() => controller.abort(), 5);
        return hanging(init);
      },
      { signal: controller.signal },
    );
    expect(lookup).not.toHaveProperty('httpStatus');
    expect(lookup.error).toEqual({
      class: 'aborted',
      message: 'cancelled before the registry answered',
    });
  });
});

describe('the bootstrap file', () => {
  /** One lookup, no domain query sent: the error says it was the bootstrap file. */
  async function bootstrapFails(route: Route, extra: Partial<RdapLookupOptions> = {}) {
    const { bootstrap, fake, ask } = setup({ [VERISIGN]: json(verisignExampleCom()) }, route);
    const lookups = await ask('www.example.com.', extra);
    expect(lookups).toEqual([
      {
        id: 'r0',
        domain: 'example.com.',
        bootstrap,
        startedAt: NOW,
        durationMs: expect.any(Number),
        error: { class: expect.any(String), message: expect.any(String) },
      },
    ]);
    expect(urls(fake)).toEqual([bootstrap]);
    return { lookup: lookups[0]!, host: hostOf(bootstrap) };
  }

  const PREFIX = 'the RDAP bootstrap file could not be read: ';

  it('HTTP 500: a single lookup with the error and no url', async () => {
    const { lookup, host } = await bootstrapFails(() => new Response(null, { status: 500 }));
    expect(lookup.error).toEqual({
      class: 'http-status',
      message: `${PREFIX}HTTP 500 Internal Server Error from ${host}`,
    });
  });

  it('unreachable', async () => {
    const { lookup, host } = await bootstrapFails(() =>
      Promise.reject(new TypeError('Failed to fetch')),
    );
    expect(lookup.error).toEqual({
      class: 'unreachable',
      message: `${PREFIX}${CANNOT_TELL(host)}`,
    });
  });

  it('timeout', async () => {
    const { lookup, host } = await bootstrapFails(hanging, { timeoutMs: 20 });
    expect(lookup.error).toEqual({
      class: 'timeout',
      message: `${PREFIX}no answer from ${host} within 0.02 s`,
    });
  });

  it('not JSON', async () => {
    const { lookup, host } = await bootstrapFails(
      () => new Response('<html>', { headers: { 'content-type': 'text/html; charset=utf-8' } }),
    );
    expect(lookup.error).toEqual({
      class: 'content-type',
      message: `${PREFIX}the response from ${host} is not JSON (text/html)`,
    });
  });

  it('invalid JSON', async () => {
    const { lookup, host } = await bootstrapFails(
      () => new Response('{"services": [', { headers: { 'content-type': 'application/json' } }),
    );
    expect(lookup.error).toEqual({
      class: 'malformed',
      message: `${PREFIX}the response from ${host} is not valid JSON`,
    });
  });

  it('JSON that is not a bootstrap file', async () => {
    const { lookup, host } = await bootstrapFails(
      json({ version: '1.0' }, 200, 'application/json'),
    );
    expect(lookup.error).toEqual({
      class: 'malformed',
      message: `${PREFIX}${host}: the bootstrap file has no \`services\` list`,
    });
  });

  it('cancelled before anything was sent: aborted, and nothing fetched', async () => {
    const { bootstrap, fake, ask } = setup({ [VERISIGN]: json(verisignExampleCom()) });
    const lookups = await ask('example.com.', { signal: AbortSignal.abort() });
    expect(lookups).toEqual([
      {
        id: 'r0',
        domain: 'example.com.',
        bootstrap,
        startedAt: NOW,
        durationMs: expect.any(Number),
        error: {
          class: 'aborted',
          message: `${PREFIX}cancelled before the registry answered`,
        },
      },
    ]);
    expect(fake.calls).toEqual([]);
  });

  // A 404 for the bootstrap file says nothing about the domain (a mistyped `rdap=`).
  it('a 404 for the bootstrap file is not "the registry has no such domain"', async () => {
    const { lookup } = await bootstrapFails(() => new Response(null, { status: 404 }));
    expect(lookup.error?.class).not.toBe('not-found');
    expect(lookup.error?.message).not.toMatch(/no such domain/);
  });

  it('names no service for the TLD: no-service, and no domain query', async () => {
    const { bootstrap, fake, ask } = setup({});
    expect(await ask('www.example.org.')).toEqual([
      {
        id: 'r0',
        domain: 'example.org.',
        bootstrap,
        startedAt: NOW,
        durationMs: expect.any(Number),
        error: {
          class: 'no-service',
          message: 'the bootstrap file names no RDAP service for .org',
        },
      },
    ]);
    expect(urls(fake)).toEqual([bootstrap]);
  });

  it('a service on plain http across a network is not used, and that is said', async () => {
    const { fake, bootstrap, ask } = setup(
      {},
      json({ services: [[['example'], ['http://rdap.example/']]] }, 200, 'application/json'),
    );
    const [lookup] = await ask('www.shop.example.');
    expect(lookup?.error).toEqual({
      class: 'no-service',
      message:
        'the bootstrap file names only a plain-http RDAP service for .example, which this app does not use across a network',
    });
    expect(urls(fake)).toEqual([bootstrap]);
  });

  it('the name is itself the suffix: no-service', async () => {
    const { bootstrap, fake, ask } = setup({});
    expect(await ask('uk.', {}, 2)).toEqual([
      {
        id: 'r2',
        domain: 'uk.',
        bootstrap,
        startedAt: NOW,
        durationMs: expect.any(Number),
        error: {
          class: 'no-service',
          message: 'uk. is itself a registry suffix (uk); there is no registered domain to look up',
        },
      },
    ]);
    expect(urls(fake)).toEqual([bootstrap]);
  });

  it('a two-label suffix listed in the bootstrap file is a suffix too', async () => {
    const { ask } = setup(
      {},
      json({ services: [[['co.uk'], ['https://rdap.co-uk.example/']]] }, 200, 'application/json'),
    );
    const [lookup] = await ask('CO.UK');
    expect(lookup).toMatchObject({
      domain: 'co.uk.',
      error: {
        class: 'no-service',
        message:
          'CO.UK is itself a registry suffix (co.uk); there is no registered domain to look up',
      },
    });
  });

  it('is fetched once for two lookups with the same URL', async () => {
    const www = 'https://rdap.verisign.com/com/v1/domain/example.net';
    const { bootstrap, fake, ask } = setup({
      [VERISIGN]: json(verisignExampleCom()),
      [www]: json({ ...verisignExampleCom(), ldhName: 'EXAMPLE.NET' }),
    });
    const first = await ask('example.com.');
    const second = await ask('www.example.net.');
    expect(first[0]?.record?.ldhName).toBe('EXAMPLE.COM');
    expect(second[0]?.record?.ldhName).toBe('EXAMPLE.NET');
    expect(fake.count(bootstrap)).toBe(1);
    expect(urls(fake)).toEqual([bootstrap, VERISIGN, www]);
  });

  it('is fetched once for lookups that start together', async () => {
    const { bootstrap, fake, ask } = setup({ [VERISIGN]: json(verisignExampleCom()) });
    const all = await Promise.all([
      ask('example.com.'),
      ask('www.example.com.'),
      ask('a.example.com'),
    ]);
    expect(all.map((lookups) => lookups[0]?.record?.ldhName)).toEqual([
      'EXAMPLE.COM',
      'EXAMPLE.COM',
      'EXAMPLE.COM',
    ]);
    expect(fake.count(bootstrap)).toBe(1);
  });

  it('is fetched again after a failure, then kept', async () => {
    let served = 0;
    const { bootstrap, fake, ask } = setup({ [VERISIGN]: json(verisignExampleCom()) }, () => {
      served += 1;
      return served === 1
        ? new Response(null, { status: 503 })
        : json(ianaLikeBootstrap(), 200, 'application/json')(undefined);
    });
    const failed = await ask('example.com.');
    expect(failed[0]?.error?.class).toBe('http-status');
    const retried = await ask('example.com.');
    expect(retried[0]?.record).toEqual(exampleComRecord());
    await ask('example.com.');
    expect(fake.count(bootstrap)).toBe(2);
  });

  it('is fetched again after an unusable file, too', async () => {
    let served = 0;
    const { bootstrap, fake, ask } = setup({ [VERISIGN]: json(verisignExampleCom()) }, () => {
      served += 1;
      return json(served === 1 ? {} : ianaLikeBootstrap(), 200, 'application/json')(undefined);
    });
    expect((await ask('example.com.'))[0]?.error?.class).toBe('malformed');
    expect((await ask('example.com.'))[0]?.record).toBeDefined();
    expect(fake.count(bootstrap)).toBe(2);
  });

  it('is fetched again after a failed fetch', async () => {
    let served = 0;
    const { bootstrap, fake, ask } = setup({ [VERISIGN]: json(verisignExampleCom()) }, (init) => {
      served += 1;
      return served === 1
        ? new Response('busy', { status: 503 })
        : json(ianaLikeBootstrap(), 200, 'application/json')(init);
    });
    expect((await ask('example.com.'))[0]?.error?.class).toBe('http-status');
    expect((await ask('example.com.'))[0]?.record).toBeDefined();
    expect(fake.count(bootstrap)).toBe(2);
  });

  // The worker's investigate() aborts the running check and starts the next one in the same
  // tick. The bootstrap fetch is shared, so it runs under no caller's signal: the cancelled
  // lookup ends at once, and the next one uses the same fetch.
  it('a lookup is not cancelled by another lookup’s cancel, and the file is fetched once', async () => {
    const slow: Route = (init) =>
      new Promise((resolve) =>
        setTimeout(() => resolve(json(ianaLikeBootstrap(), 200, 'application/json')(init)), 30),
      );
    const { bootstrap, fake, ask } = setup({ [VERISIGN]: json(verisignExampleCom()) }, slow);
    const first = new AbortController();
    const cancelled = ask('example.com.', { signal: first.signal });
    first.abort();
    const next = ask('example.com.');
    expect((await cancelled)[0]?.error?.class).toBe('aborted');
    expect((await next)[0]?.record).toEqual(exampleComRecord());
    expect(fake.count(bootstrap)).toBe(1);
  });

  // The fetch is raced against the time limit, as in the DoH transport.
  it('a fetch that ignores its signal still ends in a timeout', async () => {
    const { ask } = setup({ [VERISIGN]: () => new Promise<Response>(() => {}) });
    const outcome = await Promise.race([
      ask('example.com.', { timeoutMs: 20 }),
      new Promise<'still waiting'>((resolve) => setTimeout(() => resolve('still waiting'), 500)),
    ]);
    expect(outcome).not.toBe('still waiting');
  });
});
