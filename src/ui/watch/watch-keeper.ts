/**
 * Where a watch is kept between reloads: its record in IndexedDB (store/watches.ts, loaded
 * on first use), read once and then changed by read-modify-write. Only while the person's
 * settings save results (asked each time); a failure becomes a sentence for the panel, and
 * the watch goes on without being kept.
 */
import type { StoreResult } from '../../store/investigations';
import type { StoredWatch } from '../../store/watch-record';
import type { InvestigateRequest } from '../../worker/api';

/** What the keeper needs of the store (store/watches.ts). */
export interface WatchStore {
  getWatch(id: string): Promise<StoreResult<{ readonly watch: StoredWatch | null }>>;
  updateWatch(
    id: string,
    change: (stored: StoredWatch | null) => StoredWatch | null,
  ): Promise<StoreResult<{ readonly watch: StoredWatch | null }>>;
}

const loadWatchStore = (): Promise<WatchStore> => import('../../store/watches');

const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

export class WatchKeeper {
  readonly #id: string;
  readonly #keeps: () => boolean;
  readonly #problem: (message: string) => void;
  #store: Promise<WatchStore> | null = null;

  /** `keeps`: whether results are saved now; `problem`: says a failure. */
  constructor(id: string, keeps: () => boolean, problem: (message: string) => void) {
    this.#id = id;
    this.#keeps = keeps;
    this.#problem = problem;
  }

  /** The store module, loaded on first use; null while nothing is kept. */
  #stored(): Promise<WatchStore> | null {
    if (!this.#keeps()) return null;
    if (this.#store === null) {
      this.#store = loadWatchStore();
      this.#store.catch(() => undefined);
    }
    return this.#store;
  }

  /** The stored watch; null when none, or when watches are not kept. */
  async read(): Promise<StoredWatch | null> {
    const loading = this.#stored();
    if (loading === null) return null;
    try {
      const result = await (await loading).getWatch(this.#id);
      if (result.ok) return result.watch;
      this.#problem(result.message);
    } catch (error) {
      this.#problem(`The watch could not be read: ${messageOf(error)}.`);
    }
    return null;
  }

  /**
   * Writes what `change` makes of the stored watch (plain data: no state proxies, which
   * IndexedDB cannot clone). Writes are made in the order asked.
   */
  update(change: (stored: StoredWatch | null) => StoredWatch | null): void {
    const loading = this.#stored();
    if (loading === null) return;
    loading
      .then((store) => store.updateWatch(this.#id, change))
      .then(
        (result) => {
          if (!result.ok) this.#problem(result.message);
        },
        (error: unknown) => this.#problem(`The watch could not be saved: ${messageOf(error)}.`),
      );
  }
}

/** A new watch record of a request, without runs. */
export function newWatchRecord(
  id: string,
  request: InvestigateRequest,
  intervalSeconds: number,
  startedAt: number,
): StoredWatch {
  return {
    id,
    name: request.question.name,
    type: request.question.type,
    resolvers: request.resolvers,
    trustAnchors: request.trustAnchors,
    ...(request.rdapBootstrap === undefined ? {} : { rdapBootstrap: request.rdapBootstrap }),
    intervalSeconds,
    startedAt,
    background: false,
    runs: [],
    backgroundChecks: [],
  };
}
