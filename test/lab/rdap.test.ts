/**
 * The lab registry over RDAP (RFC 7480, 9082, 9083; bootstrap RFC 9224) against what the
 * TLD server actually publishes (needs `npm run lab:up`).
 *
 * Every domain object must list the NS set, glue and DS set that `lab.` serves, asked of
 * 127.53.0.2 itself, except held.lab., whose "client hold" keeps it out of `lab.`.
 */
import { describe, expect, it } from 'vitest';
import { forwardQuery } from './doh-forward';
import { loadLabManifest } from './manifest';
import type { RdapBootstrap, RdapDomain, RdapError } from './rdap-response';
import { isDelegated, loadRegistry, type RegistryDomain } from './registry';
import { AUTH_PORT, authServer } from './topology';
import { buildQuery, decodeMessage, type DecodedMessage, type WireRecord } from './wire';

const manifest = loadLabManifest();
const registry = loadRegistry();
const origin = new URL(manifest.rdap.bootstrap).origin;
const TLD_SERVER = authServer('tld').address;

/** One query to an authoritative server, every section decoded. */
async function ask(host: string, qname: string, qtype: string): Promise<DecodedMessage> {
  const query = buildQuery({ qname, qtype, cd: false });
  return decodeMessage(await forwardQuery({ host, port: AUTH_PORT }, query, 2000));
}

const dataOf = (records: readonly WireRecord[], type: string, name?: string): string[] =>
  records
    .filter((record) => record.type === type && (name === undefined || record.name === name))
    .map((record) => record.data)
    .sort();

async function getJson<T>(
  url: string,
  init?: RequestInit,
): Promise<{ response: Response; body: T }> {
  const response = await fetch(url, init);
  return { response, body: (await response.json()) as T };
}

function accessControlHeaders(response: Response): string[] {
  const names: string[] = [];
  response.headers.forEach((_value, name) => {
    if (name.startsWith('access-control-')) names.push(name);
  });
  return names;
}

describe('bootstrap files (RFC 9224)', () => {
  it('dns.json maps lab to the RDAP base with CORS', async () => {
    const { response, body } = await getJson<RdapBootstrap>(manifest.rdap.bootstrap);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(body).toMatchObject({
      version: '1.0',
      description: 'SERVFAIL Lens lab registry',
      services: [[['lab'], [`${origin}/rdap/`]]],
    });
    expect(new Date(body.publication).toISOString()).toBe(body.publication);
  });

  it('nocors.json maps lab to the base without CORS, but is itself readable', async () => {
    const { response, body } = await getJson<RdapBootstrap>(manifest.rdap.bootstrapNoCors);
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(body.services).toEqual([[['lab'], [`${origin}/nocors/`]]]);
  });
});

describe('the registry covers the lab', () => {
  it('every scenario zone under lab. is registered', () => {
    const zones = manifest.scenarios
      .map((scenario) => scenario.zone.replace(/\.$/, ''))
      .filter((zone) => /^[^.]+\.lab$/.test(zone));
    const registered = registry.domains.map((domain) => domain.ldhName);
    for (const zone of zones) expect(registered).toContain(zone);
    expect(registered).toContain('held.lab');
  });
});

