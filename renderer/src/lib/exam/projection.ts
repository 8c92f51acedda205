// "If you keep doing your reviews as scheduled": the core simulates every study day to the exam;
// this shapes its result into headline figures and a daily-workload chart (per week when the
// exam is more than four months away, so the bars stay readable).
import type { Projection } from '../../../../electron/shared/contract';
import { t } from '../i18n.svelte';
import type { ChartSpec, TextAlternative } from '../stats/chart';
import { longDay, num, pct, shortDay } from '../stats/format';
import { coreText } from './text';

export interface ProjectionView {
  recall: string;
  average: string;
  peak: string;
  total: string;
  days: number;
  model: string;
  spec: ChartSpec;
  alt: TextAlternative;
}

interface Bucket {
  from: string;
  to: string;
  reviews: number;
  newCards: number;
  learningSteps: number;
  answers: number;
  backlog: number;
}

/** Days, or weeks (from the first day) when there are more than 120 days. */
export function projectionBuckets(days: Projection['dailyReviews']): { weekly: boolean; buckets: Bucket[] } {
  const weekly = days.length > 120;
  const size = weekly ? 7 : 1;
  const buckets: Bucket[] = [];
  for (let i = 0; i < days.length; i += size) {
    const part = days.slice(i, i + size);
    buckets.push({
      from: part[0]!.date,
      to: part.at(-1)!.date,
      reviews: part.reduce((s, d) => s + d.reviews, 0),
      newCards: part.reduce((s, d) => s + d.newCards, 0),
      learningSteps: part.reduce((s, d) => s + d.learningSteps, 0),
      answers: part.reduce((s, d) => s + d.answers, 0),
      backlog: part.at(-1)!.backlog,
    });
  }
  return { weekly, buckets };
}

export function prepareProjection(p: Projection, currentRecall: number | null): ProjectionView {
  const { weekly, buckets } = projectionBuckets(p.dailyReviews);
  const title = (b: Bucket) => (weekly ? t('stats.reviews.week', { from: longDay(b.from), to: longDay(b.to) }) : longDay(b.from));
  const spec: ChartSpec = {
    type: 'bar',
    stacked: true,
    labels: buckets.map((b) => shortDay(b.from)),
    titles: buckets.map(title),
    series: [
      { label: t('exam.projection.reviews'), data: buckets.map((b) => b.reviews), color: 'mature' },
      { label: t('exam.projection.newCards'), data: buckets.map((b) => b.newCards), color: 'new' },
      { label: t('exam.projection.learningSteps'), data: buckets.map((b) => b.learningSteps), color: 'learning' },
    ],
    yTitle: weekly ? t('exam.projection.perWeek') : t('exam.projection.perDay'),
    footer: (i) => {
      const b = buckets[i];
      if (!b) return null;
      const total = t('stats.tooltip.total', { value: num(b.answers) });
      return b.backlog > 0 ? `${total}\n${t('exam.projection.backlog', { count: b.backlog, value: num(b.backlog) })}` : total;
    },
  };
  const peak = p.peak ? t('exam.projection.peakValue', { value: num(p.peak.answers), date: shortDay(p.peak.date) }) : t('common.none');
  const summary = [
    t('exam.projection.summary', { recall: pct(p.predictedRecall), now: pct(currentRecall) }),
    p.dailyReviews.length
      ? t('exam.projection.workload', { average: num(p.averagePerDay, 1), total: num(p.totalAnswers), days: num(p.dailyReviews.length) })
      : '',
    p.peak ? t('exam.projection.peakSentence', { value: num(p.peak.answers), date: longDay(p.peak.date) }) : '',
  ]
    .filter(Boolean)
    .join(' ');
  return {
    recall: pct(p.predictedRecall),
    average: num(p.averagePerDay, 1),
    peak,
    total: num(p.totalAnswers),
    days: p.dailyReviews.length,
    model: coreText(p.model, 'exam.model.projection'),
    spec,
    alt: {
      summary,
      table: {
        caption: t('exam.projection.title'),
        columns: [
          weekly ? t('stats.column.week') : t('stats.column.day'),
          t('exam.projection.reviews'),
          t('exam.projection.newCards'),
          t('exam.projection.learningSteps'),
          t('stats.column.total'),
        ],
        rows: buckets.map((b) => [title(b), num(b.reviews), num(b.newCards), num(b.learningSteps), num(b.answers)]),
      },
    },
  };
}
