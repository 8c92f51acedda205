// Collection settings. Two kinds, both stored in the collection:
// - app settings (next day starts at, theme, language, font size): JSON values in the `setting`
//   table, absent keys take defaults;
// - deck options (limits and scheduling): per preset in `deck_preset` (see presets.ts). The former
//   global deck options are the Default preset's, so getSettings() still returns one flat object
//   (Default preset + app settings) for callers that don't look at a particular deck, and
//   updateSettings() still accepts those keys (they change the Default preset).
import type { Database } from 'better-sqlite3';
import type { AppSettings, DeckOptions, LanguageSetting, Theme } from '../shared/contract';
import { DEFAULT_PRESET_ID, PRESET_KEYS } from './db/migrations/0006-collection-admin';
import { InvalidArgumentError } from './errors';
import { type CoreMessage, msg } from './messages';
import { checkSteps, DEFAULT_SCHEDULER_OPTIONS } from './scheduler';

export interface Settings extends DeckOptions, AppSettings {}

export const DEFAULT_DECK_OPTIONS: DeckOptions = {
  ...DEFAULT_SCHEDULER_OPTIONS,
  newPerDay: 20,
  reviewsPerDay: 200,
  burySiblings: true,
};

export const DEFAULT_APP_SETTINGS: AppSettings = {
  dayStartHour: 4,
  theme: 'system',
  language: 'system',
  fontSize: 16,
};

export const DEFAULT_SETTINGS: Settings = { ...DEFAULT_DECK_OPTIONS, ...DEFAULT_APP_SETTINGS };

/** Null when the value is valid; otherwise what is wrong, as the end of a sentence ("must be …"). */
type Check = (value: unknown) => CoreMessage | null;
const int = (min: number, max: number): Check => (v) =>
  Number.isInteger(v) && (v as number) >= min && (v as number) <= max ? null : msg('setting.problem.wholeNumber', { min: String(min), max: String(max) });
const bool: Check = (v) => (typeof v === 'boolean' ? null : msg('setting.problem.boolean'));
const oneOf = (values: readonly string[]): Check => (v) =>
  typeof v === 'string' && values.includes(v) ? null : msg('setting.problem.oneOf', { values: values.map((x) => `"${x}"`).join(', ') });

export const DECK_OPTION_CHECKS: Record<keyof DeckOptions, Check> = {
  desiredRetention: (v) => (typeof v === 'number' && v >= 0.7 && v <= 0.99 ? null : msg('setting.problem.retention')),
  maximumInterval: int(1, 36500),
  learningSteps: checkSteps,
  relearningSteps: checkSteps,
  weights: (v) =>
    v === null || (Array.isArray(v) && v.length === 21 && v.every((x) => typeof x === 'number' && Number.isFinite(x)))
      ? null
      : msg('setting.problem.weights'),
  enableFuzz: bool,
  newPerDay: int(0, 9999),
  reviewsPerDay: int(0, 99999),
  burySiblings: bool,
};

export const THEMES = ['system', 'light', 'dark'] as const satisfies readonly Theme[];
export const LANGUAGES = ['system', 'en', 'nl'] as const satisfies readonly LanguageSetting[];

export const APP_SETTING_CHECKS: Record<keyof AppSettings, Check> = {
  dayStartHour: int(0, 23),
  theme: oneOf(THEMES),
  language: oneOf(LANGUAGES),
  fontSize: int(12, 28),
};

// The migration's list and the checks must name the same keys.
PRESET_KEYS.forEach((k) => {
  if (!(k in DECK_OPTION_CHECKS)) throw new Error(`Deck option ${k} has no check.`);
});

/** Validated deck options from a preset's stored JSON; invalid or missing values take defaults. */
export function parseDeckOptions(json: string): DeckOptions {
  const options: DeckOptions = { ...DEFAULT_DECK_OPTIONS, learningSteps: [...DEFAULT_DECK_OPTIONS.learningSteps], relearningSteps: [...DEFAULT_DECK_OPTIONS.relearningSteps] };
  let stored: unknown;
  try {
    stored = JSON.parse(json);
  } catch {
    return options;
  }
  if (!stored || typeof stored !== 'object') return options;
  for (const [key, value] of Object.entries(stored)) {
    const check = DECK_OPTION_CHECKS[key as keyof DeckOptions];
    // A stored value that no longer validates falls back to the default instead of breaking review.
    if (check && check(value) === null) (options as unknown as Record<string, unknown>)[key] = value;
  }
  return options;
}

