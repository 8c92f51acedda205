// The "Today" and "Streak" figures at the top of the statistics page.
import type { Statistics } from '../../../../electron/shared/contract';
import { t } from '../i18n.svelte';
import { formatDuration } from '../format';
import { num, pct } from './format';

export interface Figure {
  id: string;
  label: string;
  value: string;
  /** A smaller line under the value. */
  note?: string;
}

export function prepareToday(stats: Pick<Statistics, 'today'>): { figures: Figure[]; summary: string } {
  const today = stats.today;
  const retention = today.retention.total;
  const reviewAnswers = retention.passed + retention.failed;
  const figures: Figure[] = [
    {
      id: 'reviewed',
      label: t('stats.today.reviewed'),
      value: num(today.answers),
      note: t('stats.today.cards', { count: today.cards, value: num(today.cards) }),
    },
    { id: 'time', label: t('stats.today.time'), value: formatDuration(today.timeMs), note: today.answers ? t('stats.today.perAnswer', { time: formatDuration(today.timeMs / today.answers) }) : undefined },
    {
      id: 'retention',
      label: t('stats.today.retention'),
      value: pct(retention.rate),
      note: reviewAnswers ? t('stats.today.retentionOf', { passed: num(retention.passed), total: num(reviewAnswers) }) : t('stats.today.noReviews'),
    },
    { id: 'correct', label: t('stats.today.correct'), value: pct(today.correct), note: t('stats.today.newCards', { count: today.newCards, value: num(today.newCards) }) },
  ];
  const summary = today.answers
    ? t('stats.today.summary', { count: today.answers, value: num(today.answers), cards: num(today.cards), time: formatDuration(today.timeMs) })
    : t('stats.today.nothing');
  return { figures, summary };
}

export function prepareStreak(stats: Pick<Statistics, 'streak' | 'days'>): { figures: Figure[]; summary: string } {
  const s = stats.streak;
  const figures: Figure[] = [
    {
      id: 'current',
      label: t('stats.streak.current'),
      value: t('stats.streak.days', { count: s.current, value: num(s.current) }),
      note: s.current > 0 && !s.studiedToday ? t('stats.streak.keepGoing') : undefined,
    },
    { id: 'longest', label: t('stats.streak.longest'), value: t('stats.streak.days', { count: s.longest, value: num(s.longest) }) },
    {
      id: 'studied',
      label: t('stats.streak.studied'),
      value: num(s.daysStudied),
      note: t('stats.streak.ofDays', { days: num(stats.days.length) }),
    },
  ];
  const summary = t('stats.streak.summary', { count: s.current, current: num(s.current), longest: num(s.longest) });
  return { figures, summary };
}
