/**
 * Reason phrases for HTTP status codes (RFC 9110 §15). Over HTTP/2 and HTTP/3 there is no
 * reason phrase on the wire and `Response.statusText` is empty, so the report supplies the
 * standard one: "HTTP 503 Service Unavailable" says more than "HTTP 503".
 */

const REASONS: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  408: 'Request Timeout',
  410: 'Gone',
  413: 'Content Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  421: 'Misdirected Request',
  429: 'Too Many Requests',
  451: 'Unavailable For Legal Reasons',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
  505: 'HTTP Version Not Supported',
};

/** @example httpStatusText(503) // 'HTTP 503 Service Unavailable' */
export function httpStatusText(status: number, statusText = ''): string {
  const reason = REASONS[status] ?? statusText.trim();
  return reason === '' ? `HTTP ${status}` : `HTTP ${status} ${reason}`;
}