/** Throws a one-sentence error naming the first invalid or unknown key of a deck-options patch. */
export function checkDeckOptionsPatch(patch: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(patch)) {
    const check = DECK_OPTION_CHECKS[key as keyof DeckOptions];
    if (!check) throw new InvalidArgumentError(msg('setting.notDeckOption', { key }));
    const problem = check(value);
    if (problem) throw new InvalidArgumentError(msg('setting.badDeckOption', { key, problem }));
  }
}

export function getAppSettings(db: Database): AppSettings {
  const rows = db.prepare('SELECT key, value FROM setting').all() as { key: string; value: string }[];
  const settings: AppSettings = { ...DEFAULT_APP_SETTINGS };
  for (const { key, value } of rows) {
    const check = APP_SETTING_CHECKS[key as keyof AppSettings];
    if (!check) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch {
      continue;
    }
    if (check(parsed) === null) (settings as unknown as Record<string, unknown>)[key] = parsed;
  }
  return settings;
}

/** The Default preset's options; a collection from before presets (tests build those) reads the old keys. */
function defaultDeckOptions(db: Database): DeckOptions {
  const hasPresets = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'deck_preset'").get();
  if (hasPresets) {
    const row = db.prepare('SELECT config FROM deck_preset WHERE id = ?').get(DEFAULT_PRESET_ID) as { config: string } | undefined;
    return parseDeckOptions(row?.config ?? '{}');
  }
  const rows = db.prepare('SELECT key, value FROM setting').all() as { key: string; value: string }[];
  return parseDeckOptions(JSON.stringify(Object.fromEntries(rows.filter((r) => r.key in DECK_OPTION_CHECKS).map((r) => [r.key, safeParse(r.value)]))));
}

function safeParse(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

/** The Default preset's deck options and the app settings, as one object. */
export function getSettings(db: Database): Settings {
  return { ...defaultDeckOptions(db), ...getAppSettings(db) };
}

/**
 * Changes app settings and/or the Default preset's deck options, in one transaction. Every key is
 * checked first, so a bad value changes nothing.
 */
export function updateSettings(db: Database, patch: Partial<Record<string, unknown>>): Settings {
  const app: [string, unknown][] = [];
  const deck: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(patch)) {
    const check = APP_SETTING_CHECKS[key as keyof AppSettings] ?? DECK_OPTION_CHECKS[key as keyof DeckOptions];
    if (!check) throw new InvalidArgumentError(msg('setting.notSetting', { key }));
    const problem = check(value);
    if (problem) throw new InvalidArgumentError(msg('setting.badSetting', { key, problem }));
    if (key in APP_SETTING_CHECKS) app.push([key, value]);
    else deck[key] = value;
  }
  const put = db.prepare('INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  db.transaction(() => {
    for (const [key, value] of app) put.run(key, JSON.stringify(value));
    if (Object.keys(deck).length) {
      const row = db.prepare('SELECT config FROM deck_preset WHERE id = ?').get(DEFAULT_PRESET_ID) as { config: string } | undefined;
      const merged = { ...parseDeckOptions(row?.config ?? '{}'), ...deck };
      db.prepare('UPDATE deck_preset SET config = ? WHERE id = ?').run(JSON.stringify(merged), DEFAULT_PRESET_ID);
    }
  }).immediate();
  return getSettings(db);
}

/** Changes app settings only (the settings screen); unknown keys and bad values are refused. */
export function updateAppSettings(db: Database, patch: Partial<Record<string, unknown>>): AppSettings {
  for (const key of Object.keys(patch)) {
    if (!(key in APP_SETTING_CHECKS)) throw new InvalidArgumentError(msg('setting.notAppSetting', { key }));
  }
  updateSettings(db, patch);
  return getAppSettings(db);
}
