/**
 * What a registry's 404 means in the diagnosis (RFC 7480 §5.3: the RDAP server has no such
 * object), read against the DNS in the same evidence: a domain DNS shows delegated is "not
 * found by the registry", not "not registered"; and of two names the registry did not find
 * (`co.uk` then `example.co.uk`, or `example.com` then `www.example.com`), the one meant.
 */
import { describe, expect, it } from 'vitest';
import type { Evidence, RdapLookup } from '../../../src/evidence/evidence';
import { registrySentence } from '../../../src/diagnosis/explain/registry';
import { registryView } from '../../../src/diagnosis/registry';
import { diagnoseAt, fixture } from '../diagnosis/lab-evidence';

/** An RDAP 404 for `domain`, as lookupRegistry records it. */
function notFound(id: string, domain: string): RdapLookup {
  const host = '127.0.0.1:8540';
  return {
    id,
    domain,
    bootstrap: `http://${host}/bootstrap/dns.json`,
    url: `http://${host}/rdap/domain/${domain.replace(/\.$/, '')}`,
    startedAt: 1_795_445_036_251,
    durationMs: 2,
    httpStatus: 404,
    error: { class: 'not-found', message: `${host} has no such domain (HTTP 404)` },
  };
}

const withRdap = (evidence: Evidence, rdap: readonly RdapLookup[]): Evidence => ({
  ...evidence,
  rdap,
});

describe('a 404 for a domain DNS shows delegated', () => {
  // lame.lab. is delegated from lab. (the parent's NSEC at lame.lab. lists NS), but its
  // nameserver does not answer: the registry's 404 cannot mean it is unregistered.
  const lame = withRdap(fixture('lame'), [notFound('r0', 'lame.lab.')]);

  it('is read as "the registry did not find it", with the exchange that shows the delegation', () => {
    const view = registryView(lame);
    expect(view).toMatchObject({ state: 'not-found', domain: 'lame.lab.' });
    const shown = lame.exchanges.find((x) => x.id === view.delegatedIn);
    expect(shown?.question).toEqual({ name: 'lame.lab.', type: 'DS' });
    expect(registrySentence(view)).toBe(
      'The registry’s RDAP service did not find lame.lab. (HTTP 404), yet DNS shows it delegated: the registry’s RDAP data may lag behind or leave some domains out, or the registered domain is another name. This does not show that lame.lab. is unregistered.',
    );
  });

  it('the verdict’s detail and the card never say "not registered"', async () => {
    const d = await diagnoseAt(lame);
    expect(d.verdict).toBe('lame-delegation');
    const detail = d.detail.join(' ');
    expect(detail).toMatch(/did not find lame\.lab\. \(HTTP 404\), yet DNS shows it delegated/);
    expect(detail).not.toMatch(/not registered/);
    expect(d.registry).toMatchObject({
      state: 'not-found',
      domain: 'lame.lab.',
      message:
        '127.0.0.1:8540 has no such domain (HTTP 404), yet DNS shows lame.lab. delegated: the registry did not find it, which does not make it unregistered',
    });
  });

  it('a domain DNS does not show (NXDOMAIN from the parent) is still "not registered"', async () => {
    const d = await diagnoseAt(fixture('nxdomain'));
    expect(d.registry?.state).toBe('not-found');
    expect(registryView(fixture('nxdomain')).delegatedIn).toBeUndefined();
    expect(d.detail.join(' ')).toMatch(/it is not registered, or it has been deleted/);
    expect(d.registry?.message).toBe('127.0.0.1:8540 has no such domain (HTTP 404)');
  });
});

describe('two names not found: which one was meant', () => {
  it('example.com, not www.example.com: the deeper name’s parent does not exist', () => {
    // held.lab. is out of DNS (NXDOMAIN from lab.); lab. exists.
    const view = registryView(
      withRdap(fixture('held'), [notFound('r0', 'held.lab.'), notFound('r1', 'www.held.lab.')]),
    );
    expect(view).toMatchObject({ state: 'not-found', domain: 'held.lab.', ids: ['r0', 'r1'] });
    expect(view.lookup?.id).toBe('r0');
    expect(view.delegatedIn).toBeUndefined();
  });

  it('example.co.uk, not co.uk: the deeper name sits under a name that exists', () => {
    // As co.uk. under uk.: ns.lab. exists in DNS (an A record) but is no zone of its own.
    const view = registryView(
      withRdap(fixture('nxdomain'), [notFound('r0', 'ns.lab.'), notFound('r1', 'x.ns.lab.')]),
    );
    expect(view).toMatchObject({ domain: 'x.ns.lab.' });
    expect(view.lookup?.id).toBe('r1');
  });

  it('the delegated one, whichever was asked first', () => {
    const view = registryView(
      withRdap(fixture('lame'), [notFound('r0', 'lame.lab.'), notFound('r1', 'www.lame.lab.')]),
    );
    expect(view).toMatchObject({ domain: 'lame.lab.' });
    expect(view.delegatedIn).toBeDefined();
  });

  it('without DNS evidence about either, the deepest name asked', () => {
    const bare: Evidence = { ...fixture('lame'), exchanges: [] };
    const view = registryView(
      withRdap(bare, [notFound('r0', 'co.uk.'), notFound('r1', 'example.co.uk.')]),
    );
    expect(view).toMatchObject({ domain: 'example.co.uk.' });
  });
});
