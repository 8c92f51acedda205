// The Settings screen: app settings (applied at once), deck option presets, and backups with the
// database check. Every value lives in the collection; the core checks it and words any refusal.
import type {
  AppSettings,
  BackupEntry,
  BackupInfo,
  CheckReport,
  DeckInfo,
  DeckOptions,
  DeckPreset,
  RestoreResult,
  StratusApi,
} from '../../../../electron/shared/contract';
import { errorMessage } from '../format';
import { t } from '../i18n.svelte';
import { applyAppearance } from './appearance.svelte';

export type SettingsTab = 'general' | 'options' | 'backups';
export const SETTINGS_TABS: readonly SettingsTab[] = ['general', 'options', 'backups'];
export type LoadStatus = 'loading' | 'ready' | 'failed';

export interface SettingsOptions {
  /** The collection was replaced by a backup: the rest of the app reloads what it shows. */
  onRestored?: (result: RestoreResult) => void;
  /** App settings changed (the deck list's "today" moves with the next day's start). */
  onAppSettings?: (settings: AppSettings) => void;
}

// --- App settings ---------------------------------------------------------------------------------

export class AppSettingsState {
  settings = $state.raw<AppSettings | null>(null);
  status = $state<LoadStatus>('loading');
  /** The core's sentence when a change was refused, by setting. */
  errors = $state.raw<Partial<Record<keyof AppSettings, string>>>({});
  /** The setting saved last, for a short "Saved" next to it. */
  saved = $state<keyof AppSettings | null>(null);

  readonly #api: StratusApi;
  readonly #onChange: (settings: AppSettings) => void;

  constructor(api: StratusApi, onChange: (settings: AppSettings) => void = () => {}) {
    this.#api = api;
    this.#onChange = onChange;
  }

  async load(): Promise<void> {
    try {
      this.settings = await this.#api.getAppSettings();
      this.status = 'ready';
    } catch (error) {
      this.errors = { dayStartHour: errorMessage(error) };
      if (!this.settings) this.status = 'failed';
    }
  }

  /** Stores one setting and applies it at once (theme, language, font size). */
  async set<K extends keyof AppSettings>(key: K, value: AppSettings[K]): Promise<boolean> {
    try {
      const settings = await this.#api.updateAppSettings({ [key]: value } as Partial<AppSettings>);
      this.settings = settings;
      applyAppearance(settings);
      this.errors = { ...this.errors, [key]: undefined };
      this.saved = key;
      this.#onChange(settings);
      return true;
    } catch (error) {
      this.errors = { ...this.errors, [key]: errorMessage(error) };
      this.saved = null;
      return false;
    }
  }
}

// --- Deck option presets ----------------------------------------------------------------------------

/** The deck options a user edits on the form (weights are the optimizer's business). */
export type OptionField = Exclude<keyof DeckOptions, 'weights'>;

export const NUMBER_FIELDS = ['desiredRetention', 'newPerDay', 'reviewsPerDay', 'maximumInterval'] as const;
export const STEP_FIELDS = ['learningSteps', 'relearningSteps'] as const;
export const SWITCH_FIELDS = ['burySiblings', 'enableFuzz'] as const;

/** The form's text for an option: "0.90", "20", "1m 10m". */
export function optionText(options: DeckOptions, field: (typeof NUMBER_FIELDS)[number] | (typeof STEP_FIELDS)[number]): string {
  if (field === 'learningSteps' || field === 'relearningSteps') return options[field].join(' ');
  if (field === 'desiredRetention') return options.desiredRetention.toFixed(2);
  return String(options[field]);
}

/**
 * Reads what the user typed into an option's value, or an error sentence. A decimal comma is
 * accepted ("0,9"); ranges are the core's to check, so its sentence names the limits.
 */
