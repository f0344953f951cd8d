/**
 * The registry's view (RDAP) in the diagnosis, on lab recordings and on their registry
 * answers altered the ways real registries differ from DNS: a hold, an unregistered name,
 * nameservers or DS records that disagree with the zone, a registry that cannot be read.
 */

import { describe, expect, it } from 'vitest';
import type { Evidence, RdapDomainRecord, RdapLookup } from '../../../src/evidence/evidence';
import { collectFacts } from '../../../src/diagnosis/facts';
import { explainSuspects } from '../../../src/diagnosis/explain/suspects';
import { suspectFindings } from '../../../src/diagnosis/lame-analysis';
import { registryView } from '../../../src/diagnosis/registry';
import { dsForZoneKeys } from '../../../src/diagnosis/remediation/ds-records';
import { answerOf } from '../../../src/evidence/decoded';
import { diagnoseAt, fixture } from './lab-evidence';

/** The recording with its registry record changed by `change`. */
function withRecord(
  evidence: Evidence,
  change: (record: RdapDomainRecord) => RdapDomainRecord,
): Evidence {
  return {
    ...evidence,
    rdap: evidence.rdap!.map((l) => (l.record ? { ...l, record: change(l.record) } : l)),
  };
}

function withLookup(evidence: Evidence, lookup: Partial<RdapLookup>): Evidence {
  const { record: _record, ...first } = evidence.rdap![0]!;
  return { ...evidence, rdap: [{ ...first, ...lookup }] };
}

