/**
 * What a link makes this browser ask that the person's own settings would not: other DoH
 * resolvers (`resolver=`, or the resolvers an evidence link was recorded with, which
 * "Check again now" asks) and another RDAP bootstrap file (`rdap=`). The page names them
 * above the verdict (design.md, `link-resolvers`), so that a link cannot send the
 * person's questions, and their IP address, to servers they never chose without saying so.
 *
 * @example
 *   linkRequests({
 *     asked: ['http://127.0.0.1:8531/dns-query'], yours: ['https://dns.google/dns-query'],
 *     bootstrap: undefined, yourBootstrap: undefined,
 *   })
 *   // { resolvers: ['http://127.0.0.1:8531/dns-query'], differentResolvers: true }
 */

export interface LinkRequestsInput {
  /** The resolver URLs this check asks (normalised). */
  readonly asked: readonly string[];
  /** The resolver URLs the person's settings would ask (normalised). */
  readonly yours: readonly string[];
  /** The RDAP bootstrap file this check fetches; undefined: the registry is not asked. */
  readonly bootstrap: string | undefined;
  /** The bootstrap file the settings would use; undefined: the registry is off. */
  readonly yourBootstrap: string | undefined;
}

export interface LinkRequests {
  /** Every resolver asked, in order, when they are not the settings' set; else empty. */
  readonly resolvers: readonly string[];
  readonly differentResolvers: boolean;
  /** The bootstrap file fetched instead of the settings' one. */
  readonly bootstrap?: string;
  /** The link turns the registry lookup off where the settings have it on. */
  readonly registryOff?: true;
}

/** Null when the link asks exactly what the settings would (in any order). */
export function linkRequests(input: LinkRequestsInput): LinkRequests | null {
  const yours = new Set(input.yours);
  const asked = new Set(input.asked);
  const differentResolvers = asked.size !== yours.size || [...asked].some((url) => !yours.has(url));
  const otherBootstrap =
    input.bootstrap !== undefined && input.bootstrap !== input.yourBootstrap
      ? { bootstrap: input.bootstrap }
      : {};
  const off =
    input.bootstrap === undefined && input.yourBootstrap !== undefined
      ? { registryOff: true as const }
      : {};
  if (!differentResolvers && otherBootstrap.bootstrap === undefined && !off.registryOff) {
    return null;
  }
  return {
    resolvers: differentResolvers ? [...asked] : [],
    differentResolvers,
    ...otherBootstrap,
    ...off,
  };
}
