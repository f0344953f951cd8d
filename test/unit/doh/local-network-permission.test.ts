/**
 * Reading the Local Network Access permission through a Permissions API that knows the
 * names of one Chrome version or another (unknown names reject with a TypeError, as in
 * Chrome), and the live context the worker hands to the transport.
 */
import { describe, expect, it } from 'vitest';
import { classifyNetworkFailure, PERMISSION_NAMES } from '../../../src/doh/local-network';
import {
  combinePermission,
  localNetworkContext,
  queryLocalNetworkPermission,
} from '../../../src/doh/local-network-permission';

/** A PermissionStatus whose state the test changes, firing `change` like a browser. */
class FakeStatus extends EventTarget {
  constructor(
    public state: PermissionState,
    readonly name: string,
  ) {
    super();
  }
  set(state: PermissionState): void {
    this.state = state;
    this.dispatchEvent(new Event('change'));
  }
}

/** Permissions that know `known` (name → state) and reject every other name. */
function permissionsKnowing(known: Record<string, PermissionState>) {
  const asked: string[] = [];
  const statuses = new Map<string, FakeStatus>();
  const permissions = {
    query: async ({ name }: { name: string }) => {
      asked.push(name);
      const state = known[name];
      if (state === undefined) {
        throw new TypeError(
          `Failed to execute 'query' on 'Permissions': The provided value '${name}' is not a valid enum value of type PermissionName.`,
        );
      }
      const status = statuses.get(name) ?? new FakeStatus(state, name);
      statuses.set(name, status);
      return status;
    },
  } as unknown as Permissions;
  return { permissions, asked, statuses };
}

const LOOPBACK = [PERMISSION_NAMES.loopback];
const BOTH = [PERMISSION_NAMES.loopback, PERMISSION_NAMES.local];
const LAB_DOH = 'http://127.0.0.1:8531/dns-query';
const PUBLIC_PAGE = 'https://lens.example';

describe('combinePermission', () => {
  it.each([
    [[], 'unknown'],
    [['granted'], 'granted'],
    [['granted', 'granted'], 'granted'],
    [['granted', 'denied'], 'denied'],
    [['prompt', 'denied'], 'denied'],
    [['granted', 'prompt'], 'prompt'],
    [['unknown', 'prompt'], 'prompt'],
    [['unknown', 'denied'], 'denied'],
    [['unknown', 'granted'], 'unknown'],
  ] as const)('%j → %s', (states, expected) => {
    expect(combinePermission(states)).toBe(expected);
  });
});

describe('queryLocalNetworkPermission', () => {
  it('Chrome 145+: asks loopback-network first and stops there', async () => {
    const { permissions, asked } = permissionsKnowing({
      'loopback-network': 'prompt',
      'local-network': 'granted',
      'local-network-access': 'granted',
    });
    const status = await queryLocalNetworkPermission(LOOPBACK, permissions);
    expect(status.state).toBe('prompt');
    expect(asked).toEqual(['loopback-network']);
  });

  it('Chrome 142–144: the new names throw, local-network-access answers', async () => {
    const { permissions, asked } = permissionsKnowing({ 'local-network-access': 'denied' });
    const status = await queryLocalNetworkPermission(LOOPBACK, permissions);
    expect(status.state).toBe('denied');
    expect(asked).toEqual(['loopback-network', 'local-network-access']);
  });

  it('a browser that knows no name: unknown, no status to watch, no throw', async () => {
    const { permissions } = permissionsKnowing({});
    expect(await queryLocalNetworkPermission(BOTH, permissions)).toEqual({
      state: 'unknown',
      statuses: [],
    });
  });

  it('no Permissions API at all: unknown', async () => {
    expect((await queryLocalNetworkPermission(LOOPBACK, undefined)).state).toBe('unknown');
  });

  it('loopback granted but local refused: denied', async () => {
    const { permissions } = permissionsKnowing({
      'loopback-network': 'granted',
      'local-network': 'denied',
    });
    expect((await queryLocalNetworkPermission(BOTH, permissions)).state).toBe('denied');
  });
});

describe('localNetworkContext (for the worker)', () => {
  it('is undefined when nothing needs the permission (a loopback page)', async () => {
    const { permissions, asked } = permissionsKnowing({ 'loopback-network': 'denied' });
    expect(
      await localNetworkContext('http://127.0.0.1:4173', [LAB_DOH], undefined, permissions),
    ).toBeUndefined();
    expect(asked).toEqual([]);
  });

  it('follows the live status: a denial during the check names the next failure', async () => {
    const { permissions, statuses } = permissionsKnowing({ 'loopback-network': 'prompt' });
    const context = await localNetworkContext(PUBLIC_PAGE, [LAB_DOH], undefined, permissions);
    expect(context?.permission).toBe('prompt');
    expect(classifyNetworkFailure(LAB_DOH, PUBLIC_PAGE, context!.permission)).toBeUndefined();
    statuses.get('loopback-network')!.set('denied');
    expect(context?.permission).toBe('denied');
    expect(classifyNetworkFailure(LAB_DOH, context!.pageOrigin, context!.permission)?.class).toBe(
      'local-network-denied',
    );
  });

  it('uses the state the page passed when the worker cannot read one', async () => {
    const { permissions } = permissionsKnowing({});
    const context = await localNetworkContext(PUBLIC_PAGE, [LAB_DOH], 'denied', permissions);
    expect(context).toEqual({ pageOrigin: PUBLIC_PAGE, permission: 'denied' });
  });
});