async function domainObject(name: string): Promise<RdapDomain> {
  const { response, body } = await getJson<RdapDomain>(`${origin}/rdap/domain/${name}`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/rdap+json');
  expect(response.headers.get('cache-control')).toBe('no-store');
  expect(response.headers.get('access-control-allow-origin')).toBe('*');
  return body;
}

const delegated = registry.domains.filter(isDelegated);

describe.each(delegated.map((domain) => [domain.ldhName, domain] as const))(
  '%s: RDAP agrees with lab.',
  (name, domain: RegistryDomain) => {
    it('is an RFC 9083 domain object, status active', async () => {
      const object = await domainObject(name);
      expect(object).toMatchObject({
        rdapConformance: ['rdap_level_0'],
        objectClassName: 'domain',
        handle: domain.handle,
        ldhName: name,
        status: ['active'],
        links: [{ rel: 'self', href: `${origin}/rdap/domain/${name}` }],
      });
      expect(object.events.map((event) => event.eventAction)).toEqual([
        'registration',
        'last changed',
      ]);
      expect(object.notices[0]?.description.join(' ')).toMatch(/test registry/);
    });

    it('lists the NS set and glue of the referral from 127.53.0.2', async () => {
      const [object, referral] = await Promise.all([
        domainObject(name),
        ask(TLD_SERVER, name, 'NS'),
      ]);
      expect(referral.rcode).toBe('NOERROR');
      expect(referral.aa).toBe(false);
      expect(object.nameservers.map((host) => host.ldhName).sort()).toEqual(
        dataOf(referral.authorities, 'NS', name),
      );
      for (const host of object.nameservers) {
        expect(host.objectClassName).toBe('nameserver');
        expect([...(host.ipAddresses?.v4 ?? [])].sort(), host.ldhName).toEqual(
          dataOf(referral.additionals, 'A', host.ldhName),
        );
      }
    });

    it('lists the DS set that lab. publishes', async () => {
      const [object, answer] = await Promise.all([domainObject(name), ask(TLD_SERVER, name, 'DS')]);
      expect(answer.rcode).toBe('NOERROR');
      expect(answer.aa).toBe(true);
      const published = dataOf(answer.answers, 'DS', name);
      const listed = (object.secureDNS.dsData ?? [])
        .map((ds) => `${ds.keyTag} ${ds.algorithm} ${ds.digestType} ${ds.digest}`)
        .sort();
      expect(listed).toEqual(published);
      expect(object.secureDNS.delegationSigned).toBe(published.length > 0);
    });
  },
);

describe('scenario domains', () => {
  it('held.lab is registered on "client hold" and not delegated (NSEC-proven NXDOMAIN)', async () => {
    const object = await domainObject('held.lab');
    expect(object.status).toEqual(['client hold']);
    expect(object.nameservers).toEqual([
      {
        objectClassName: 'nameserver',
        ldhName: 'ns.held.lab',
        ipAddresses: { v4: ['127.53.0.3'] },
      },
    ]);
    expect(object.secureDNS).toEqual({ delegationSigned: false });
    const answer = await ask(TLD_SERVER, 'held.lab', 'NS');
    expect(answer.rcode).toBe('NXDOMAIN');
    expect(answer.authorities.filter((record) => record.type === 'NSEC')).not.toHaveLength(0);
  });

  it('orphan.lab names ns1.gone.lab without glue, and that name does not exist', async () => {
    const object = await domainObject('orphan.lab');
    expect(object.nameservers).toEqual([
      { objectClassName: 'nameserver', ldhName: 'ns1.gone.lab' },
    ]);
    expect((await ask(TLD_SERVER, 'ns1.gone.lab', 'A')).rcode).toBe('NXDOMAIN');
  });

  it.each([
    ['two-ns.lab', ['127.53.0.3', '127.53.0.7']],
    ['spread-ns.lab', ['127.53.0.3', '127.54.0.3']],
  ])('%s has two name servers at %j, each serving the zone', async (name, addresses) => {
    const object = await domainObject(name);
    const glue = object.nameservers.flatMap((host) => host.ipAddresses?.v4 ?? []);
    expect(glue.sort()).toEqual(addresses);
    for (const address of addresses) {
      const apex = await ask(address, name, 'NS');
      expect(apex.aa, address).toBe(true);
      expect(dataOf(apex.answers, 'NS'), address).toEqual([`ns1.${name}`, `ns2.${name}`]);
      const www = await ask(address, `www.${name}`, 'A');
      expect(www.answers.length, address).toBeGreaterThan(0);
    }
  });
});

describe('look-ups (RFC 9082 §3.1.3)', () => {
  it('matches any case and tolerates a trailing dot', async () => {
    expect((await domainObject('ALG13.Lab.')).ldhName).toBe('alg13.lab');
  });

  it.each(['nope.lab', 'www.alg13.lab', 'lab', 'alg13.example', 'xn--bcher-kva.lab'])(
    '%s → 404 with an RDAP error body and CORS',
    async (name) => {
      const { response, body } = await getJson<RdapError>(`${origin}/rdap/domain/${name}`);
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toBe('application/rdap+json');
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      expect(body).toMatchObject({ errorCode: 404, title: 'Not Found' });
      expect(body.description.length).toBeGreaterThan(0);
    },
  );

  it('another path → 404', async () => {
    expect((await fetch(`${origin}/rdap/nameserver/ns.alg13.lab`)).status).toBe(404);
    expect((await fetch(`${origin}/`)).status).toBe(404);
  });

  it('POST → 405 with Allow', async () => {
    const response = await fetch(`${origin}/rdap/domain/alg13.lab`, { method: 'POST', body: '' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
  });

  it('HEAD → the headers of the GET, no body', async () => {
    const response = await fetch(`${origin}/rdap/domain/alg13.lab`, { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/rdap+json');
    expect(await response.text()).toBe('');
  });
});

describe('CORS', () => {
  it('answers the preflight with 204, the methods, headers and Private Network Access', async () => {
    const response = await fetch(`${origin}/rdap/domain/alg13.lab`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://127.0.0.1:4173',
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'accept',
        'access-control-request-private-network': 'true',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-methods')).toBe('GET, HEAD, OPTIONS');
    expect(response.headers.get('access-control-allow-headers')).toBe('accept, content-type');
    expect(response.headers.get('access-control-allow-private-network')).toBe('true');
  });

  it('/nocors/ gives the same body and status without any Access-Control-* header', async () => {
    const [withCors, without] = await Promise.all([
      getJson<RdapDomain>(`${origin}/rdap/domain/alg13.lab`),
      getJson<RdapDomain>(`${origin}/nocors/domain/alg13.lab`),
    ]);
    expect(without.response.status).toBe(200);
    expect(without.body).toEqual(withCors.body);
    expect(accessControlHeaders(without.response)).toEqual([]);
    expect(accessControlHeaders(withCors.response)).toContain('access-control-allow-origin');
  });

  it('/nocors/ has no CORS on a 404 or a preflight either', async () => {
    const missing = await fetch(`${origin}/nocors/domain/nope.lab`);
    expect(missing.status).toBe(404);
    expect(accessControlHeaders(missing)).toEqual([]);
    const preflight = await fetch(`${origin}/nocors/domain/alg13.lab`, {
      method: 'OPTIONS',
      headers: { origin: 'http://127.0.0.1:4173', 'access-control-request-method': 'GET' },
    });
    expect(accessControlHeaders(preflight)).toEqual([]);
  });
});
