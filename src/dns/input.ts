/**
 * The search box: what a person types or pastes, turned into the name to ask about.
 *
 * People paste URLs, e-mail addresses, names with a trailing dot or in upper case, and
 * Unicode names; all of those are accepted and each step that changed the input is noted.
 * Input that is not a name gets a specific message: empty, an empty label, an over-long
 * label or name, an illegal character (named), or an IP address, for which the reverse
 * name is offered as a suggestion the UI can apply. Underscore labels (`_dmarc`) are legal
 * DNS names (RFC 2181 §11) and are accepted; so is `*` as the leftmost label (RFC 4592).
 */

import { labelToAscii, labelToUnicode, LABEL_SEPARATORS, ACE_PREFIX } from './idna';
import { ipv4ReverseName, ipv6ReverseName, parseIpv4, parseIpv6 } from './ip';
import { MAX_LABEL_OCTETS, MAX_NAME_CHARACTERS } from './name';

export type NameInput =
  | {
      readonly ok: true;
      /** A-labels, lower case, trailing dot: what is sent and stored in the Evidence. */
      readonly name: string;
      /** Unicode, no trailing dot: what is shown (the root is `.`). */
      readonly display: string;
      /** What was changed on the way, e.g. `took the host from a URL`. */
      readonly notes: readonly string[];
    }
  | {
      readonly ok: false;
      /** A specific explanation, e.g. `"a..b" has an empty label (two dots in a row).` */
      readonly message: string;
      /** Input the UI can offer instead, e.g. `1.2.0.192.in-addr.arpa` for `192.0.2.1`. */
      readonly suggestion?: string;
      /** The record type that goes with the suggestion (`PTR` for a reverse name). */
      readonly suggestionType?: string;
    };

function rejected(message: string): NameInput {
  return { ok: false, message };
}

function reverseSuggestion(address: string, reverse: string, family: string): NameInput {
  const shown = reverse.slice(0, -1);
  return {
    ok: false,
    message: `${address} is an ${family} address, not a domain name. Its reverse name is ${shown} (PTR).`,
    suggestion: shown,
    suggestionType: 'PTR',
  };
}

/** An illegal character as a person would recognise it. */
function describeCharacter(c: string): string {
  if (c === ' ') return 'a space';
  const cp = c.codePointAt(0) ?? 0;
  const hex = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  if (cp < 0x20 || cp === 0x7f || /[\p{C}\p{Z}]/u.test(c)) return `an invisible character (${hex})`;
  return `"${c}"`;
}

function quoteInput(text: string): string {
  return text.length <= 60 ? `"${text}"` : `"${text.slice(0, 57)}…"`;
}

interface Extracted {
  readonly host: string;
  readonly notes: readonly string[];
}

