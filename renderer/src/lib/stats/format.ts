// Formatting shared by the statistics and exam screens, in the UI's language (i18n.svelte.ts).
import { i18n, t } from '../i18n.svelte';

/** 'YYYY-MM-DD' (a local study day, as the core sends it) → local midnight of that day. */
export function parseDay(date: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(y ?? 1970, (m ?? 1) - 1, d ?? 1);
}

/** A local Date → 'YYYY-MM-DD'. */
export function dayString(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Whole days from one 'YYYY-MM-DD' to another (DST-safe: calendar days). */
export function daysBetween(from: string, to: string): number {
  const a = parseDay(from);
  const b = parseDay(to);
  return Math.round((Date.UTC(b.getFullYear(), b.getMonth(), b.getDate()) - Date.UTC(a.getFullYear(), a.getMonth(), a.getDate())) / 86_400_000);
}

/** "5 May" / "5 mei". */
export function shortDay(date: string): string {
  return i18n.date(parseDay(date), { day: 'numeric', month: 'short' });
}

/** "Wed, 5 May 2027". */
export function longDay(date: string): string {
  return i18n.date(parseDay(date), { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });
}

/** "5 May 2027". */
export function mediumDay(date: string): string {
  return i18n.date(parseDay(date), { day: 'numeric', month: 'long', year: 'numeric' });
}

/** A share 0–1 as a percent ("87%"), or "—" for null. */
export function pct(value: number | null | undefined, digits = 0): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return t('common.none');
  return i18n.percent(value, digits);
}

/** A number in the UI's language ("1,234" / "1.234"), with at most `digits` decimals (no trailing zeros). */
export function num(value: number, digits = 0): string {
  return i18n.number(value, { maximumFractionDigits: digits });
}

/** Days as people say them: "12 days", "3.5 months", "2.1 years". */
export function formatInterval(days: number): string {
  if (days < 1) return t('stats.unit.hours', { count: Math.max(1, Math.round(days * 24)) });
  if (days < 45) return t('stats.unit.days', { count: Math.round(days), value: num(Math.round(days)) });
  if (days < 365) return t('stats.unit.months', { count: Math.round((days / 30) * 10) / 10, value: num(days / 30, 1) });
  return t('stats.unit.years', { count: Math.round((days / 365) * 10) / 10, value: num(days / 365, 1) });
}
