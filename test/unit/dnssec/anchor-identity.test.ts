/**
 * Whose trust anchors a check uses (dnssec/anchors/anchor-identity.ts): the built-in root
 * anchors however they are written, or someone else's with their key tags; and the
 * sentence the page, the report and the history show.
 */
import { describe, expect, it } from 'vitest';
import {
  anchorKeyTags,
  identifyTrustAnchors,
  keyTagPhrase,
  trustAnchorWarning,
} from '../../../src/dnssec/anchors/anchor-identity';
import { ROOT_TRUST_ANCHORS_TEXT } from '../../../src/dnssec/anchors/root-anchors';
import { loadLabFixture } from '../../fixtures/lab-fixtures';

/** IANA root-anchors.xml, KSK-2017 (key tag 20326), as a DNSKEY record. */
const KSK_2017_DNSKEY =
  '. IN DNSKEY 257 3 8 AwEAAaz/tAm8yTn4Mfeh5eyI96WSVexTBAvkMgJzkKTOiW1vkIbzxeF3+/4RgWOq7HrxRixHlFlExOLAJr5emLvN7SWXgnLh4+B5xQlNVz8Og8kvArMtNROxVQuCaSnIDdD5LKyWbRd2n9WGe2R8PzgCmr3EgVLrjyBxWezF0jLHwVN8efS3rCj/EWgvIWgb9tarpVUDK/b58Da+sqqls3eNbuv7pr+eoZG+SrDK6nWeL3c6H5Apxz7LjVc1uTIdsIXxuOLYA4/ilBmSVIzuDWfdRUfhHdY6+cn8HFRm+2hM8AnXGXws9555KrUB5qihylGa8subX2Nn6UwNR1AkUTV74bU=';

const LAB_ANCHORS = loadLabFixture('expired').trustAnchors;

describe('identifyTrustAnchors', () => {
  it('an empty list, blank entries and the built-in text are the root anchors', () => {
    expect(identifyTrustAnchors([])).toEqual({ kind: 'root' });
    expect(identifyTrustAnchors(['', '  '])).toEqual({ kind: 'root' });
    expect(identifyTrustAnchors(ROOT_TRUST_ANCHORS_TEXT)).toEqual({ kind: 'root' });
  });

  it('compares records, not text: case, spacing, TTL, order and one entry or two', () => {
    const [a, b] = ROOT_TRUST_ANCHORS_TEXT;
    const lower = (t: string) => t.toLowerCase().replace(/ /g, '\t  ');
    expect(identifyTrustAnchors([lower(b), lower(a)])).toEqual({ kind: 'root' });
    expect(identifyTrustAnchors([`${a}\n${b}`])).toEqual({ kind: 'root' });
    expect(
      identifyTrustAnchors([a.replace('. IN', '. 172800 IN'), b, a]), // a repeat adds nothing
    ).toEqual({ kind: 'root' });
  });

  it("the lab's root key is not the root's: custom, with its key tag", () => {
    expect(LAB_ANCHORS.length).toBeGreaterThan(0);
    const identity = identifyTrustAnchors(LAB_ANCHORS);
    expect(identity.kind).toBe('custom');
    const tag = Number(/ DS (\d+) /.exec(LAB_ANCHORS[0] ?? '')?.[1]);
    expect(anchorKeyTags(identity)).toEqual([tag]);
    if (identity.kind === 'custom') {
      expect(identity.anchors[0]).toMatchObject({ zone: '.', record: 'DS', root: false });
      expect(identity.partOfRoot).toBe(false);
    }
  });

  it('the root anchors plus one more are not the root anchors', () => {
    const identity = identifyTrustAnchors([...ROOT_TRUST_ANCHORS_TEXT, ...LAB_ANCHORS]);
    expect(identity.kind).toBe('custom');
    const labTags = anchorKeyTags(identifyTrustAnchors(LAB_ANCHORS));
    expect(anchorKeyTags(identity)).toEqual([20326, 38696, ...labTags]);
  });

  it('a DNSKEY anchor counts as its SHA-256 DS: the root KSK as DNSKEY is part of the root set', () => {
    const identity = identifyTrustAnchors([KSK_2017_DNSKEY]);
    expect(identity).toEqual({
      kind: 'custom',
      anchors: [{ zone: '.', keyTag: 20326, algorithm: 8, record: 'DNSKEY', root: true }],
      partOfRoot: true,
    });
    // With KSK-2024 as DS beside it, the set is the built-in one.
    expect(identifyTrustAnchors([KSK_2017_DNSKEY, ROOT_TRUST_ANCHORS_TEXT[1]])).toEqual({
      kind: 'root',
    });
  });

  it('one digit of a digest changed is another key', () => {
    const forged = ROOT_TRUST_ANCHORS_TEXT.map((t) => t.replace(/8D$/, '8E'));
    const identity = identifyTrustAnchors(forged);
    expect(identity.kind).toBe('custom');
    if (identity.kind === 'custom') expect(identity.partOfRoot).toBe(false);
  });

  it('anchors that cannot be read are neither the root nor silently ignored', () => {
    const identity = identifyTrustAnchors(['. IN A 192.0.2.1']);
    expect(identity.kind).toBe('unreadable');
    expect(identifyTrustAnchors(['not a record']).kind).toBe('unreadable');
  });

  it('an anchor for a zone below the root names that zone', () => {
    const lab = LAB_ANCHORS[0]!.replace(/^\. /, 'lab. ');
    const identity = identifyTrustAnchors([lab]);
    expect(identity.kind === 'custom' && identity.anchors[0]?.zone).toBe('lab.');
    expect(trustAnchorWarning(identity, 'whoever made this link')).toMatch(/ for lab\.\)/);
  });
});

describe('trustAnchorWarning', () => {
  it('says nothing for the root anchors', () => {
    expect(trustAnchorWarning(identifyTrustAnchors([]), 'x')).toBeNull();
  });

  it('names the key tag and whose "Secure" it is', () => {
    const text = trustAnchorWarning(identifyTrustAnchors(LAB_ANCHORS), 'whoever made this link');
    const tag = anchorKeyTags(identifyTrustAnchors(LAB_ANCHORS))[0];
    expect(text).toBe(
      `This result is validated against a trust anchor that is not the root's (key tag ${tag}): 'Secure' here means secure for whoever made this link, not for the Internet.`,
    );
  });

  it('says so when only part of the root set is trusted, and when anchors cannot be read', () => {
    expect(trustAnchorWarning(identifyTrustAnchors([KSK_2017_DNSKEY]), 'x')).toMatch(
      /only part of the root's trust anchors \(key tag 20326\)/,
    );
    expect(trustAnchorWarning(identifyTrustAnchors(['junk']), 'x')).toMatch(
      /cannot be read \(.+\): nothing here is validated against the root's keys/,
    );
  });

  it('key tag phrases', () => {
    expect(keyTagPhrase([1])).toBe('key tag 1');
    expect(keyTagPhrase([1, 2])).toBe('key tags 1 and 2');
    expect(keyTagPhrase([1, 2, 3])).toBe('key tags 1, 2 and 3');
  });
});
