// The memory-state distributions of reviewed cards: stability (days), difficulty and
// retrievability (predicted recall now), as the core's bins.
import type { Distribution, DistributionBin } from '../../../../electron/shared/contract';
import { t } from '../i18n.svelte';
import type { ChartSpec, ColorToken, TextAlternative } from './chart';
import { formatInterval, num } from './format';

export type DistributionKind = 'stability' | 'difficulty' | 'retrievability';

const COLORS: Record<DistributionKind, ColorToken> = { stability: 'mature', difficulty: 'hard', retrievability: 'easy' };

/** "1–2 d", "730+ d", "< 1 d"; "10–20%". */
export function binLabel(bin: DistributionBin, unit: Distribution['unit']): string {
  const n = (v: number) => num(v);
  if (unit === 'percent') return `${n(bin.from)}–${n(bin.to ?? 100)}%`;
  if (bin.to === null) return t('stats.dist.daysOpen', { from: n(bin.from) });
  if (bin.from === 0) return t('stats.dist.daysBelow', { to: n(bin.to) });
  return t('stats.dist.daysRange', { from: n(bin.from), to: n(bin.to) });
}

export interface DistributionView {
  spec: ChartSpec;
  alt: TextAlternative;
  mean: string;
  cards: number;
}

export function prepareDistribution(dist: Distribution, kind: DistributionKind): DistributionView {
  const labels = dist.bins.map((b) => binLabel(b, dist.unit));
  const mean = dist.mean === null ? t('common.none') : dist.unit === 'days' ? formatInterval(dist.mean) : `${num(dist.mean, 1)}%`;
  const spec: ChartSpec = {
    type: 'bar',
    labels,
    series: [{ label: t('stats.axis.cards'), data: dist.bins.map((b) => b.count), color: COLORS[kind] }],
    xTitle: t(`stats.dist.${kind}.axis`),
    yTitle: t('stats.axis.cards'),
    legend: false,
    size: 'small',
  };
  // The bin holding the most cards, for the summary.
  const top = dist.bins.reduce<DistributionBin | null>((b, x) => (x.count > (b?.count ?? 0) ? x : b), null);
  const summary = dist.cards
    ? [
        t(`stats.dist.${kind}.summary`, { mean, count: dist.cards, cards: num(dist.cards) }),
        top ? t('stats.dist.mostCards', { bin: binLabel(top, dist.unit), count: top.count, value: num(top.count) }) : '',
      ]
        .filter(Boolean)
        .join(' ')
    : t('stats.dist.none');
  return {
    spec,
    mean,
    cards: dist.cards,
    alt: {
      summary,
      table: {
        caption: t(`stats.dist.${kind}.title`),
        columns: [t(`stats.dist.${kind}.axis`), t('stats.column.cards')],
        rows: dist.bins.filter((b) => b.count > 0).map((b) => [binLabel(b, dist.unit), num(b.count)]),
      },
    },
  };
}
