// The optimizer panel's text: the fit before and after (log loss, RMSE) and what the result means,
// in the UI's language, from the core's OptimizeResult figures.
import type { FitMetrics, OptimizeProgress, OptimizeResult } from '../../../../electron/shared/contract';
import { i18n, t } from '../i18n.svelte';
import { num } from '../stats/format';

export interface FitRow {
  metric: 'logLoss' | 'rmse';
  label: string;
  before: string;
  after: string;
  /** The new parameters are better (lower) on this measure. */
  better: boolean;
}

const logLoss = (m: FitMetrics | null) => (m ? i18n.number(m.logLoss, { minimumFractionDigits: 4, maximumFractionDigits: 4 }) : t('common.none'));
const rmse = (m: FitMetrics | null) => (m ? i18n.percent(m.rmse, 2) : t('common.none'));

export function fitRows(result: OptimizeResult): FitRow[] {
  if (!result.before) return [];
  return [
    {
      metric: 'logLoss',
      label: t('exam.optimize.logLoss'),
      before: logLoss(result.before),
      after: logLoss(result.after),
      better: result.after !== null && result.after.logLoss < result.before.logLoss,
    },
    {
      metric: 'rmse',
      label: t('exam.optimize.rmse'),
      before: rmse(result.before),
      after: rmse(result.after),
      better: result.after !== null && result.after.rmse < result.before.rmse,
    },
  ];
}

/** What the result means, in one or two sentences. */
export function optimizeMessage(result: OptimizeResult): string {
  const items = num(result.items);
  if (result.status === 'insufficient') {
    return t('exam.optimize.insufficient', {
      minimum: num(result.minimumItems),
      items,
      toStart: num(Math.max(0, result.minimumItems - result.items)),
      toFull: num(Math.max(0, result.fullTrainingItems - result.items)),
    });
  }
  const head =
    result.status === 'partial'
      ? t('exam.optimize.partial', { items, needed: num(result.needed) })
      : t('exam.optimize.fitted', { items, cards: num(result.cards) });
  return `${head} ${result.improved ? t('exam.optimize.improved') : t('exam.optimize.notImproved')}`;
}

/** Progress 0–1, or null while the optimizer has not said how much work there is. */
export function progressShare(progress: OptimizeProgress | null): number | null {
  if (!progress || progress.total <= 0) return null;
  return Math.min(1, Math.max(0, progress.current / progress.total));
}
