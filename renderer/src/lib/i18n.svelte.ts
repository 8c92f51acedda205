// Every UI string goes through here: i18next with an English and a Dutch catalogue
// (renderer/src/locales). `i18n.t` reads the reactive `lang`, so anything rendered with it
// follows a language switch at once. Numbers, dates and relative times use Intl in that language.
// A unit test (tests/unit/i18n.test.ts) fails when a key is missing from either catalogue or a
// key used in the code is in neither.
import i18next, { type TOptions } from 'i18next';
import en from '../locales/en.json';
import nl from '../locales/nl.json';

// Each feature screen keeps its strings in locales/<lang>/<feature>.json; they become the
// top-level section <feature> of that language (so keys read `stats.title`).
const featureFiles = import.meta.glob<{ default: Record<string, unknown> }>('../locales/*/*.json', { eager: true });

function catalogue(lang: string, base: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...base };
  for (const [path, module] of Object.entries(featureFiles)) {
    const match = /\/locales\/([^/]+)\/([^/]+)\.json$/.exec(path);
    if (match?.[1] === lang) merged[match[2]!] = module.default;
  }
  return merged;
}

export const LANGUAGES = ['en', 'nl'] as const;
export type Lang = (typeof LANGUAGES)[number];
/** The user's choice: a language, or follow the system. */
export type LanguageSetting = Lang | 'system';

/** The first of the system's preferred languages we have a catalogue for; English otherwise. */
export function systemLanguage(preferred: readonly string[] = globalThis.navigator?.languages ?? []): Lang {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if ((LANGUAGES as readonly string[]).includes(base ?? '')) return base as Lang;
  }
  return 'en';
}

const instance = i18next.createInstance();
void instance.init({
  resources: { en: { translation: catalogue('en', en) }, nl: { translation: catalogue('nl', nl) } },
  lng: 'en',
  fallbackLng: false,
  initAsync: false,
  interpolation: { escapeValue: false }, // Svelte escapes text itself
  returnNull: false,
});

export class I18n {
  lang = $state<Lang>('en');

  constructor(lang: Lang = systemLanguage()) {
    this.lang = lang;
  }

  /** Applies a setting: a language, or the system's. */
  use(setting: LanguageSetting): void {
    this.lang = setting === 'system' ? systemLanguage() : setting;
    if (typeof document !== 'undefined') document.documentElement.lang = this.lang;
  }

  /** The translated string for a key; `count` picks the plural form, other values interpolate. */
  t = (key: string, options?: TOptions): string => instance.t(key, { ...options, lng: this.lang }) as string;

  number = (value: number, options?: Intl.NumberFormatOptions): string => new Intl.NumberFormat(this.lang, options).format(value);

  percent = (value: number, digits = 0): string =>
    new Intl.NumberFormat(this.lang, { style: 'percent', maximumFractionDigits: digits, minimumFractionDigits: digits }).format(value);

  date = (value: number | Date, options: Intl.DateTimeFormatOptions = { dateStyle: 'medium' }): string =>
    new Intl.DateTimeFormat(this.lang, options).format(value);

  relative = (value: number, unit: Intl.RelativeTimeFormatUnit): string =>
    new Intl.RelativeTimeFormat(this.lang, { numeric: 'auto' }).format(value, unit);
}

/** The app's one instance; components import it. Tests may call `i18n.use('nl')`. */
export const i18n = new I18n();
export const t = i18n.t;
