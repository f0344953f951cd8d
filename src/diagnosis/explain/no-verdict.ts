/**
 * The words for the findings that decide nothing about the domain (verdict `inconclusive`):
 * a cancelled check, no resolver reachable, resolvers still waiting on slow servers, and
 * evidence that points to no single cause.
 */

import { digCommand } from '../../dns/shell-command';
import type { TransportErrorClass } from '../../evidence/evidence';
import { describeOutcome, exchangeOf } from '../facts';
import type {
  CancelledFinding,
  InconclusiveFinding,
  SlowAuthorityFinding,
  UnreachableFinding,
} from '../finding';
import type { Verdict } from '../rule';
import { advice } from './transport-advice';
import { outcomeClaim, outcomeClaims, reproduceFix } from './common';
import { lameZoneClaim } from './lame';
import { listText, prose } from './prose';
import { parentAnswerText } from './suspects';

export function explainCancelled(f: CancelledFinding): Verdict {
  return {
    verdict: f.verdict,
    reason: f.reason,
    headline: prose`The check of ${f.qname} was cancelled before every resolver had answered, so there is no verdict.`,
    whatToDo: 'Run the check again and let it finish; it usually takes a few seconds.',
    detail: [
      prose`${f.unanswered.length} of ${f.asked} resolvers had not answered ${f.qname} ${f.qtype} ` +
        'with both CD=0 and CD=1 when the check was cancelled. The answers that did arrive are in the grid.',
    ],
    fixes: [],
    confidence: 'low',
    uncertainty: 'The check was cancelled: the missing answers could change the verdict.',
    claims: outcomeClaims(f.unanswered),
  };
}

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

export function explainUnreachable(f: UnreachableFinding): Verdict {
  const { classes } = f;
  const offline = classes.every((c) => c === 'unreachable');
  const why = listText(classes.map((c) => WHY[c]));
  return {
    verdict: f.verdict,
    reason: f.reason,
    headline:
      f.silent.length === 1
        ? prose`The only resolver asked gave no DNS answer, so nothing can be said about ${f.qname} yet.`
        : prose`None of the ${f.silent.length} resolvers gave a DNS answer, so nothing can be said about ${f.qname} yet.`,
    whatToDo: offline
      ? 'Check that you are online; if you are, a firewall, a company network or a browser extension may block DNS-over-HTTPS — try another network or other resolvers in the settings.'
      : `Nothing here is about the domain: the resolvers ${why}. ${advice(classes)}`,
    detail: [
      `Every DoH request failed before a DNS answer arrived: the resolvers ${why}.`,
      ...(classes.includes('unreachable')
        ? [
            'A browser reports a refused cross-origin request (missing CORS headers) exactly like a network failure, so this page cannot tell them apart.',
          ]
        : []),
    ],
    fixes: [],
    confidence: 'low',
    uncertainty: 'No DNS answer arrived: the evidence says nothing about the domain itself.',
    claims: f.silent.map((r) => outcomeClaim(r, 0)),
  };
}

/** The +trace step: the delegation followed from the root, to see where it stops. */
function traceFix(f: SlowAuthorityFinding | InconclusiveFinding, text: string) {
  return reproduceFix(
    f.resolvers.slice(0, 1).flatMap((r) => [exchangeOf(r.cd0), exchangeOf(r.cd1)]),
    text,
    [digCommand({ name: f.qname, type: f.qtype, flags: ['+trace'] })],
  );
}

export function explainSlowAuthority(f: SlowAuthorityFinding): Verdict {
  const { located } = f;
  const where = located
    ? prose`the servers of ${located.zone}` +
      (located.parentAnswer
        ? prose`, which ${located.parentAnswer.parent} still delegates to,`
        : '')
    : 'the domain’s servers';
  const who = f.slow.length > 0 ? listText(f.slow.map((r) => r.label)) : 'The resolvers';
  return {
    verdict: f.verdict,
    reason: f.reason,
    headline: prose`No resolver finished ${f.qname} within ${f.seconds} s, though they answered the rest of the check: ${where} are slow or do not answer.`,
    whatToDo:
      'This is not your connection: the resolvers are still trying the domain’s servers. Check again in a minute; if it stays like this, tell the domain’s owner.',
    detail: [
      prose`${who} answered this check’s other questions but not ${f.qname} ${f.qtype}: resolvers take several seconds to give up on servers that do not answer, and then say SERVFAIL.`,
      ...(located?.parentAnswer ? [parentAnswerText(located.parentAnswer)] : []),
    ],
    fixes: [
      traceFix(f, 'From a terminal, the last command (+trace) shows which servers do not answer.'),
    ],
    confidence: 'low',
    uncertainty:
      'The resolvers did not finish, so they gave no SERVFAIL or error code that says which servers fail and how.',
    claims: [
      ...outcomeClaims(f.resolvers),
      ...(located ? [lameZoneClaim(located, 'did not arrive either')] : []),
    ],
    ...(located ? { zone: located.zone } : {}),
  };
}

const INCONCLUSIVE_WHY: Readonly<Record<InconclusiveFinding['why'], string>> = {
  unlocated:
    'Every resolver fails, with and without DNSSEC checking, but neither the parent zones’ answers nor the resolvers’ error codes show which zone breaks: the failure may lie in an alias (CNAME) target or higher up the tree.',
  'bogus-but-vouched':
    'Our own DNSSEC check finds the answer bogus, yet a validating resolver accepted it (AD). The resolver may hold an older copy, or the clocks differ.',
  mixed: 'The resolvers’ answers do not point to one cause.',
};

export function explainInconclusive(f: InconclusiveFinding): Verdict {
  const why = INCONCLUSIVE_WHY[f.why];
  const seen = f.resolvers.map(
    (r) => prose`${r.label}: CD=0 ${describeOutcome(r.cd0)}, CD=1 ${describeOutcome(r.cd1)}.`,
  );
  return {
    verdict: f.verdict,
    reason: f.reason,
    headline: prose`The evidence does not tell why ${f.qname} fails, so there is no verdict rather than a guess.`,
    whatToDo:
      'Run the check again in a few minutes; if it stays like this, send this page to the domain’s owner or ask in a DNS forum with the evidence link.',
    detail: [why, ...seen],
    fixes: [
      traceFix(
        f,
        'Try it from a terminal; the last command (+trace) follows the delegation from the root and shows where it stops.',
      ),
    ],
    confidence: 'low',
    uncertainty: why,
    claims: outcomeClaims(f.resolvers),
    unknowns: f.notValidated
      ? [
          f.notValidated.problem ??
            'No answer could be validated, so the chain of trust was not checked.',
        ]
      : [],
  };
}
