// Reviews per day over the last month, three months or year, stacked by the card's kind before
// the answer; a year is drawn per week so the bars stay readable. Or the time spent, in minutes.
import type { StatisticsDay } from '../../../../electron/shared/contract';
import { i18n, t } from '../i18n.svelte';
import type { ChartSpec, TextAlternative } from './chart';
import { longDay, num, shortDay } from './format';
import { formatDuration } from '../format';

export type ReviewRange = 'month' | 'quarter' | 'year';
export type ReviewMeasure = 'count' | 'time';

export const RANGE_DAYS: Record<ReviewRange, number> = { month: 30, quarter: 90, year: 365 };

interface Bucket {
  from: string;
  to: string;
  learning: number;
  young: number;
  mature: number;
  relearning: number;
  total: number;
  timeMs: number;
}

export interface ReviewsView {
  spec: ChartSpec;
  alt: TextAlternative;
  total: number;
  timeMs: number;
  daysStudied: number;
  days: number;
}

/** The last `days` study days, as days or (for a year) weeks ending on the last day. */
export function bucketDays(all: readonly StatisticsDay[], range: ReviewRange): Bucket[] {
  const days = all.slice(-RANGE_DAYS[range]);
  const size = range === 'year' ? 7 : 1;
  const buckets: Bucket[] = [];
  // Group from the end so the last bucket is a whole week ending today.
  for (let end = days.length; end > 0; end -= size) {
    const part = days.slice(Math.max(0, end - size), end);
    const b: Bucket = { from: part[0]!.date, to: part.at(-1)!.date, learning: 0, young: 0, mature: 0, relearning: 0, total: 0, timeMs: 0 };
    for (const d of part) {
      b.learning += d.learning;
      b.young += d.young;
      b.mature += d.mature;
      b.relearning += d.relearning;
      b.total += d.total;
      b.timeMs += d.timeMs;
    }
    buckets.unshift(b);
  }
  return buckets;
}

const minutes = (ms: number) => Math.round((ms / 60_000) * 10) / 10;

export function prepareReviews(all: readonly StatisticsDay[], range: ReviewRange, measure: ReviewMeasure): ReviewsView {
  const days = all.slice(-RANGE_DAYS[range]);
  const buckets = bucketDays(all, range);
  const weekly = range === 'year';
  const label = (b: Bucket) => shortDay(b.from);
  const title = (b: Bucket) => (weekly ? t('stats.reviews.week', { from: longDay(b.from), to: longDay(b.to) }) : longDay(b.from));
  const total = days.reduce((s, d) => s + d.total, 0);
  const timeMs = days.reduce((s, d) => s + d.timeMs, 0);
  const daysStudied = days.filter((d) => d.total > 0).length;

  const spec: ChartSpec =
    measure === 'count'
      ? {
          type: 'bar',
          stacked: true,
          labels: buckets.map(label),
          titles: buckets.map(title),
          series: [
            { label: t('stats.kind.learning'), data: buckets.map((b) => b.learning), color: 'learning' },
            { label: t('stats.kind.young'), data: buckets.map((b) => b.young), color: 'young' },
            { label: t('stats.kind.mature'), data: buckets.map((b) => b.mature), color: 'mature' },
            { label: t('stats.kind.relearning'), data: buckets.map((b) => b.relearning), color: 'relearning' },
          ],
          yTitle: t('stats.axis.answers'),
          footer: (i) => t('stats.tooltip.total', { value: num(buckets[i]?.total ?? 0) }),
        }
      : {
          type: 'bar',
          labels: buckets.map(label),
          titles: buckets.map(title),
          series: [{ label: t('stats.reviews.time'), data: buckets.map((b) => minutes(b.timeMs)), color: 'accent' }],
          yTitle: t('stats.axis.minutes'),
          format: (v) => t('stats.unit.minutesShort', { value: num(v, v < 10 && v % 1 !== 0 ? 1 : 0) }),
          legend: false,
        };

  const summary = total
    ? [
        t('stats.reviews.summary', { count: total, value: num(total), days: num(days.length) }),
        t('stats.reviews.studied', { studied: num(daysStudied), days: num(days.length), share: i18n.percent(daysStudied / days.length) }),
        t('stats.reviews.average', { perDay: num(total / days.length, 1), perStudyDay: num(total / Math.max(1, daysStudied), 1) }),
        t('stats.reviews.totalTime', { time: formatDuration(timeMs) }),
      ].join(' ')
    : t('stats.reviews.none', { days: num(days.length) });

  const alt: TextAlternative = {
    summary,
    table: {
      caption: t('stats.reviews.title'),
      columns: [
        weekly ? t('stats.column.week') : t('stats.column.day'),
        t('stats.kind.learning'),
        t('stats.kind.young'),
        t('stats.kind.mature'),
        t('stats.kind.relearning'),
        t('stats.column.total'),
        t('stats.column.time'),
      ],
      rows: buckets
        .filter((b) => b.total > 0)
        .map((b) => [title(b), num(b.learning), num(b.young), num(b.mature), num(b.relearning), num(b.total), formatDuration(b.timeMs)]),
    },
  };
  return { spec, alt, total, timeMs, daysStudied, days: days.length };
}
