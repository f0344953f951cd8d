/**
 * The legend of the graph: DNSViz's colour language (secure blue-green, insecure black,
 * bogus red, expired purple, indeterminate and lame yellow), each status also drawn with a
 * line style of its own and a glyph, so the picture reads in print, in dark mode and
 * without colour; then the shapes (DNSViz's ellipse for keys and DS, rounded box for
 * RRsets; a hexagon where DNSViz draws a diamond for NSEC/NSEC3).
 */

import type { GraphStatus } from './graph';

export interface StatusEntry {
  readonly key: string;
  readonly status: GraphStatus;
  /** The line style's name, as the legend says it (`solid`, `dashed`…). */
  readonly line: string;
  readonly text: string;
  /** Drawn in DNSViz's purple for an expired or premature signature (still bogus). */
  readonly expired?: boolean;
}

export type ShapeKind = 'key' | 'ksk' | 'anchor' | 'revoked' | 'rrset' | 'absent' | 'denial';

export interface ShapeEntry {
  readonly key: string;
  readonly shape: ShapeKind;
  readonly text: string;
}

export const STATUS_LEGEND: readonly StatusEntry[] = [
  { key: 'secure', status: 'secure', line: 'solid', text: 'secure' },
  { key: 'insecure', status: 'insecure', line: 'dashed', text: 'insecure (no DS, unused DS)' },
  { key: 'bogus', status: 'bogus', line: 'thick', text: 'bogus' },
  {
    key: 'expired',
    status: 'bogus',
    line: 'thick',
    text: 'expired / not yet valid',
    expired: true,
  },
  { key: 'indeterminate', status: 'indeterminate', line: 'dotted', text: 'indeterminate' },
  { key: 'failing', status: 'failing', line: 'dash-dot', text: 'lame / failing' },
];

export const SHAPE_LEGEND: readonly ShapeEntry[] = [
  { key: 'key', shape: 'key', text: 'DS, DNSKEY' },
  { key: 'ksk', shape: 'ksk', text: 'KSK (SEP)' },
  { key: 'anchor', shape: 'anchor', text: 'trust anchor' },
  { key: 'revoked', shape: 'revoked', text: 'revoked' },
  { key: 'rrset', shape: 'rrset', text: 'RRset' },
  { key: 'absent', shape: 'absent', text: 'absent' },
  { key: 'denial', shape: 'denial', text: 'NSEC/NSEC3' },
];
