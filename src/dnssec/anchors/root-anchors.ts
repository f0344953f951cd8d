/**
 * The root zone's trust anchors, built in.
 *
 * Provenance: IANA, "root-anchors.xml" (https://data.iana.org/root-anchors/root-anchors.xml),
 * KeyDigest entries "Kjqmt7v" (KSK-2017, key tag 20326, valid from 2017-02-02) and
 * "Klajeyz" (KSK-2024, key tag 38696, valid from 2024-07-18), both algorithm 8
 * (RSA/SHA-256) with SHA-256 digests. KSK-2024 signs the root DNSKEY RRset from
 * 2026-10-11; KSK-2017 is due to be revoked in 2027 (shared/facts.md), so both are trusted.
 * Replace them with the `ta=` URL parameter or the settings (design.md).
 */
export const ROOT_TRUST_ANCHORS_TEXT = [
  '. IN DS 20326 8 2 E06D44B80B8F1D39A95C0B0D7C65D08458E880409BBC683457104237C7F8EC8D',
  '. IN DS 38696 8 2 683D2D0ACB8C9B712A1948B27F741219298D0A450D612C483AF444A4C0FB2B16',
] as const;
