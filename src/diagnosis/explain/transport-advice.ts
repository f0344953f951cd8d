/**
 * What a person can try when resolvers gave no DNS answer, by how they failed: said the same
 * way by the verdict (none answered) and by each resolver's warning (some did not).
 */

import type { TransportErrorClass } from '../../evidence/evidence';
import { listText } from './prose';

/** What to try, by how the resolvers failed. */
export function advice(classes: readonly TransportErrorClass[]): string {
  const tips: string[] = [];
  if (classes.includes('rate-limited')) tips.push('wait a minute before checking again');
  if (classes.includes('local-network-denied')) {
    tips.push('allow this page to reach your local network in the browser’s site settings');
  }
  if (classes.includes('unreachable')) {
    tips.push(
      'try another network, or check for a firewall or an extension that blocks DNS-over-HTTPS',
    );
  }
  if (classes.includes('timeout')) tips.push('check again in a minute');
  if (
    classes.some((c) =>
      ['http-status', 'content-type', 'malformed', 'mismatch', 'too-large', 'truncated'].includes(
        c,
      ),
    )
  ) {
    tips.push('use other resolvers in the settings');
  }
  if (tips.length === 0) return '';
  const text = listText(tips);
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}
