/**
 * Rule: no resolver gave a DNS answer at all (every exchange failed in transport). A browser
 * cannot tell a CORS refusal from a network failure (facts.md), so the verdict says what
 * was seen and what to try, never which of the two it was.
 */

import type { TransportErrorClass } from '../../evidence/evidence';
import type { TransportOutcome } from '../facts';
import { listText, outcomeClaim, type Rule } from '../rule';
import { advice } from '../transport-advice';

const WHY: Readonly<Record<TransportErrorClass, string>> = {
  unreachable:
    'could not be reached from this browser (offline, blocked by a firewall or an extension, or no CORS)',
  timeout: 'did not answer in time',
  'http-status': 'answered with an HTTP error',
  'content-type': 'did not answer with a DNS message',
  malformed: 'sent a response that is not a readable DNS message',
  mismatch: 'sent a DNS message that does not answer the question asked',
  'rate-limited': 'said this browser asks too often (HTTP 429, rate limited)',
  'too-large': 'sent a body longer than any DNS message can be',
  truncated: 'sent a truncated DNS message (TC=1), an incomplete answer',
  'local-network-denied':
    'are on this machine or network, and the browser was not allowed to reach them',
  aborted: 'was cancelled',
};

export const unreachableRule: Rule = ({ facts }) => {
  // A resolver that gave no DNS answer tells nothing about the name (design): the verdict
  // comes from the others, and only when none is left is there nothing to say.
  if (facts.resolvers.length > 0 || facts.silent.length === 0) return null;
  const transport = facts.silent
    .flatMap((r) => [r.cd0, r.cd1])
    .filter((o): o is TransportOutcome => o.kind === 'transport');
  const classes = [...new Set(transport.map((o) => o.errorClass))].sort();
  const offline = classes.every((c) => c === 'unreachable');
  return {
    verdict: 'inconclusive',
    reason: 'all-unreachable',
    headline:
      facts.silent.length === 1
        ? `The only resolver asked gave no DNS answer, so nothing can be said about ${facts.qname} yet.`
        : `None of the ${facts.silent.length} resolvers gave a DNS answer, so nothing can be said about ${facts.qname} yet.`,
    whatToDo: offline
      ? 'Check that you are online; if you are, a firewall, a company network or a browser extension may block DNS-over-HTTPS — try another network or other resolvers in the settings.'
      : `Nothing here is about the domain: the resolvers ${listText(classes.map((c) => WHY[c]))}. ${advice(classes)}`,
    detail: [
      `Every DoH request failed before a DNS answer arrived: the resolvers ${listText(classes.map((c) => WHY[c]))}.`,
      ...(classes.includes('unreachable')
        ? [
            'A browser reports a refused cross-origin request (missing CORS headers) exactly like a network failure, so this page cannot tell them apart.',
          ]
        : []),
    ],
    fixes: [],
    confidence: 'low',
    uncertainty: 'No DNS answer arrived: the evidence says nothing about the domain itself.',
    claims: facts.silent.map((r) => outcomeClaim(r, 0)),
  };
};