describe('the registry in the diagnosis', () => {
  it('held: the hold explains the NXDOMAIN, names who lifts it, and rests on the lookup', async () => {
    const d = await diagnoseAt(fixture('held'));
    expect([d.verdict, d.reason]).toEqual(['nxdomain', 'secure']);
    expect(d.headline).toMatch(/held\.lab\. is on client hold at the registry: the registrar/);
    expect(d.whatToDo).toMatch(/contact their registrar to lift the client hold/);
    expect(d.registry).toMatchObject({ state: 'found', status: ['client hold'] });
    expect(d.claims.some((c) => c.exchanges.includes('r0'))).toBe(true);
  });

  it('a server hold and an expired domain are told apart from a client hold', async () => {
    const held = fixture('held');
    const server = await diagnoseAt(withRecord(held, (r) => ({ ...r, status: ['server hold'] })));
    expect(server.headline).toMatch(/server hold at the registry: the registry has suspended it/);
    const expired = await diagnoseAt(
      withRecord(held, (r) => ({ ...r, status: ['redemption period', 'pending delete'] })),
    );
    expect(expired.headline).toMatch(/it has expired and is being deleted/);
  });

  it('an active domain explains nothing about an NXDOMAIN: the usual sentence stays', async () => {
    const d = await diagnoseAt(withRecord(fixture('held'), (r) => ({ ...r, status: ['active'] })));
    expect(d.headline).toMatch(/does not exist: every resolver answers NXDOMAIN/);
  });

  it('nxdomain: a 404 from the registry says the domain is not registered', async () => {
    const d = await diagnoseAt(fixture('nxdomain'));
    expect(d.registry).toMatchObject({ state: 'not-found', domain: 'nonexistent.lab.' });
    expect(d.whatToDo).toMatch(/registry has no domain nonexistent\.lab\./);
    expect(d.detail.join(' ')).toMatch(/RDAP answered 404/);
  });

  it('a registry that cannot be read is said so, with its message, and nothing is guessed', async () => {
    const evidence = withLookup(fixture('lame'), {
      error: {
        class: 'unreachable',
        message:
          'could not reach 127.0.0.1:8540 from this browser (blocked, offline or no CORS — a browser cannot tell which)',
      },
    });
    const d = await diagnoseAt(evidence);
    expect([d.verdict, d.reason]).toEqual(['lame-delegation', 'ns-failure']);
    expect(d.registry).toMatchObject({ state: 'failed' });
    expect(d.registry?.message).toMatch(/no CORS/);
    expect(d.detail.join(' ')).toMatch(/The registry could not be asked: could not reach/);
    expect(d.suspects).toEqual([]);
    expect(d.notDone).toEqual([]);
  });

  it('warns when the registry and the zone list different nameservers', async () => {
    const evidence = withRecord(fixture('two-ns'), (r) => ({
      ...r,
      nameservers: [r.nameservers[0]!, { ldhName: 'NS3.OLD-HOST.LAB', v4: [], v6: [] }],
    }));
    const d = await diagnoseAt(evidence);
    expect(d.verdict).toBe('ok');
    const warning = d.warnings.find((w) => w.id === 'registry-ns-mismatch')!;
    expect(warning.text).toMatch(
      /registry lists ns3\.old-host\.lab\., which the zone’s own NS set does not/,
    );
    expect(warning.text).toMatch(/zone names ns2\.two-ns\.lab\., which the registry does not list/);
    expect(warning.exchanges).toContain('r0');
  });

  it('warns when the registry holds a DS the parent does not publish yet', async () => {
    const evidence = withRecord(fixture('alg13'), (r) => ({
      ...r,
      dsData: [
        ...r.dsData,
        { keyTag: 4711, algorithm: 13, digestType: 2, digest: 'ab'.repeat(32) },
      ],
    }));
    const d = await diagnoseAt(evidence);
    const warning = d.warnings.find((w) => w.id === 'registry-ds-mismatch')!;
    expect(warning.text).toMatch(/registry holds 4711 13 2 ABAB.*not yet published/);
  });

  it('a pending DS that matches no key of the zone is a warning of a coming failure', async () => {
    const evidence = withRecord(fixture('alg13'), (r) => ({
      ...r,
      dsData: [{ keyTag: 4711, algorithm: 13, digestType: 2, digest: 'cd'.repeat(32) }],
    }));
    const d = await diagnoseAt(evidence);
    const warning = d.warnings.find((w) => w.id === 'registry-ds-mismatch')!;
    expect(warning.text).toMatch(
      /parent publishes \d+ 13 2 [0-9A-F]{64}, which the registry no longer holds/,
    );
    expect(warning.text).toMatch(
      /Beware: the registry’s DS \(key tag 4711\) matches none of the keys/,
    );
    // A SHA-384 DS of the zone's own KSK is only "not yet published": no alarm.
    const good = fixture('alg13');
    const dnskey = good.exchanges.find(
      (x) => x.purpose === 'dnskey' && x.question.name === 'alg13.lab.',
    )!;
    const [key] = dsForZoneKeys('alg13.lab.', answerOf(dnskey)!);
    const [, , , tag, algorithm, digestType, digest] = key!.ds[1]!.split(' ');
    expect(digestType).toBe('4');
    const rolled = withRecord(good, (r) => ({
      ...r,
      dsData: [
        { keyTag: Number(tag), algorithm: Number(algorithm), digestType: 4, digest: digest! },
      ],
    }));
    const ok = await diagnoseAt(rolled);
    const pending = ok.warnings.find((w) => w.id === 'registry-ds-mismatch')!;
    expect(pending.text).toMatch(/not yet published/);
    expect(pending.text).not.toMatch(/Beware/);
  });

  it('agreeing registry and DNS give no registry warning (every secure recording)', async () => {
    for (const id of ['alg8', 'alg13', 'nsec3', 'two-ns', 'spread-ns', 'insecure']) {
      const d = await diagnoseAt(fixture(id));
      expect(
        d.warnings.filter((w) => w.id.startsWith('registry-')),
        id,
      ).toEqual([]);
    }
  });

  it('two-ns warns of one network; spread-ns, in two /24s, does not', async () => {
    const two = await diagnoseAt(fixture('two-ns'));
    expect(two.warnings.map((w) => w.id)).toContain('one-network');
    expect(two.warnings.find((w) => w.id === 'one-network')!.text).toMatch(/127\.53\.0\.0\/24/);
    const spread = await diagnoseAt(fixture('spread-ns'));
    expect(spread.warnings.map((w) => w.id)).not.toContain('one-network');
    expect(spread.warnings.map((w) => w.id)).not.toContain('single-nameserver');
  });

  it('a nameserver the zone names but the registry does not list is suspect for that', () => {
    const evidence = withRecord(fixture('alg13'), (r) => ({
      ...r,
      nameservers: [{ ldhName: 'ns9.elsewhere.lab', v4: [], v6: [] }],
    }));
    const suspects = explainSuspects(
      suspectFindings(collectFacts(evidence), 'alg13.lab.', [], registryView(evidence)),
    );
    // Inside its zone as well, so its glue is not seen either.
    expect(suspects.find((s) => s.host === 'ns.alg13.lab.')!.problems).toEqual([
      'not-in-registry',
      'needs-glue',
    ]);
    expect(suspects.find((s) => s.host === 'ns.alg13.lab.')!.text).toMatch(
      /in the zone’s NS set\): the registry does not list it, so resolvers are never sent to it/,
    );
    expect(suspects.find((s) => s.host === 'ns9.elsewhere.lab.')!.text).toMatch(
      /listed by the registry/,
    );
  });

  it('a registry that lists neither nameservers nor DS records is not read as "none"', async () => {
    // Registries that publish keyData, or leave secureDNS out, say nothing about DS.
    const evidence = withRecord(fixture('alg13'), (r) => ({
      ...r,
      nameservers: [],
      dsData: [],
      delegationSigned: true,
    }));
    const d = await diagnoseAt(evidence);
    expect(d.warnings.filter((w) => w.id.startsWith('registry-'))).toEqual([]);
    expect(d.registry).toMatchObject({ dsKnown: false, nameservers: [], ds: [] });
    expect(d.detail.join(' ')).toMatch(
      /no nameservers and without saying which DS records it holds/,
    );
    const suspects = explainSuspects(
      suspectFindings(collectFacts(evidence), 'alg13.lab.', [], registryView(evidence)),
    );
    expect(suspects[0]!.problems).not.toContain('not-in-registry');
  });

  it('nameservers listed without addresses: glue unknown, not missing', async () => {
    const evidence = withRecord(fixture('lame'), (r) => ({
      ...r,
      nameservers: r.nameservers.map((ns) => ({ ...ns, v4: [], v6: [] })),
    }));
    const d = await diagnoseAt(evidence);
    expect([d.verdict, d.reason, d.confidence]).toEqual([
      'lame-delegation',
      'ns-failure',
      'medium',
    ]);
    expect(d.suspects[0]).toMatchObject({ host: 'ns.lame.lab.', problems: ['needs-glue'] });
  });

  it('a hold does not explain a name denied by the domain’s own zone', async () => {
    const evidence = withRecord(fixture('nxdomain-child'), (r) => ({
      ...r,
      status: ['clientHold'],
    }));
    const d = await diagnoseAt(evidence);
    expect(d.verdict).toBe('nxdomain');
    expect(d.headline).not.toMatch(/hold/);
    // The EPP spelling is still read as a hold where it does explain the NXDOMAIN.
    const held = await diagnoseAt(
      withRecord(fixture('held'), (r) => ({ ...r, status: ['clientHold'] })),
    );
    expect(held.headline).toMatch(/on clientHold at the registry: the registrar has suspended it/);
  });

  it('lists a nameserver the registry spells twice once, glue merged', () => {
    const evidence = withRecord(fixture('alg13'), (r) => ({
      ...r,
      nameservers: [
        { ldhName: 'NS.ALG13.LAB', v4: ['127.53.0.3'], v6: [] },
        { ldhName: 'ns.alg13.lab.', v4: [], v6: ['::1'] },
      ],
    }));
    return diagnoseAt(evidence).then((d) => {
      expect(d.registry?.nameservers).toEqual([
        { host: 'ns.alg13.lab.', glue: ['127.53.0.3', '::1'] },
      ]);
    });
  });

  it('a corrected digest under the same key tag is "waiting", not "the stale DS"', async () => {
    const evidence = withRecord(fixture('ds-mismatch'), (r) => ({
      ...r,
      dsData: r.dsData.map((ds) => ({ ...ds, digest: 'ab'.repeat(32) })),
    }));
    const d = await diagnoseAt(evidence);
    const claim = d.claims.find((c) => c.exchanges.includes('r0'))!;
    expect(claim.text).toMatch(/already holds different DS records.*waiting to be published/);
  });

  it('registryView: not asked, found, not found', () => {
    const { rdap: _asked, ...bare } = fixture('alg13');
    expect(registryView(bare).state).toBe('not-asked');
    expect(registryView(fixture('alg13'))).toMatchObject({
      state: 'found',
      domain: 'alg13.lab.',
      hosts: ['ns.alg13.lab.'],
      holds: [],
    });
    expect(registryView(fixture('nxdomain')).state).toBe('not-found');
  });
});