export function parseOption(
  field: (typeof NUMBER_FIELDS)[number] | (typeof STEP_FIELDS)[number],
  text: string,
): { ok: true; value: number | string[] } | { ok: false; error: string } {
  if (field === 'learningSteps' || field === 'relearningSteps') return { ok: true, value: text.split(/[\s,]+/).filter(Boolean) };
  const trimmed = text.trim().replace(',', '.');
  const value = Number(trimmed);
  if (trimmed === '' || !Number.isFinite(value)) return { ok: false, error: t('settings.options.notANumber') };
  if (field !== 'desiredRetention' && !Number.isInteger(value)) return { ok: false, error: t('settings.options.wholeNumber') };
  return { ok: true, value };
}

/** A preset's name as shown: the Default preset (named "Default" in every collection) in the UI's language. */
export function presetName(preset: Pick<DeckPreset, 'name' | 'isDefault'>): string {
  return preset.isDefault && preset.name === 'Default' ? t('settings.options.defaultName') : preset.name;
}

export class PresetsState {
  presets = $state.raw<DeckPreset[]>([]);
  decks = $state.raw<DeckInfo[]>([]);
  status = $state<LoadStatus>('loading');
  /** The preset on the form. */
  currentId = $state<number | null>(null);
  /** Per option of the current preset: the core's (or the form's) sentence. */
  errors = $state.raw<Partial<Record<OptionField | 'name', string>>>({});
  /** A refusal that belongs to no one field (create, delete, deck assignment). */
  error = $state<string | null>(null);
  saved = $state<OptionField | 'name' | 'decks' | null>(null);

  readonly #api: StratusApi;

  constructor(api: StratusApi) {
    this.#api = api;
  }

  current = $derived(this.presets.find((p) => p.id === this.currentId) ?? this.presets[0] ?? null);

  async load(): Promise<void> {
    try {
      const [presets, decks] = await Promise.all([this.#api.listPresets(), this.#api.deckTree()]);
      this.presets = presets;
      this.decks = decks;
      if (!presets.some((p) => p.id === this.currentId)) this.currentId = presets.find((p) => p.isDefault)?.id ?? presets[0]?.id ?? null;
      this.status = 'ready';
    } catch (error) {
      this.error = errorMessage(error);
      if (this.presets.length === 0) this.status = 'failed';
    }
  }

  choose(presetId: number): void {
    this.currentId = presetId;
    this.errors = {};
    this.error = null;
    this.saved = null;
  }

  #replace(preset: DeckPreset): void {
    this.presets = this.presets.map((p) => (p.id === preset.id ? preset : p));
  }

  /** Saves one option of the current preset; the decks that use it schedule with it at once. */
  async setOption<K extends OptionField>(field: K, value: DeckOptions[K]): Promise<boolean> {
    const preset = this.current;
    if (!preset) return false;
    try {
      this.#replace(await this.#api.updatePreset({ presetId: preset.id, options: { [field]: value } as Partial<DeckOptions> }));
      this.errors = { ...this.errors, [field]: undefined };
      this.saved = field;
      return true;
    } catch (error) {
      this.errors = { ...this.errors, [field]: errorMessage(error) };
      this.saved = null;
      return false;
    }
  }

  /** A form error found before asking the core (not a number, …). */
  fieldError(field: OptionField, error: string): void {
    this.errors = { ...this.errors, [field]: error };
    this.saved = null;
  }

  async rename(name: string): Promise<boolean> {
    const preset = this.current;
    if (!preset) return false;
    try {
      this.#replace(await this.#api.updatePreset({ presetId: preset.id, name }));
      this.errors = { ...this.errors, name: undefined };
      this.saved = 'name';
      return true;
    } catch (error) {
      this.errors = { ...this.errors, name: errorMessage(error) };
      return false;
    }
  }

  /** A new preset, a copy of the current one, shown on the form. */
  async create(name: string): Promise<{ ok: true } | { ok: false; error: string }> {
    try {
      const preset = await this.#api.createPreset({ name, ...(this.current ? { copyFrom: this.current.id } : {}) });
      this.presets = [...this.presets, preset];
      this.choose(preset.id);
      return { ok: true };
    } catch (error) {
      return { ok: false, error: errorMessage(error) };
    }
  }

  /** Deletes the current preset; its decks go back to Default. */
  async remove(): Promise<boolean> {
    const preset = this.current;
    if (!preset || preset.isDefault) return false;
    try {
      await this.#api.deletePreset({ presetId: preset.id });
      this.currentId = null;
      await this.load();
      return true;
    } catch (error) {
      this.error = errorMessage(error);
      return false;
    }
  }

  /** Which preset a deck uses. */
  presetOf(deckId: number): number | null {
    return this.decks.find((d) => d.id === deckId)?.presetId ?? null;
  }

  async assign(deckId: number, presetId: number): Promise<boolean> {
    try {
      await this.#api.setDeckPreset({ deckIds: [deckId], presetId });
      this.error = null;
      this.saved = 'decks';
      await this.load();
      return true;
    } catch (error) {
      this.error = errorMessage(error);
      return false;
    }
  }
}

// --- Backups and the database check ---------------------------------------------------------------

export class BackupsState {
  backups = $state.raw<BackupEntry[]>([]);
  status = $state<LoadStatus>('loading');
  busy = $state<'backup' | 'restore' | 'check' | null>(null);
  error = $state<string | null>(null);
  lastBackup = $state.raw<BackupInfo | null>(null);
  lastRestore = $state.raw<RestoreResult | null>(null);
  report = $state.raw<CheckReport | null>(null);

