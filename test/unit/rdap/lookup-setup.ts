/**
 * Runs lookupRegistry against a fake fetch, each test with a bootstrap URL of its own (the
 * module keeps bootstrap files per URL for the life of the worker), and checks that every
 * outcome is Evidence that parseEvidence accepts and gives back unchanged.
 */
import { expect } from 'vitest';
import type { RdapLookup } from '../../../src/evidence/evidence';
import { lookupRegistry, type RdapLookupOptions } from '../../../src/rdap/lookup';
import { parseEvidence } from '../../../src/evidence/codec';
import {
  evidenceWith,
  fakeFetch,
  freshBootstrapUrl,
  ianaLikeBootstrap,
  json,
  type FakeFetch,
  type Route,
} from './rdap-fixtures';

export const NOW = 1_790_000_000_000;
export const VERISIGN = 'https://rdap.verisign.com/com/v1/domain/example.com';
export const CO_UK = 'https://rdap.nominet.uk/uk/domain/co.uk';
export const EXAMPLE_CO_UK = 'https://rdap.nominet.uk/uk/domain/example.co.uk';

/** The lookups must be what parseEvidence accepts and gives back unchanged. */
function expectValid(lookups: readonly RdapLookup[]): void {
  const evidence = evidenceWith(lookups);
  const read = parseEvidence(JSON.parse(JSON.stringify(evidence)));
  expect(read.ok || read.message).toBe(true);
  if (read.ok) expect(read.evidence).toEqual(evidence);
}

export interface Setup {
  readonly bootstrap: string;
  readonly fake: FakeFetch;
  ask(name: string, extra?: Partial<RdapLookupOptions>, firstId?: number): Promise<RdapLookup[]>;
}

/** A fresh bootstrap URL serving `bootstrapRoute` (IANA-like JSON by default) and `routes`. */
export function setup(routes: Readonly<Record<string, Route>>, bootstrapRoute?: Route): Setup {
  const bootstrap = freshBootstrapUrl();
  const fake = fakeFetch({
    [bootstrap]: bootstrapRoute ?? json(ianaLikeBootstrap(), 200, 'application/json'),
    ...routes,
  });
  return {
    bootstrap,
    fake,
    async ask(name, extra = {}, firstId) {
      const options: RdapLookupOptions = {
        bootstrap,
        name,
        timeoutMs: 1000,
        fetchImpl: fake.fetchImpl,
        now: () => NOW,
        ...extra,
      };
      const lookups = await (firstId === undefined
        ? lookupRegistry(options)
        : lookupRegistry(options, firstId));
      expectValid(lookups);
      return lookups;
    },
  };
}
