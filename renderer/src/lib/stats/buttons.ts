// Answer buttons: how often each button was pressed, for learning, young and mature cards, over
// the last month or year, with the share answered correctly (anything but "again").
import type { ButtonCounts, Rating, Statistics } from '../../../../electron/shared/contract';
import { t } from '../i18n.svelte';
import type { ChartSpec, TextAlternative } from './chart';
import { num, pct } from './format';

export type ButtonsPeriod = 'month' | 'year';
const KINDS = ['learning', 'young', 'mature'] as const;
// The contract's RATINGS is a value, and the renderer takes only types from electron/.
const RATINGS: readonly Rating[] = ['again', 'hard', 'good', 'easy'];

export interface ButtonsView {
  spec: ChartSpec;
  alt: TextAlternative;
  total: number;
}

const sum = (c: ButtonCounts) => c[0] + c[1] + c[2] + c[3];
const correct = (c: ButtonCounts) => (sum(c) ? (sum(c) - c[0]) / sum(c) : null);

export function prepareButtons(stats: Pick<Statistics, 'answerButtons'>, period: ButtonsPeriod): ButtonsView {
  const groups = stats.answerButtons[period];
  const counts = KINDS.map((k) => groups[k]);
  const spec: ChartSpec = {
    type: 'bar',
    labels: KINDS.map((k) => t(`stats.kind.${k}`)),
    series: RATINGS.map((rating, i) => ({
      label: t(`study.rating.${rating}`),
      data: counts.map((c) => c[i]!),
      color: rating,
    })),
    yTitle: t('stats.axis.answers'),
    footer: (i) => {
      const c = counts[i]!;
      return sum(c) ? t('stats.buttons.correct', { share: pct(correct(c)), count: sum(c), value: num(sum(c)) }) : null;
    },
  };
  const total = counts.reduce((s, c) => s + sum(c), 0);
  const parts = KINDS.map((k, i) => ({ k, c: counts[i]! }))
    .filter(({ c }) => sum(c) > 0)
    .map(({ k, c }) => t('stats.buttons.part', { kind: t(`stats.kind.${k}`).toLowerCase(), share: pct(correct(c)) }));
  const summary = total
    ? `${t(`stats.buttons.summary.${period}`, { count: total, value: num(total) })} ${t('stats.buttons.correctBy', { parts: parts.join(', ') })}`
    : t(`stats.buttons.none.${period}`);
  return {
    spec,
    total,
    alt: {
      summary,
      table: {
        caption: t('stats.buttons.title'),
        columns: [t('stats.column.kind'), ...RATINGS.map((r) => t(`study.rating.${r}`)), t('stats.column.correct')],
        rows: KINDS.map((k, i) => {
          const c = counts[i]!;
          return [t(`stats.kind.${k}`), ...c.map((n) => num(n)), pct(correct(c))];
        }),
      },
    },
  };
}
