/**
 * Settings kept in localStorage: the resolver list, the per-query timeout, auto-save, the
 * trust anchors and whether the registry is asked. Reading is tolerant: a damaged or foreign value falls back to the
 * defaults for that field instead of breaking the app.
 */

export interface Settings {
  readonly version: 1;
  /** DoH URLs in display order. */
  readonly resolvers: readonly string[];
  readonly timeoutMs: number;
  readonly autoSave: boolean;
  /** Trust anchor text (DS or DNSKEY); empty means the built-in root anchors. */
  readonly trustAnchors: readonly string[];
  /** Ask the domain's registry over RDAP (its nameservers, DS records and status). */
  readonly registry: boolean;
}

export const SETTINGS_KEY = 'servfail-lens.settings';
export const MIN_TIMEOUT_MS = 500;
export const MAX_TIMEOUT_MS = 30_000;

export function defaultSettings(defaultResolvers: readonly string[]): Settings {
  return {
    version: 1,
    resolvers: defaultResolvers,
    timeoutMs: 4000,
    autoSave: true,
    trustAnchors: [],
    registry: true,
  };
}

function stringList(value: unknown): string[] | null {
  if (!Array.isArray(value)) return null;
  const strings = value.filter((v): v is string => typeof v === 'string' && v.trim() !== '');
  return strings.length === value.length ? strings : null;
}

export function parseSettings(raw: string | null, defaults: Settings): Settings {
  if (raw === null) return defaults;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return defaults;
  }
  if (typeof value !== 'object' || value === null) return defaults;
  const record = value as Record<string, unknown>;
  const resolvers = stringList(record.resolvers);
  const anchors = stringList(record.trustAnchors);
  const timeout = record.timeoutMs;
  return {
    version: 1,
    resolvers: resolvers !== null && resolvers.length > 0 ? resolvers : defaults.resolvers,
    timeoutMs:
      typeof timeout === 'number' && timeout >= MIN_TIMEOUT_MS && timeout <= MAX_TIMEOUT_MS
        ? Math.round(timeout)
        : defaults.timeoutMs,
    autoSave: typeof record.autoSave === 'boolean' ? record.autoSave : defaults.autoSave,
    trustAnchors: anchors ?? defaults.trustAnchors,
    registry: typeof record.registry === 'boolean' ? record.registry : defaults.registry,
  };
}

export function loadSettings(storage: Storage | undefined, defaults: Settings): Settings {
  try {
    return parseSettings(storage?.getItem(SETTINGS_KEY) ?? null, defaults);
  } catch {
    // Storage can throw (disabled cookies, sandboxed frames): run with defaults.
    return defaults;
  }
}

/** Returns an error message when the settings could not be stored, null on success. */
export function saveSettings(storage: Storage | undefined, settings: Settings): string | null {
  try {
    storage?.setItem(SETTINGS_KEY, JSON.stringify(settings));
    return null;
  } catch (error) {
    const quota = error instanceof DOMException && error.name === 'QuotaExceededError';
    return quota
      ? 'Settings could not be saved: the browser storage is full. They apply until you close this tab.'
      : 'Settings could not be saved in this browser (storage is disabled). They apply until you close this tab.';
  }
}
