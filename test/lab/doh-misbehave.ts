/**
 * The broken DoH fronts' behaviours (fronts.ts): each takes a well-formed RFC 8484
 * request and answers it the way some public DoH service or network has been seen to.
 * Where a DNS answer is involved it is the validating resolver's real one.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { questionName, truncatedAnswer, withQuestionName } from './dns-rewrite';
import {
  GARBAGE_OCTETS,
  HUGE_PADDING_OCTETS,
  RETRY_AFTER_SECONDS,
  type BrokenBehaviour,
} from './fronts';
import { reply } from './http-reply';

export interface Misbehaviour {
  readonly behaviour: BrokenBehaviour;
  /** The query from the request (validated: at least a header, at most 65,535 octets). */
  readonly query: Uint8Array;
  readonly request: IncomingMessage;
  readonly response: ServerResponse;
  /** Asks the resolver behind the front. */
  readonly resolve: (query: Uint8Array) => Promise<Uint8Array>;
  /** How long `hang` holds the connection before closing it. */
  readonly hangMs: number;
}

/** A sign-in page, as captive portals and some filtering networks put in place of any answer. */
const SIGN_IN_PAGE =
  '<!doctype html>\n<html lang="en"><head><title>Sign in</title></head>' +
  '<body><form><p>Sign in to continue to the network.</p></form></body></html>';

/** The other question `wrong` asks: a name of the lab that no scenario's query is. */
function otherName(query: Uint8Array): string {
  return questionName(query) === 'www.alg8.lab.' ? 'www.alg13.lab.' : 'www.alg8.lab.';
}

/** Random octets that cannot pass for the answer: the ID is the query's, inverted. */
function garbageFor(query: Uint8Array): Uint8Array {
  const bytes = new Uint8Array(randomBytes(GARBAGE_OCTETS));
  bytes[0] = ~(query[0] ?? 0) & 0xff;
  bytes[1] = ~(query[1] ?? 0) & 0xff;
  return bytes;
}

export async function misbehave(context: Misbehaviour): Promise<void> {
  const { query, request, response, resolve } = context;
  const retryAfter = { 'Retry-After': String(RETRY_AFTER_SECONDS) };
  switch (context.behaviour) {
    case 'nocors':
      return reply(response, 200, await resolve(query), { cors: false });
    case '429':
      return reply(response, 429, 'too many requests', { cors: false, headers: retryAfter });
    case '429cors':
      return reply(response, 429, 'too many requests', { headers: retryAfter });
    case 'tc':
      return reply(response, 200, truncatedAnswer(await resolve(query)));
    case 'huge': {
      const answer = await resolve(query);
      return reply(response, 200, Buffer.concat([answer, Buffer.alloc(HUGE_PADDING_OCTETS)]));
    }
    case 'garbage':
      return reply(response, 200, garbageFor(query));
    case '500':
      return reply(response, 500, 'internal server error');
    case 'html':
      return reply(response, 200, SIGN_IN_PAGE, {
        headers: { 'Content-Type': 'text/html; charset=utf-8' },
      });
    case 'wrong':
      return reply(response, 200, await resolve(withQuestionName(query, otherName(query))));
    case 'hang': {
      // Neither headers nor body: the client waits until its own limit, or until we close.
      const timer = setTimeout(() => request.socket.destroy(), context.hangMs);
      request.socket.once('close', () => clearTimeout(timer));
      return;
    }
    case 'reset':
      // RST instead of FIN: the client sees ECONNRESET, as behind a middlebox that kills it.
      request.socket.resetAndDestroy();
      return;
  }
}
