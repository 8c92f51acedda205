// Future due: cards due per study day from today, stacked by kind (learning, young, mature).
import type { Statistics } from '../../../../electron/shared/contract';
import { t } from '../i18n.svelte';
import type { ChartSpec, TextAlternative } from './chart';
import { longDay, num, shortDay } from './format';

export interface ForecastView {
  spec: ChartSpec;
  alt: TextAlternative;
  total: number;
  tomorrow: number;
  /** Mean due per day over the range. */
  average: number;
  overdue: number;
}

export function prepareForecast(stats: Pick<Statistics, 'forecast' | 'overdue'>): ForecastView {
  const days = stats.forecast;
  const total = days.reduce((sum, d) => sum + d.total, 0);
  const tomorrow = days[1]?.total ?? 0;
  const average = days.length ? total / days.length : 0;
  const labels = days.map((d, i) => (i === 0 ? t('stats.today.label') : shortDay(d.date)));
  const spec: ChartSpec = {
    type: 'bar',
    stacked: true,
    labels,
    titles: days.map((d, i) => (i === 0 ? `${t('stats.today.label')} · ${longDay(d.date)}` : longDay(d.date))),
    series: [
      { label: t('stats.kind.learning'), data: days.map((d) => d.learning), color: 'learning' },
      { label: t('stats.kind.young'), data: days.map((d) => d.young), color: 'young' },
      { label: t('stats.kind.mature'), data: days.map((d) => d.mature), color: 'mature' },
    ],
    yTitle: t('stats.axis.cards'),
    footer: (i) => t('stats.tooltip.total', { value: num(days[i]?.total ?? 0) }),
  };
  const summary = [
    t('stats.forecast.summary', { count: total, total: num(total), days: days.length }),
    t('stats.forecast.tomorrow', { count: tomorrow, value: num(tomorrow) }),
    t('stats.forecast.average', { value: num(average, 1) }),
    stats.overdue > 0 ? t('stats.forecast.overdue', { count: stats.overdue, value: num(stats.overdue) }) : '',
  ]
    .filter(Boolean)
    .join(' ');
  const alt: TextAlternative = {
    summary,
    table: {
      caption: t('stats.forecast.title'),
      columns: [t('stats.column.day'), t('stats.kind.learning'), t('stats.kind.young'), t('stats.kind.mature'), t('stats.column.total')],
      rows: days.map((d) => [longDay(d.date), num(d.learning), num(d.young), num(d.mature), num(d.total)]),
    },
  };
  return { spec, alt, total, tomorrow, average, overdue: stats.overdue };
}
