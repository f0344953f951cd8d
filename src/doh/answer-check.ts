/**
 * Is a decoded DNS message the answer to the query we sent? A DoH exchange is bound to
 * its request by HTTP, but a misbehaving server or cache can still hand back the wrong
 * message, so the basic checks of RFC 5452 §9.1 stay: it is a response (QR=1), it carries
 * the ID we sent (0, RFC 8484 §4.1), and its question is ours — name compared without
 * regard to ASCII case (RFC 4343), type and class equal.
 */

import type { DnsMessage } from '../dns/message';
import { sameName } from '../dns/name';
import { RCODE } from '../dns/rcodes';
import { typeFromText } from '../dns/wire/types';
import type { TransportError } from '../evidence/evidence';
import type { DohRequest } from './outcome';

/** The message ID of every query (RFC 8484 §4.1). */
export const QUERY_ID = 0;
const CLASS_IN = 1;

function mismatch(message: string): TransportError {
  return { class: 'mismatch', message };
}

/** A `mismatch` error, or undefined when the message answers `request`. */
export function checkAnswer(
  message: DnsMessage,
  request: DohRequest,
  host: string,
): TransportError | undefined {
  if (!message.flags.qr)
    return mismatch(`the message from ${host} is a query (QR=0), not an answer`);
  if (message.id !== QUERY_ID) {
    return mismatch(
      `the answer has message ID ${message.id}, but the query was sent with ID ${QUERY_ID}`,
    );
  }
  if (message.opcode !== 0) {
    return mismatch(`the answer has opcode ${message.opcodeName}, but the query was a QUERY`);
  }
  const asked = `${request.name} ${request.type}`;
  if (message.question.length === 0) {
    // Servers may leave the question out of an error response (FORMERR, REFUSED…); such a
    // message still says something. An answer that claims success must show its question.
    if (message.rcode === RCODE.NOERROR || message.rcode === RCODE.NXDOMAIN) {
      return mismatch(`the answer has no question section, so it cannot be matched to ${asked}`);
    }
    return undefined;
  }
  if (message.question.length > 1) {
    return mismatch(
      `the answer has ${message.question.length} questions; the query had one (${asked})`,
    );
  }
  const q = message.question[0]!;
  const sameType = q.typeCode === typeFromText(request.type);
  if (!sameName(q.name, request.name) || !sameType || q.classCode !== CLASS_IN) {
    const cls = q.classCode === CLASS_IN ? '' : ` (class ${q.class})`;
    return mismatch(
      `the answer is for ${q.name} ${q.type}${cls}, not the question asked (${asked})`,
    );
  }
  return undefined;
}
