/**
 * What an owner pastes into the DS check: DS records in every form registrars and tools
 * print them, DNSKEY records, several per text area, and text that is not a record at all.
 */

import { describe, expect, it } from 'vitest';
import {
  MAX_PASTED_RECORDS,
  MAX_RECORD_CHARS,
  readPastedRecords,
  type PastedRecord,
} from '../../../../src/diagnosis/ds-check/pasted-records';
import { splitPastedText } from '../../../../src/diagnosis/ds-check/split-pasted';

// RFC 8080 §6.1, example 1: an Ed25519 KSK of example.com. and its SHA-256 DS.
const KEY = 'l02Woi0iS8Aa25FQkUd9RMzZHJpBoRQwAQEX1SxZJA4=';
const DS_HEX = '3AA5AB37EFCE57F737FC1627013FEE07BDF241BD10F3B1964AB55C78E79A304B';
const DS_LINE = `example.com. IN DS 3613 15 2 ${DS_HEX}`;

const lines = (records: readonly PastedRecord[]) =>
  records.map((r) => (r.kind === 'ds' ? r.line : `malformed: ${r.message}`));

describe('reading pasted DS and DNSKEY records', () => {
  it('reads a DS in every usual form as the same record', () => {
    const grouped = DS_HEX.match(/.{4}/g)!.join(' ');
    const forms = [
      // Grouped by four: a group may spell a type (AAAA, CAA), and is still digest.
      `3613 15 2 ${grouped}`,
      `example.com. 3600 IN DS 3613 15 2 ${DS_HEX}`,
      `example.com IN DS 3613 15 2 ${DS_HEX.toLowerCase()}`,
      `example.com. DS 3613 15 2 ${DS_HEX.slice(0, 56)} ${DS_HEX.slice(56)}`,
      `3600 IN DS 3613 15 2 ${DS_HEX}`,
      `IN DS 3613 15 2 ${DS_HEX}`,
      `@ DS 3613 15 2 ${DS_HEX}`,
      `3613 15 2 ${DS_HEX}`,
      `example.com. 3600 IN CDS 3613 15 2 ${DS_HEX}`,
    ];
    const read = readPastedRecords('example.com.', forms);
    expect(lines(read.records)).toEqual(forms.map(() => DS_LINE));
    const spellsType = readPastedRecords('example.com.', [`1 13 2 AAAA CAA ${'B'.repeat(57)}`]);
    expect(lines(spellsType.records)).toEqual([
      `example.com. IN DS 1 13 2 AAAACAA${'B'.repeat(57)}`,
    ]);
  });

  it('reads a DNSKEY (whole, RDATA alone, or dig’s multi-line form) as its SHA-256 DS (RFC 8080 §6.1)', () => {
    const text = [
      `example.com. 3600 IN DNSKEY 257 3 15 ${KEY}`,
      `257 3 15 ${KEY}`,
      `example.com. 3600 IN DNSKEY 257 3 15 (`,
      `    ${KEY} ) ; KSK; alg = ED25519 ; key id = 3613`,
    ].join('\n');
    const entries = splitPastedText(text);
    expect(entries).toHaveLength(3);
    const read = readPastedRecords('example.com.', entries);
    expect(lines(read.records)).toEqual([DS_LINE, DS_LINE, DS_LINE]);
    expect(read.records.every((r) => r.kind === 'ds' && r.fromDnskey?.flags === 257)).toBe(true);
  });

  it('says why a line cannot be read, and reads the others', () => {
    const read = readPastedRecords('example.com.', [
      '3613 15 2 XYZ',
      `3613 15 2 ${DS_HEX.slice(0, 40)}`,
      `other.example. IN DS 3613 15 2 ${DS_HEX}`,
      'example.com. IN TXT "hello"',
      'please publish this',
      '3613 15',
      DS_LINE,
    ]);
    expect(lines(read.records)).toEqual([
      'malformed: the digest is not hexadecimal (digits 0-9 and A-F, an even number of them)',
      'malformed: a digest of type 2 has 64 hex digits, this one has 40',
      'malformed: it is a record of other.example., not of example.com.',
      'malformed: it is a record of type TXT, not a DS or DNSKEY record',
      'malformed: it is neither a DS nor a DNSKEY record: a DS reads like "example.com. IN DS 12345 13 2 ABCD…", or its last four fields alone',
      'malformed: digest type: expected an integer up to 255, got nothing',
      DS_LINE,
    ]);
  });

  it('refuses over-long lines unread and reads at most MAX_PASTED_RECORDS', () => {
    const long = `3613 15 2 ${'A'.repeat(MAX_RECORD_CHARS)}`;
    const read = readPastedRecords('example.com.', [
      long,
      ...Array(MAX_PASTED_RECORDS).fill(DS_LINE),
    ]);
    expect(read.records[0]).toMatchObject({ kind: 'malformed' });
    expect(read.records[0]?.kind === 'malformed' && read.records[0].message).toMatch(
      /characters long/,
    );
    expect(read.records).toHaveLength(MAX_PASTED_RECORDS);
    expect(read.skipped).toBe(1);
  });

  it('keeps hostile text as text: the record as pasted, the message quoting it one line', () => {
    const hostile = '<img src=x onerror=alert(1)>\u202E';
    const read = readPastedRecords('example.com.', [hostile]);
    expect(read.records[0]).toMatchObject({ kind: 'malformed', text: hostile });
  });
});

describe('splitting the text area into records', () => {
  it('one per line, blank lines and comments dropped, parentheses joined', () => {
    expect(
      splitPastedText('a. IN DS 1 13 2 AB ; key\r\n\n  ; only a comment\n(2 13\n 2 CD)\n'),
    ).toEqual(['a. IN DS 1 13 2 AB', '(2 13 2 CD)']);
  });

  it('an unclosed parenthesis keeps the rest as one record', () => {
    expect(splitPastedText('1 13 2 (AB\nCD')).toEqual(['1 13 2 (AB CD']);
  });
});
