/**
 * The host a message names for a URL: `dns.example:8443`, with the port when one is given,
 * so two lab servers on one address stay apart. A text that is no URL is named as it is.
 *
 * @example hostOf('https://dns.google/dns-query') // 'dns.google'
 * @example hostOf('http://127.0.0.1:8531/dns-query') // '127.0.0.1:8531'
 */
export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
