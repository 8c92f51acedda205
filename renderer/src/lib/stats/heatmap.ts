// The calendar heatmap: a year of study days as weeks (columns) × weekdays (rows). chart.js has no
// matrix chart and chartjs-chart-matrix is not installed, so the component lays this out as a CSS
// grid of cells; this module decides which cell is where, its shade and its tooltip.
import type { StatisticsDay } from '../../../../electron/shared/contract';
import { i18n, t } from '../i18n.svelte';
import type { TextAlternative } from './chart';
import { longDay, num, parseDay } from './format';

export interface HeatCell {
  date: string;
  count: number;
  /** 0 = nothing studied, 1–4 = more, relative to the busiest day. */
  level: 0 | 1 | 2 | 3 | 4;
  title: string;
  today: boolean;
}

export interface HeatmapView {
  /** Columns of 7 (Monday first); null where the year has no day (before its start, after today). */
  weeks: (HeatCell | null)[][];
  /** Month names over the column where the month's first week starts. */
  months: { column: number; label: string }[];
  /** Weekday names, Monday first (the component shows Mon, Wed, Fri). */
  weekdays: string[];
  max: number;
  daysStudied: number;
  alt: TextAlternative;
}

/** The shade of a day: quarters of the busiest day's count (any study at all is at least level 1). */
export function heatLevel(count: number, max: number): HeatCell['level'] {
  if (count <= 0 || max <= 0) return 0;
  return Math.min(4, Math.max(1, Math.ceil((count / max) * 4))) as HeatCell['level'];
}

/** Monday = 0 … Sunday = 6. */
function weekdayIndex(date: Date): number {
  return (date.getDay() + 6) % 7;
}

export function prepareHeatmap(days: readonly StatisticsDay[]): HeatmapView {
  const max = days.reduce((m, d) => Math.max(m, d.total), 0);
  const studied = days.filter((d) => d.total > 0);
  const last = days.at(-1)?.date ?? null;
  const weeks: (HeatCell | null)[][] = [];
  const months: { column: number; label: string }[] = [];
  let column: (HeatCell | null)[] = [];

  days.forEach((d, i) => {
    const weekday = weekdayIndex(parseDay(d.date));
    if (i === 0) column = Array.from({ length: weekday }, () => null);
    else if (weekday === 0) {
      weeks.push(column);
      column = [];
    }
    column.push({
      date: d.date,
      count: d.total,
      level: heatLevel(d.total, max),
      title: t('stats.heatmap.cell', { count: d.total, value: num(d.total), date: longDay(d.date) }),
      today: d.date === last,
    });
  });
  if (column.length) weeks.push([...column, ...Array.from({ length: 7 - column.length }, () => null)]);

  // A month's name goes over the first column whose first day is in it (as GitHub's calendar);
  // the partial first column gets none when the next label follows too closely to fit.
  weeks.forEach((week, col) => {
    const first = week.find((c) => c !== null);
    if (!first) return;
    const date = parseDay(first.date);
    const previous = weeks[col - 1]?.find((c) => c !== null);
    if (previous && parseDay(previous.date).getMonth() === date.getMonth()) return;
    months.push({ column: col, label: i18n.date(date, { month: 'short' }) });
  });
  if (months.length > 1 && months[1]!.column - months[0]!.column < 3) months.shift();

  // Weekday names from a known Monday.
  const monday = parseDay('2024-01-01');
  const weekdays = Array.from({ length: 7 }, (_, i) =>
    i18n.date(new Date(monday.getFullYear(), monday.getMonth(), monday.getDate() + i), { weekday: 'short' }),
  );

  const busiest = studied.reduce<StatisticsDay | null>((b, d) => (b === null || d.total > b.total ? d : b), null);
  const average = studied.length ? studied.reduce((s, d) => s + d.total, 0) / studied.length : 0;
  const summary = studied.length
    ? [
        t('stats.heatmap.summary', { studied: num(studied.length), days: num(days.length), share: i18n.percent(studied.length / Math.max(1, days.length)) }),
        t('stats.heatmap.busiest', { count: busiest!.total, value: num(busiest!.total), date: longDay(busiest!.date) }),
        t('stats.heatmap.average', { value: num(average, 1) }),
      ].join(' ')
    : t('stats.heatmap.none', { days: num(days.length) });

  return { weeks, months, weekdays, max, daysStudied: studied.length, alt: { summary } };
}
