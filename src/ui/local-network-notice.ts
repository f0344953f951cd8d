/**
 * The words of the Local Network Access notice (LocalNetworkNotice.svelte): before a check
 * from a public page reaches resolvers on this computer or the local network, say what the
 * browser is about to ask and why, or that it already refused. Plain text, never HTML.
 */

import {
  localNetworkNeed,
  type LocalNetworkNeed,
  type LocalNetworkPermission,
} from '../doh/local-network';

export interface NoticeInput {
  /** `location.origin` of the page. */
  readonly pageOrigin: string;
  /** The DoH URLs the check asks. */
  readonly resolvers: readonly string[];
  /** The RDAP bootstrap file, when the registry is asked. */
  readonly rdapBootstrap?: string | undefined;
}

/** How many hosts the sentence names before it says "…". */
const HOSTS_SHOWN = 3;

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function hostList(urls: readonly string[]): string {
  const hosts = [...new Set(urls.map(hostOf))];
  const shown = hosts.slice(0, HOSTS_SHOWN).join(', ');
  // A no-break space keeps the ellipsis on the line of the last host shown.
  return hosts.length > HOSTS_SHOWN ? `${shown}\u00a0…` : shown;
}

/** Whether the check needs the permission: the URLs the notice is about. */
export function noticeNeed(input: NoticeInput): LocalNetworkNeed | undefined {
  const urls = [...input.resolvers, ...(input.rdapBootstrap ? [input.rdapBootstrap] : [])];
  return localNetworkNeed(input.pageOrigin, urls);
}

/**
 * The notice's sentence, or undefined when the browser will not ask (a page on loopback,
 * only public resolvers).
 *
 * @example
 * localNetworkNoticeText({ pageOrigin: 'https://lens.example', resolvers: ['http://127.0.0.1:8531/dns-query'] }, 'prompt')
 * // 'This check asks resolvers on your own machine (127.0.0.1:8531); your browser may ask …'
 */
export function localNetworkNoticeText(
  input: NoticeInput,
  permission: LocalNetworkPermission,
): string | undefined {
  const need = noticeNeed(input);
  if (need === undefined) return undefined;
  const spaces = new Set(need.targets.map((t) => t.space));
  const where =
    spaces.size === 2
      ? 'on your own machine and your local network'
      : spaces.has('loopback')
        ? 'on your own machine'
        : 'on your local network';
  const resolverUrls = need.targets
    .map((t) => t.url)
    .filter((url) => input.resolvers.includes(url));
  const registry = need.targets.some((t) => t.url === input.rdapBootstrap);
  const bootstrapHost = input.rdapBootstrap ? hostOf(input.rdapBootstrap) : '';
  const subject =
    resolverUrls.length === 0
      ? `the registry’s bootstrap file ${where} (${bootstrapHost})`
      : `resolvers ${where} (${hostList(resolverUrls)})` +
        (registry ? ` and the registry’s bootstrap file at ${bootstrapHost}` : '');
  if (need.insecurePage) {
    return `This check asks ${subject}, but this page is not served over https, so your browser will not let it reach them. Open SERVFAIL Lens over https, or from localhost.`;
  }
  switch (permission) {
    case 'granted':
      return `This check asks ${subject}; your browser allows this site to reach them.`;
    case 'denied':
      return `This check asks ${subject}, but your browser blocks this site from reaching devices on your local network, so those requests will fail. Allow local network access in the site settings (the icon left of the address) and check again.`;
    case 'prompt':
    case 'unknown':
      return `This check asks ${subject}; your browser may ask to allow access to devices on your local network. Allow it for the check to work.`;
  }
}
