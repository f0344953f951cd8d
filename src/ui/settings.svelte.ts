/**
 * The settings as reactive state, backed by localStorage. `resolver=` and `ta=` in the URL
 * override the stored lists for the page they are on without overwriting them.
 */
import { defaultSettings, loadSettings, saveSettings, type Settings } from '../store/settings';

export class SettingsState {
  #defaults: Settings;
  current = $state<Settings>() as Settings;
  /** The last storage failure, shown once in the settings panel. */
  storageError = $state<string | null>(null);

  constructor(defaultResolvers: readonly string[]) {
    this.#defaults = defaultSettings(defaultResolvers);
    this.current = loadSettings(globalThis.localStorage, this.#defaults);
  }

  update(patch: Partial<Omit<Settings, 'version'>>): void {
    this.current = { ...this.current, ...patch };
    this.storageError = saveSettings(globalThis.localStorage, this.current);
  }

  resetResolvers(): void {
    this.update({ resolvers: this.#defaults.resolvers });
  }
}
