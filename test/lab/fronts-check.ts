/**
 * What each broken DoH front answers to one GET (`www.alg13.lab. A`), as `lab:check`
 * prints it: status, headers a page cares about, body size and what the body is as DNS.
 * Nothing in a row depends on timing or keys, so two runs print the same table.
 */
import type { LabBrokenFront, LabManifest } from './manifest';
import { markdownTable } from './table';
import { buildQuery, decodeMessage } from './wire';

export const FRONTS_QUESTION = { qname: 'www.alg13.lab.', qtype: 'A' } as const;
/** The check's patience with a front that never answers (the hang lasts 60 s). */
const FRONT_TIMEOUT_MS = 3000;

export interface FrontRow {
  readonly front: string;
  /** HTTP status, or what happened instead of a response. */
  readonly status: string;
  readonly contentType: string;
  readonly cors: boolean;
  readonly retryAfter: string;
  readonly octets: number | null;
  /** What the body says as a DNS message (or why it says nothing). */
  readonly dns: string;
}

const DNS_MESSAGE = 'application/dns-message';

/** The body read as an answer to the query (ID 0, `www.alg13.lab A`). */
function dnsOf(body: Uint8Array, contentType: string): string {
  if (contentType !== DNS_MESSAGE) return '—';
  // The query's ID is 0 (wire.ts); a reply with another is no answer to it (RFC 1035 §4.1.1).
  if (body.length < 2 || body[0] !== 0 || body[1] !== 0) return 'not the answer: another ID';
  let message;
  try {
    message = decodeMessage(body);
  } catch {
    return 'not a DNS message';
  }
  const question = `${FRONTS_QUESTION.qname.replace(/\.$/, '')} ${FRONTS_QUESTION.qtype}`;
  if (message.questions.join() !== question) return `answer to ${message.questions.join()}`;
  const records = message.answers.filter((record) => record.type !== 'RRSIG');
  const parts = [
    message.rcode,
    ...(message.tc ? ['TC=1'] : []),
    records.length > 0
      ? records.map((record) => `${record.type} ${record.data}`).join(' ')
      : 'no records',
  ];
  return parts.join(', ');
}

function failure(error: unknown): string {
  if (error instanceof Error && error.name === 'TimeoutError') {
    return `no response within ${FRONT_TIMEOUT_MS / 1000} s`;
  }
  const cause = error instanceof Error ? (error.cause as { code?: string } | undefined) : undefined;
  return cause?.code === 'ECONNRESET' ? 'connection reset' : `failed: ${cause?.code ?? error}`;
}

async function checkFront(front: LabBrokenFront): Promise<FrontRow> {
  const dns = Buffer.from(buildQuery({ ...FRONTS_QUESTION, cd: false })).toString('base64url');
  try {
    const response = await fetch(`${front.url}?dns=${dns}`, {
      headers: { accept: DNS_MESSAGE },
      signal: AbortSignal.timeout(FRONT_TIMEOUT_MS),
    });
    const body = new Uint8Array(await response.arrayBuffer());
    const contentType = (response.headers.get('content-type') ?? '—').split(';')[0] ?? '—';
    return {
      front: front.id,
      status: String(response.status),
      contentType,
      cors: response.headers.get('access-control-allow-origin') === '*',
      retryAfter: response.headers.get('retry-after') ?? '—',
      octets: body.length,
      dns: dnsOf(body, contentType),
    };
  } catch (error) {
    return {
      front: front.id,
      status: failure(error),
      contentType: '—',
      cors: false,
      retryAfter: '—',
      octets: null,
      dns: '—',
    };
  }
}

export function checkBrokenFronts(manifest: LabManifest): Promise<FrontRow[]> {
  return Promise.all(manifest.brokenFronts.map(checkFront));
}

export function frontsTable(rows: readonly FrontRow[]): string {
  return markdownTable(
    ['front', 'status', 'Content-Type', 'CORS', 'Retry-After', 'body octets', 'body as DNS'],
    rows.map((row) => [
      `/${row.front}/`,
      row.status,
      row.contentType,
      row.cors ? 'yes' : 'no',
      row.retryAfter,
      row.octets === null ? '—' : String(row.octets),
      row.dns,
    ]),
  );
}
