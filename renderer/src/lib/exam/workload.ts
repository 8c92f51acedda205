// Desired retention and the work it implies: the core simulates each value from 0.70 to 0.97;
// this picks the row for the slider's value and draws the curve of answers per day.
import type { RetentionWorkload, RetentionWorkloadRow } from '../../../../electron/shared/contract';
import { t } from '../i18n.svelte';
import type { ChartSpec, TextAlternative } from '../stats/chart';
import { num, pct } from '../stats/format';
import { coreText } from './text';

export const RETENTION_MIN = 0.7;
export const RETENTION_MAX = 0.97;
export const RETENTION_STEP = 0.01;

/** Keeps a slider value on the allowed grid (0.70–0.97 in steps of 0.01). */
export function clampRetention(value: number): number {
  const v = Math.round(value / RETENTION_STEP) * RETENTION_STEP;
  return Math.round(Math.min(RETENTION_MAX, Math.max(RETENTION_MIN, v)) * 100) / 100;
}

/** The simulated row closest to `value` (the core may simulate fewer values than the slider has). */
export function rowFor(workload: RetentionWorkload, value: number): RetentionWorkloadRow | null {
  let best: RetentionWorkloadRow | null = null;
  for (const row of workload.rows) {
    if (!best || Math.abs(row.desiredRetention - value) < Math.abs(best.desiredRetention - value)) best = row;
  }
  return best;
}

/**
 * The workload at any slider value: a simulated row where there is one; between two simulated
 * values, the straight line between them (the core simulates a few values, e.g. 0.70, 0.75 … 0.97).
 */
export function workloadAt(workload: RetentionWorkload, value: number): (RetentionWorkloadRow & { estimated: boolean }) | null {
  const rows = [...workload.rows].sort((a, b) => a.desiredRetention - b.desiredRetention);
  const exact = rows.find((r) => Math.abs(r.desiredRetention - value) < 1e-9);
  if (exact) return { ...exact, estimated: false };
  const upper = rows.findIndex((r) => r.desiredRetention > value);
  if (upper <= 0) {
    // Outside the simulated range: the nearest end.
    const nearest = rowFor(workload, value);
    return nearest && { ...nearest, estimated: false };
  }
  const a = rows[upper - 1]!;
  const b = rows[upper]!;
  const f = (value - a.desiredRetention) / (b.desiredRetention - a.desiredRetention);
  const mix = (x: number, y: number) => x + (y - x) * f;
  return {
    desiredRetention: value,
    totalAnswers: Math.round(mix(a.totalAnswers, b.totalAnswers)),
    averagePerDay: mix(a.averagePerDay, b.averagePerDay),
    peak: Math.round(mix(a.peak, b.peak)),
    predictedRecall: a.predictedRecall === null || b.predictedRecall === null ? null : mix(a.predictedRecall, b.predictedRecall),
    estimated: true,
  };
}

export interface WorkloadReadout {
  retention: string;
  perDay: string;
  total: string;
  peak: string;
  recall: string | null;
  sentence: string;
  /** Interpolated between two simulated values. */
  estimated: boolean;
}

export function readout(workload: RetentionWorkload, value: number): WorkloadReadout | null {
  const row = workloadAt(workload, value);
  if (!row) return null;
  const recall = row.predictedRecall === null ? null : pct(row.predictedRecall);
  const sentence =
    recall === null
      ? t('exam.retention.sentence', { retention: pct(row.desiredRetention), perDay: num(row.averagePerDay, 1), days: num(workload.days) })
      : t('exam.retention.sentenceExam', { retention: pct(row.desiredRetention), perDay: num(row.averagePerDay, 1), days: num(workload.days), recall });
  return {
    retention: pct(row.desiredRetention),
    perDay: num(row.averagePerDay, 1),
    total: num(row.totalAnswers),
    peak: num(row.peak),
    recall,
    sentence,
    estimated: row.estimated,
  };
}

export function workloadChart(workload: RetentionWorkload): { spec: ChartSpec; alt: TextAlternative; model: string } {
  const rows = workload.rows;
  const withExam = rows.some((r) => r.predictedRecall !== null);
  const spec: ChartSpec = {
    type: 'line',
    labels: rows.map((r) => pct(r.desiredRetention)),
    series: [
      { label: t('exam.retention.perDay'), data: rows.map((r) => Math.round(r.averagePerDay * 10) / 10), color: 'accent' },
      ...(withExam
        ? [{ label: t('exam.retention.recall'), data: rows.map((r) => (r.predictedRecall === null ? null : Math.round(r.predictedRecall * 1000) / 10)), color: 'mature' as const, secondAxis: true }]
        : []),
    ],
    xTitle: t('exam.retention.axis'),
    yTitle: t('exam.retention.perDay'),
    y2Title: withExam ? t('exam.retention.recall') : undefined,
    format: (v) => num(v, v % 1 === 0 ? 0 : 1),
    format2: (v) => `${num(v, 0)}%`,
  };
  const low = rows[0];
  const high = rows.at(-1);
  const summary =
    low && high
      ? t('exam.retention.summary', {
          low: pct(low.desiredRetention),
          lowPerDay: num(low.averagePerDay, 1),
          high: pct(high.desiredRetention),
          highPerDay: num(high.averagePerDay, 1),
        })
      : t('exam.retention.none');
  return {
    spec,
    model: coreText(workload.model, 'exam.model.workload', { days: workload.days }),
    alt: {
      summary,
      table: {
        caption: t('exam.retention.title'),
        columns: [t('exam.retention.axis'), t('exam.retention.perDay'), t('exam.retention.peak'), ...(withExam ? [t('exam.retention.recall')] : [])],
        rows: rows.map((r) => [pct(r.desiredRetention), num(r.averagePerDay, 1), num(r.peak), ...(withExam ? [pct(r.predictedRecall)] : [])]),
      },
    },
  };
}
