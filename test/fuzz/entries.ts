/**
 * The four entry points of untrusted input (issue 12): DoH response bodies, evidence links,
 * import files and URL parameters. The unit test (fuzz.test.ts) runs a short seeded sample
 * of each; `npm run fuzz` (scripts/fuzz.ts) the long run.
 */
import type { Entry } from './entry';
import { dohEntry } from './entry-doh';
import { importEntry } from './entry-import';
import { linkEntry } from './entry-link';
import { routeEntry } from './entry-route';

export const ENTRIES: readonly Entry<unknown>[] = [dohEntry, linkEntry, importEntry, routeEntry];