  readonly #api: StratusApi;
  readonly #onRestored: (result: RestoreResult) => void;

  constructor(api: StratusApi, onRestored: (result: RestoreResult) => void = () => {}) {
    this.#api = api;
    this.#onRestored = onRestored;
  }

  async load(): Promise<void> {
    try {
      // Newest first, as people look for the latest good state.
      this.backups = [...(await this.#api.listBackups())].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
      this.status = 'ready';
    } catch (error) {
      this.error = errorMessage(error);
      if (this.status !== 'ready') this.status = 'failed';
    }
  }

  async backupNow(): Promise<boolean> {
    return this.#run('backup', async () => {
      this.lastBackup = await this.#api.backupNow();
      this.lastRestore = null;
      await this.load();
    });
  }

  /** Restores a backup; the core backs the current collection up first. */
  async restore(file: string): Promise<boolean> {
    return this.#run('restore', async () => {
      const result = await this.#api.restoreBackup({ file });
      this.lastRestore = result;
      this.lastBackup = null;
      this.report = null;
      await this.load();
      this.#onRestored(result);
    });
  }

  async check(): Promise<boolean> {
    return this.#run('check', async () => {
      this.report = await this.#api.checkDatabase();
    });
  }

  async #run(kind: 'backup' | 'restore' | 'check', work: () => Promise<void>): Promise<boolean> {
    if (this.busy) return false;
    this.busy = kind;
    this.error = null;
    try {
      await work();
      return true;
    } catch (error) {
      this.error = errorMessage(error);
      return false;
    } finally {
      this.busy = null;
    }
  }
}

export class SettingsState {
  tab = $state<SettingsTab>('general');
  readonly app: AppSettingsState;
  readonly presets: PresetsState;
  readonly backups: BackupsState;

  constructor(api: StratusApi, options: SettingsOptions = {}) {
    this.app = new AppSettingsState(api, options.onAppSettings);
    this.presets = new PresetsState(api);
    this.backups = new BackupsState(api, (result) => {
      // A restored collection has its own settings and presets.
      void this.app.load().then(() => {
        if (this.app.settings) applyAppearance(this.app.settings);
      });
      void this.presets.load();
      options.onRestored?.(result);
    });
  }

  async start(): Promise<void> {
    await Promise.all([this.app.load(), this.presets.load(), this.backups.load()]);
  }
}
