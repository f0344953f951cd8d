/**
 * visibleText: untrusted text stays one line, and nothing in it reorders or hides text
 * (UAX #9 bidi controls, zero-width characters, separators, C0/C1 controls).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { visibleText } from '../../../src/dns/visible-text';

describe('visibleText', () => {
  it.each([
    ['a line feed', 'x\ny', 'x\\u000Ay'],
    ['a carriage return and a tab', 'x\r\ty', 'x\\u000D\\u0009y'],
    ['NUL and ESC', '\u0000\u001b[31m', '\\u0000\\u001B[31m'],
    ['DEL and a C1 control (NEL)', '\u007f\u0085', '\\u007F\\u0085'],
    ['RLO (right-to-left override)', 'evil\u202Egnp.exe', 'evil\\u202Egnp.exe'],
    ['LRE, RLE, PDF, LRO', '\u202A\u202B\u202C\u202D', '\\u202A\\u202B\\u202C\\u202D'],
    ['the isolates LRI, RLI, FSI, PDI', '\u2066\u2067\u2068\u2069', '\\u2066\\u2067\\u2068\\u2069'],
    ['LRM, RLM and ALM', '\u200E\u200F\u061C', '\\u200E\\u200F\\u061C'],
    ['zero-width space, non-joiner, joiner', 'a\u200Bb\u200Cc\u200Dd', 'a\\u200Bb\\u200Cc\\u200Dd'],
    ['word joiner and BOM', '\u2060\uFEFF', '\\u2060\\uFEFF'],
    ['line and paragraph separators', 'a\u2028b\u2029c', 'a\\u2028b\\u2029c'],
    ['a soft hyphen', 'pay\u00ADpal', 'pay\\u00ADpal'],
    ['a tag character (above the BMP)', 'x\u{E0041}', 'x\\u{E0041}'],
    ['a lone surrogate', 'x\uD800y', 'x\\uD800y'],
    ['a Hangul filler', 'a\u3164b', 'a\\u3164b'],
  ])('shows %s', (_, input, shown) => {
    expect(visibleText(input)).toBe(shown);
  });

  it.each([
    ['ASCII', 'no SEP matching the DS found for example.com.'],
    ['an IDN', 'bücher.example'],
    ['other scripts', 'مثال.إختبار 例子.测试'],
    ['emoji and symbols', 'ok ✓ 🙂 — “quoted” ’'],
    ['presentation escapes', 'a\\.b.\\226\\128\\174.example.'],
  ])('leaves %s alone', (_, text) => {
    expect(visibleText(text)).toBe(text);
  });

  it('always gives one line without invisible characters, and is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 64 }), (s) => {
        const shown = visibleText(s);
        expect(shown).not.toMatch(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/u);
        expect(visibleText(shown)).toBe(shown);
      }),
      { seed: 12, numRuns: 2000 },
    );
  });
});
