// Card counts by state (exclusive: suspended first, then buried, then the scheduling state).
import type { Statistics } from '../../../../electron/shared/contract';
import { t } from '../i18n.svelte';
import type { ChartSpec, ColorToken, TextAlternative } from './chart';
import { num, pct } from './format';

type CountKey = Exclude<keyof Statistics['cardCounts'], 'total'>;

const ORDER: { key: CountKey; color: ColorToken }[] = [
  { key: 'new', color: 'new' },
  { key: 'learning', color: 'learning' },
  { key: 'relearning', color: 'relearning' },
  { key: 'review', color: 'mature' },
  { key: 'suspended', color: 'suspended' },
  { key: 'buried', color: 'buried' },
];

export interface CardCountRow {
  key: CountKey;
  label: string;
  color: ColorToken;
  count: number;
  share: string;
}

export interface CardCountsView {
  spec: ChartSpec;
  alt: TextAlternative;
  rows: CardCountRow[];
  total: number;
}

export function prepareCardCounts(counts: Statistics['cardCounts']): CardCountsView {
  const rows = ORDER.map(({ key, color }) => ({
    key,
    label: t(`stats.state.${key}`),
    color,
    count: counts[key],
    share: counts.total ? pct(counts[key] / counts.total, counts[key] / counts.total < 0.1 && counts[key] > 0 ? 1 : 0) : pct(null),
  }));
  const shown = rows.filter((r) => r.count > 0);
  const spec: ChartSpec = {
    type: 'doughnut',
    labels: shown.map((r) => r.label),
    series: [{ label: t('stats.counts.title'), data: shown.map((r) => r.count), color: 'muted', colors: shown.map((r) => r.color) }],
    format: (v) => `${num(v)} (${counts.total ? pct(v / counts.total) : ''})`,
    legend: false,
    size: 'small',
  };
  const summary = counts.total
    ? t('stats.counts.summary', {
        count: counts.total,
        total: num(counts.total),
        parts: shown.map((r) => `${num(r.count)} ${r.label.toLowerCase()}`).join(', '),
      })
    : t('stats.counts.none');
  return {
    spec,
    rows,
    total: counts.total,
    alt: {
      summary,
      table: {
        caption: t('stats.counts.title'),
        columns: [t('stats.column.state'), t('stats.column.cards'), t('stats.column.share')],
        rows: rows.map((r) => [r.label, num(r.count), r.share]),
      },
    },
  };
}
