// True retention (Anki's table): of the answers to cards in the review state, the share that was
// not "again", split into young (< 21 days since the previous review) and mature cards, per period.
import type { RetentionFigures, Statistics } from '../../../../electron/shared/contract';
import { t } from '../i18n.svelte';
import type { DataTable } from './chart';
import { num, pct } from './format';

export const PERIODS = ['today', 'yesterday', 'week', 'month', 'year'] as const;
export type Period = (typeof PERIODS)[number];

type Figure = RetentionFigures['young'];

export interface RetentionCell {
  rate: string;
  /** "134 of 147" — passed of all answers. */
  detail: string;
  empty: boolean;
}

export interface RetentionRow {
  period: Period;
  label: string;
  young: RetentionCell;
  mature: RetentionCell;
  total: RetentionCell;
}

export interface RetentionView {
  rows: RetentionRow[];
  summary: string;
  table: DataTable;
}

function cell(f: Figure): RetentionCell {
  const count = f.passed + f.failed;
  return {
    rate: pct(f.rate, 1),
    detail: count ? t('stats.retention.detail', { passed: num(f.passed), total: num(count) }) : t('stats.retention.noAnswers'),
    empty: count === 0,
  };
}

export function prepareRetention(figures: Statistics['trueRetention']): RetentionView {
  const rows: RetentionRow[] = PERIODS.map((period) => ({
    period,
    label: t(`stats.retention.period.${period}`),
    young: cell(figures[period].young),
    mature: cell(figures[period].mature),
    total: cell(figures[period].total),
  }));
  const month = figures.month;
  const summary =
    month.total.rate === null
      ? t('stats.retention.summaryNone')
      : t('stats.retention.summary', {
          total: pct(month.total.rate, 1),
          young: pct(month.young.rate, 1),
          mature: pct(month.mature.rate, 1),
        });
  const table: DataTable = {
    caption: t('stats.retention.title'),
    columns: [t('stats.column.period'), t('stats.kind.young'), t('stats.kind.mature'), t('stats.column.total')],
    rows: rows.map((r) => [r.label, ...[r.young, r.mature, r.total].map((c) => (c.empty ? c.detail : `${c.rate} (${c.detail})`))]),
  };
  return { rows, summary, table };
}
