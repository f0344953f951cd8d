/**
 * Reads the Local Network Access permission through the Permissions API, in the page (the
 * notice) or in the worker (`WorkerNavigator.permissions`, where the fetches run).
 *
 * The names differ by Chrome version (local-network.ts, PERMISSION_NAMES): 142–144 know
 * only `local-network-access`; 145 and later `loopback-network` and `local-network`, with
 * the old name as an alias. `permissions.query` rejects a name it does not know (a
 * TypeError), so each name is tried in turn and a browser that knows none (Firefox, Safari,
 * an older Chrome) gives `unknown`.
 *
 * A PermissionStatus is live: its `state` follows the person's answer to the prompt, so the
 * context returned here reads it at the moment a failure is classified, not at the start.
 */

import {
  localNetworkNeed,
  type LocalNetworkContext,
  type LocalNetworkPermission,
} from './local-network';

/** One group per address space the check reaches (LocalNetworkNeed.permissions). */
export interface LocalNetworkStatus {
  /** The combined state now. */
  readonly state: LocalNetworkPermission;
  /** The statuses found (one per group whose name the browser knows), to watch `change`. */
  readonly statuses: readonly PermissionStatus[];
}

/**
 * All spaces allowed: granted. Any refused: denied (some requests will fail). Otherwise
 * prompt while one of them will be asked, unknown when the browser said nothing.
 */
export function combinePermission(
  states: readonly LocalNetworkPermission[],
): LocalNetworkPermission {
  if (states.length === 0) return 'unknown';
  if (states.includes('denied')) return 'denied';
  if (states.every((s) => s === 'granted')) return 'granted';
  return states.includes('prompt') ? 'prompt' : 'unknown';
}

/** The first name of `names` the browser knows, queried; undefined when it knows none. */
async function queryFirstKnown(
  permissions: Permissions,
  names: readonly string[],
): Promise<PermissionStatus | undefined> {
  for (const name of names) {
    try {
      // Not in TypeScript's PermissionName list yet; unknown names reject, hence the catch.
      return await permissions.query({ name: name as PermissionName });
    } catch {
      continue;
    }
  }
  return undefined;
}

const asPermission = (state: PermissionState): LocalNetworkPermission => state;

/**
 * The permission state for the given name groups. Never throws.
 *
 * @example
 * const need = localNetworkNeed(location.origin, urls);
 * if (need) (await queryLocalNetworkPermission(need.permissions)).state; // 'prompt'
 */
export async function queryLocalNetworkPermission(
  groups: readonly (readonly string[])[],
  permissions: Permissions | undefined = globalThis.navigator?.permissions,
): Promise<LocalNetworkStatus> {
  if (permissions === undefined) return { state: 'unknown', statuses: [] };
  const found = await Promise.all(groups.map((names) => queryFirstKnown(permissions, names)));
  const statuses = found.filter((s): s is PermissionStatus => s !== undefined);
  // A group the browser cannot answer for leaves the whole state unknown, unless another
  // group already says denied.
  const states = found.map((s) => (s === undefined ? 'unknown' : asPermission(s.state)));
  return { state: combinePermission(states), statuses };
}

/**
 * For the worker: the context that lets the transport and the registry lookup name a
 * refused request (classifyNetworkFailure), or undefined when this check reaches nothing
 * the browser would ask about. `known` is the state the page passed, if any; without it
 * the worker asks the Permissions API itself. `permission` is read live.
 *
 * @example
 * const localNetwork = await localNetworkContext(self.location.origin, urls, request.localNetwork);
 */
export async function localNetworkContext(
  pageOrigin: string,
  urls: readonly string[],
  known?: LocalNetworkPermission,
  permissions: Permissions | undefined = globalThis.navigator?.permissions,
): Promise<LocalNetworkContext | undefined> {
  const need = localNetworkNeed(pageOrigin, urls);
  if (need === undefined) return undefined;
  const status = await queryLocalNetworkPermission(need.permissions, permissions);
  if (status.statuses.length === 0) return { pageOrigin, permission: known ?? status.state };
  const statuses = status.statuses;
  return {
    pageOrigin,
    get permission(): LocalNetworkPermission {
      return combinePermission(statuses.map((s) => asPermission(s.state)));
    },
  };
}
