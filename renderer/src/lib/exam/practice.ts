// Practice tests, shaped for drawing: the timer's text, the results per domain at the end and the
// results over time. Practice answers never touch FSRS schedules (the core keeps them apart).
import type { ExamProfile, PracticeResult } from '../../../../electron/shared/contract';
import { i18n, t } from '../i18n.svelte';
import type { ChartSpec, TextAlternative } from '../stats/chart';
import { num, pct } from '../stats/format';

/** The real CLF-C02 gives 90 minutes for 65 questions; a practice test keeps that pace by default. */
export const MINUTES_PER_QUESTION = 90 / 65;
export const DEFAULT_QUESTIONS = 20;
export const MAX_QUESTIONS = 200;
export const MAX_MINUTES = 600;

export function defaultMinutes(questions: number): number {
  return Math.min(MAX_MINUTES, Math.max(1, Math.round(questions * MINUTES_PER_QUESTION)));
}

/** Milliseconds left until `deadline` (ISO), never below 0; null without a time limit. */
export function remainingMs(deadline: string | null, now: number): number | null {
  if (deadline === null) return null;
  return Math.max(0, Date.parse(deadline) - now);
}

/** "12:05" or "1:02:05", rounded up so the clock reads 0:00 only when time is really up. */
export function clock(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`;
}

/** The choice a number key (1–4) picks, or null when that question has no such choice. */
export function choiceForKey(key: string, choices: number): number | null {
  if (!/^[1-9]$/.test(key)) return null;
  const index = Number(key) - 1;
  return index < choices ? index : null;
}

export interface ResultRow {
  domain: string;
  questions: number;
  correct: number;
  score: string;
  scoreValue: number | null;
}

export interface ResultView {
  score: string;
  correct: string;
  scaled: string | null;
  passed: boolean | null;
  verdict: string;
  timedOut: boolean;
  rows: ResultRow[];
}

export function prepareResult(result: PracticeResult, exam: Pick<ExamProfile, 'passMark' | 'maxScore'> | null): ResultView {
  const scaled = result.scaledScore === null ? null : num(result.scaledScore);
  const verdict =
    result.passed === null
      ? t('exam.practice.result.noExam')
      : result.passed
        ? t('exam.practice.result.passed', { score: scaled ?? '', mark: num(exam?.passMark ?? 0), max: num(exam?.maxScore ?? 0) })
        : t('exam.practice.result.failed', { score: scaled ?? '', mark: num(exam?.passMark ?? 0), max: num(exam?.maxScore ?? 0) });
  return {
    score: pct(result.score),
    correct: t('exam.practice.result.correct', { correct: num(result.correct), questions: num(result.questions) }),
    scaled,
    passed: result.passed,
    verdict,
    timedOut: result.timedOut,
    rows: result.perDomain.map((d) => ({
      domain: d.domain ?? t('exam.practice.noDomain'),
      questions: d.questions,
      correct: d.correct,
      // Unanswered questions count as wrong, as in the overall score.
      score: d.questions ? pct(d.correct / d.questions) : t('common.none'),
      scoreValue: d.questions ? d.correct / d.questions : null,
    })),
  };
}

export interface HistoryView {
  spec: ChartSpec;
  alt: TextAlternative;
  count: number;
}

/** Results over time: each finished test's score, with the pass mark as a dashed line. */
export function prepareHistory(history: readonly PracticeResult[], exam: Pick<ExamProfile, 'passMark' | 'maxScore'> | null): HistoryView {
  const done = history.filter((r) => r.finishedAt !== null);
  const when = (r: PracticeResult) => i18n.date(new Date(r.finishedAt ?? r.startedAt), { day: 'numeric', month: 'short' });
  const whenLong = (r: PracticeResult) => i18n.date(new Date(r.finishedAt ?? r.startedAt), { dateStyle: 'medium', timeStyle: 'short' });
  const passLine = exam && exam.maxScore > 0 ? Math.round((exam.passMark / exam.maxScore) * 1000) / 10 : null;
  const spec: ChartSpec = {
    type: 'line',
    labels: done.map(when),
    titles: done.map(whenLong),
    series: [
      { label: t('exam.practice.history.score'), data: done.map((r) => Math.round(r.score * 1000) / 10), color: 'accent' },
    ],
    mark: passLine === null ? undefined : { value: passLine, label: t('exam.practice.history.passLine'), color: 'hard' },
    legend: false,
    yMin: 0,
    yMax: 100,
    yTitle: t('exam.practice.history.score'),
    format: (v) => `${num(v, v % 1 === 0 ? 0 : 1)}%`,
    size: 'small',
  };
  const last = done.at(-1);
  const best = done.reduce<PracticeResult | null>((b, r) => (b === null || r.score > b.score ? r : b), null);
  const summary = last
    ? t('exam.practice.history.summary', { count: done.length, value: num(done.length), last: pct(last.score), best: pct(best!.score) }) +
      (passLine === null ? '' : ` ${t('exam.practice.history.passAt', { pass: `${num(passLine, 1)}%` })}`)
    : t('exam.practice.history.none');
  return {
    spec,
    count: done.length,
    alt: {
      summary,
      table: {
        caption: t('exam.practice.history.title'),
        columns: [t('exam.practice.history.date'), t('exam.practice.history.questions'), t('exam.practice.history.score'), t('exam.practice.history.scaled')],
        rows: done.map((r) => [whenLong(r), num(r.questions), pct(r.score), r.scaledScore === null ? t('common.none') : num(r.scaledScore)]),
      },
    },
  };
}