/** Takes the host out of a URL, the domain out of an e-mail address, drops a port or path. */
function extractHost(text: string): Extracted | string {
  const notes: string[] = [];
  let host = text;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(host);
  if (scheme && host.slice(scheme[0].length).startsWith('//')) {
    const authority = host.slice(scheme[0].length + 2).split(/[/?#]/)[0]!;
    host = authority.slice(authority.lastIndexOf('@') + 1);
    notes.push('took the host from a URL');
    if (host === '' || host.startsWith(':')) return 'The URL has no host name.';
    // A URL's port belongs to the URL, not to the name: dropped without a note.
    const bracketed = /^\[([^\]]*)\]/.exec(host);
    return { host: bracketed ? bracketed[1]! : host.replace(/:[0-9]*$/, ''), notes };
  }
  if (scheme && scheme[1]!.toLowerCase() === 'mailto') {
    host = host.slice(scheme[0].length).split('?')[0]!;
  } else {
    const cut = host.search(/[/?#]/);
    if (cut > 0 && !host.includes('@')) {
      host = host.slice(0, cut);
      notes.push('ignored the path after the name');
    }
  }
  if (host.startsWith('<') && host.endsWith('>')) host = host.slice(1, -1);
  const at = host.lastIndexOf('@');
  if (at >= 0) {
    host = host.slice(at + 1);
    notes.push('took the domain from an e-mail address');
    if (host === '') return 'The e-mail address has no domain after the @.';
  }
  if (host.startsWith('[')) {
    const close = host.indexOf(']');
    if (close > 0) host = host.slice(1, close);
  } else {
    const port = /^([^:]+):([0-9]{1,5})$/.exec(host);
    if (port) {
      host = port[1]!;
      notes.push(`ignored the port :${port[2]!}`);
    }
  }
  return { host, notes };
}

/**
 * Normalises search-box input into the name to ask about.
 *
 * @example normalizeInput(' https://WWW.Example.com/path ')
 * // { ok: true, name: 'www.example.com.', display: 'www.example.com', notes: ['took the host from a URL'] }
 * @example normalizeInput('192.0.2.1')
 * // { ok: false, message: '192.0.2.1 is an IPv4 address…', suggestion: '1.2.0.192.in-addr.arpa', suggestionType: 'PTR' }
 */
export function normalizeInput(input: string): NameInput {
  const text = input.trim();
  if (text === '') return rejected('Enter a domain name, for example example.com.');

  const extracted = extractHost(text);
  if (typeof extracted === 'string') return rejected(extracted);
  const notes = [...extracted.notes];
  let host = extracted.host;
  if (host === '') return rejected(`${quoteInput(text)} has no domain name in it.`);

  // An address is not a name, but its reverse name is one (RFC 1035 §3.5, RFC 3596 §2.5).
  const v6 = host.includes(':') ? parseIpv6(host.split('%')[0]!) : undefined;
  if (v6) return reverseSuggestion(host, ipv6ReverseName(v6), 'IPv6');
  const v4 = parseIpv4(host.endsWith('.') ? host.slice(0, -1) : host);
  if (v4) return reverseSuggestion(host.replace(/\.$/, ''), ipv4ReverseName(v4), 'IPv4');

  if (host === '.') return { ok: true, name: '.', display: '.', notes };

  // IDNA: NFC and lower case (RFC 5891 §5.2 and the case mapping of UTS #46), and the
  // ideographic full stops as dots (RFC 3490 §3.1).
  host = host.normalize('NFC').toLowerCase().replace(LABEL_SEPARATORS, '.');
  if (host.endsWith('.')) host = host.slice(0, -1);
  const labels = host.split('.');

  const asciiLabels: string[] = [];
  const unicodeLabels: string[] = [];
  let isIdn = false;
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i]!;
    if (label === '') {
      return rejected(
        i === 0
          ? `${quoteInput(text)} starts with a dot, which leaves an empty label.`
          : `${quoteInput(text)} has an empty label (two dots in a row).`,
      );
    }
    const wildcard = label === '*' && i === 0;
    for (const c of label) {
      const cp = c.codePointAt(0) ?? 0;
      const legal =
        cp > 0x7f ? !/[\p{C}\p{Z}]/u.test(c) : /[a-z0-9_-]/.test(c) || (wildcard && c === '*');
      if (!legal) {
        const where = label.length < text.length ? ` (in the label "${label}")` : '';
        const hint = c === '*' ? ' except as a whole leftmost label (a wildcard)' : '';
        return rejected(
          `${quoteInput(text)} contains ${describeCharacter(c)}${where}, which a domain name cannot contain${hint}. Use letters, digits, hyphens and underscores.`,
        );
      }
    }
    const ascii = labelToAscii(label);
    if (ascii !== label) isIdn = true;
    if (ascii.length > MAX_LABEL_OCTETS) {
      const form = ascii === label ? '' : ` as an A-label (${ascii})`;
      return rejected(
        `The label "${label}" is ${ascii.length} characters long${form}; a DNS label can have at most ${MAX_LABEL_OCTETS}.`,
      );
    }
    let unicode = label;
    if (label.startsWith(ACE_PREFIX)) {
      const decoded = labelToUnicode(label);
      if (decoded === undefined)
        notes.push(`"${label}" is not a valid A-label; it is asked as typed`);
      else unicode = decoded;
    }
    asciiLabels.push(ascii);
    unicodeLabels.push(unicode);
  }

  const name = asciiLabels.join('.');
  if (name.length > MAX_NAME_CHARACTERS) {
    return rejected(
      `The name is ${name.length} characters long; a DNS name can have at most ${MAX_NAME_CHARACTERS} (255 octets on the wire).`,
    );
  }
  if (isIdn) notes.push(`asked as ${name} (the A-label form of the Unicode name)`);
  return { ok: true, name: `${name}.`, display: unicodeLabels.join('.'), notes };
}
