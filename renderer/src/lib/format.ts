// Formatting helpers for the review and summary screens, in the UI's language (see i18n.svelte.ts).
import type { CoreMessage } from '../../../electron/shared/contract';
import { i18n, t } from './i18n.svelte';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "2 min 5 s", "45 s", "1 h 12 min". */
export function formatDuration(ms: number): string {
  const totalSeconds = Math.max(0, Math.round(ms / SECOND));
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  if (hours > 0) return minutes > 0 ? t('time.hoursMinutes', { hours, minutes }) : t('time.hours', { hours });
  if (minutes > 0) return seconds > 0 ? t('time.minutesSeconds', { minutes, seconds }) : t('time.minutes', { minutes });
  return t('time.seconds', { seconds });
}

/** 0.873 → "87%"; null (nothing reviewed) → "—". */
export function formatRetention(retention: number | null): string {
  if (retention === null || !Number.isFinite(retention)) return t('common.none');
  return i18n.percent(Math.min(1, Math.max(0, retention)));
}

function startOfDay(ms: number): number {
  const d = new Date(ms);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

/**
 * When something is due, relative to `now`: "now", "in 10 minutes", "in 3 hours", "tomorrow",
 * "in 3 days", "in 2 months". Hours are used only for later today; from tomorrow on, calendar
 * days count (local time), so 23:00 → 07:00 reads "tomorrow".
 */
export function formatDue(iso: string, now: number = Date.now()): string {
  const due = Date.parse(iso);
  if (Number.isNaN(due)) return t('common.none');
  const diff = due - now;
  if (diff <= 30 * SECOND) return t('time.now');
  if (diff < HOUR) return i18n.relative(Math.max(1, Math.round(diff / MINUTE)), 'minute');
  const days = Math.round((startOfDay(due) - startOfDay(now)) / DAY);
  if (days <= 0) return i18n.relative(Math.max(1, Math.round(diff / HOUR)), 'hour');
  if (days < 45) return i18n.relative(days, 'day');
  if (days < 365) return i18n.relative(Math.round(days / 30), 'month');
  return i18n.relative(Math.round((days / 365) * 10) / 10, 'year');
}

/** A sentence made in the core: its id (under `core.` in the catalogues) and its values. */
export type CoreSaid = Pick<CoreMessage, 'id' | 'params'> & { text?: string };

/**
 * A core message in the UI's language (catalogues locales/<lang>/core.json); null when the id is
 * unknown here (then the caller shows the core's English). Nested messages are translated first,
 * numbers formatted in the UI's language; `count` stays a number so i18next picks the plural.
 */
export function coreText(said: CoreSaid): string | null {
  const key = `core.${said.id}`;
  const values: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(said.params ?? {})) {
    if (typeof value === 'number') values[name] = name === 'count' ? value : i18n.number(value);
    else if (typeof value === 'string') values[name] = value;
    else values[name] = coreText(value) ?? value.text;
  }
  const text = t(key, values);
  return text === key ? null : text;
}

/** A core message's text in the UI's language, or its English when the id is unknown here. */
export function coreSentence(english: string, said?: CoreSaid | null): string {
  return (said && coreText(said)) || english;
}

// How an Error that crossed the context bridge finds its core message again (the preload's
// coreMessageOf; main.ts sets it). Errors thrown in the page itself (tests) may carry id/params.
let lookup: ((message: string) => CoreSaid | null) | null = null;
export function useCoreMessageLookup(fn: ((message: string) => CoreSaid | null) | null): void {
  lookup = fn;
}

function saidOf(error: unknown, message: string): CoreSaid | null {
  const e = error as Partial<CoreSaid> | null;
  if (e && typeof e === 'object' && typeof e.id === 'string' && e.params && typeof e.params === 'object') return { id: e.id, params: e.params };
  return message && lookup ? lookup(message) : null;
}

/** The English sentence of a rejected API call, without Electron's prefix. */
function englishOf(error: unknown): string {
  const raw =
    error instanceof Error ? error.message : typeof error === 'string' ? error : t('errors.generic');
  // Electron prefixes errors thrown in main handlers; the sentence after it is for the user.
  return raw.replace(/^Error invoking remote method '[^']*':\s*(?:[A-Za-z]*Error:\s*)?/, '').trim();
}

/** The core message id of a rejected API call (e.g. to put it by the field it names); null if none. */
export function errorMessageId(error: unknown): string | null {
  return saidOf(error, englishOf(error))?.id ?? null;
}

/** A user-facing sentence from a rejected API call, in the UI's language when the core worded it. */
export function errorMessage(error: unknown): string {
  const message = englishOf(error);
  const said = saidOf(error, message);
  const translated = said && coreText(said);
  if (translated) return translated;
  return message || t('errors.generic');
}

/** Epoch milliseconds → ISO-8601 (UTC), as the api expects times. */
export function toIso(ms: number): string {
  return new Date(ms).toISOString();
}
