// The readiness view's figures, shaped for drawing: the headline numbers, one row per exam
// domain (uncovered ones included, marked as such), one row per deck, and "what to study".
// Every number comes from the core's ReadinessReport; nothing is recomputed here.
import type { DomainReadiness, ExamProfile, Readiness, ReadinessReport } from '../../../../electron/shared/contract';
import { i18n, t } from '../i18n.svelte';
import { daysBetween, mediumDay, num, pct } from '../stats/format';
import { coreText } from './text';

/** How a figure compares with what passing needs: drives a colour, always with words beside it. */
export type Tone = 'strong' | 'ok' | 'weak' | 'none';

/** The share of the maximum score needed to pass (700 / 1000 → 0.7). */
export function passShare(exam: Pick<ExamProfile, 'passMark' | 'maxScore'>): number {
  return exam.maxScore > 0 ? exam.passMark / exam.maxScore : 0.7;
}

/** Predicted recall against the pass share: clearly above, just above, or below it. */
export function recallTone(recall: number | null, needed: number): Tone {
  if (recall === null) return 'none';
  if (recall >= Math.min(0.97, needed + 0.1)) return 'strong';
  if (recall >= needed) return 'ok';
  return 'weak';
}

export interface DomainRow {
  id: number;
  name: string;
  weight: string;
  covered: boolean;
  decks: string;
  cards: number;
  recall: number | null;
  recallText: string;
  coverage: number | null;
  coverageText: string;
  practiceText: string;
  practiceDetail: string | null;
  questions: number;
  tone: Tone;
}

export interface DeckRow {
  id: number;
  name: string;
  domain: string | null;
  cards: number;
  reviewed: number;
  recallText: string;
  coverageText: string;
  tone: Tone;
}

export interface Advice {
  domain: string;
  weight: string;
  tone: Tone;
  /** What stands out, in one sentence. */
  reason: string;
  /** What to do about it, in one sentence. */
  action: string;
}

export interface ReadinessView {
  examName: string;
  examDate: string;
  daysLeft: number;
  daysLeftText: string;
  recall: string;
  recallTone: Tone;
  /** Whether every exam domain has a deck (only then can recall say "on track"). */
  fullyCovered: boolean;
  coveredWeight: string;
  /** Why the pass probability is low when part of the exam has no deck; null when all is covered. */
  uncoveredHint: string | null;
  coverage: string;
  coverageDetail: string;
  pass: string;
  passTone: Tone;
  passDetail: string;
  passModel: string;
  practice: string;
  practiceDetail: string;
  practiceModel: string;
  domains: DomainRow[];
  decks: DeckRow[];
  advice: Advice[];
}

function domainRow(d: DomainReadiness, exam: ExamProfile, needed: number): DomainRow {
  const names = feeds(exam.domains.find((x) => x.id === d.domainId));
  const practiced = d.practice.answered > 0;
  return {
    id: d.domainId,
    name: d.domain,
    weight: pct(d.weight),
    covered: d.covered,
    decks: names.join(', '),
    cards: d.cards,
    recall: d.predictedRecall,
    recallText: d.covered ? pct(d.predictedRecall) : t('exam.domains.uncovered'),
    coverage: d.coverage,
    coverageText: d.covered ? pct(d.coverage) : t('common.none'),
    practiceText: practiced ? pct(d.practice.score) : t('common.none'),
    practiceDetail: practiced ? t('exam.domains.practiceDetail', { correct: num(d.practice.correct), answered: num(d.practice.answered) }) : null,
    questions: d.scoredQuestions,
    tone: d.covered ? recallTone(d.predictedRecall, needed) : 'none',
  };
}

/** Weakest first: uncovered domains (nothing to recall from), then by predicted recall, heavier first on ties. */
export function adviceOrder(domains: readonly DomainReadiness[]): DomainReadiness[] {
  const key = (d: DomainReadiness) => (d.covered ? (d.predictedRecall ?? 0) : -1);
  return [...domains].sort((a, b) => key(a) - key(b) || b.weight - a.weight);
}

/** What to study: the weakest domains first, each with the deck to work on and why. */
export function prepareAdvice(readiness: Readiness, exam: ExamProfile, limit = 3): Advice[] {
  const needed = passShare(exam);
  const advice: Advice[] = [];
  for (const d of adviceOrder(readiness.perDomain)) {
    if (advice.length >= limit) break;
    const tone = d.covered ? recallTone(d.predictedRecall, needed) : 'none';
    // Domains already well above the pass line need nothing now.
    if (tone === 'strong' && (d.coverage ?? 0) >= 1) continue;
    const decks = readiness.perDeck.filter((x) => x.domain === d.domain);
    const weight = pct(d.weight);
    if (!d.covered) {
      advice.push({ domain: d.domain, weight, tone, reason: t('exam.advice.uncovered', { weight }), action: t('exam.advice.mapDeck') });
      continue;
    }
    const unstudied = d.cards - d.reviewed;
    // The deck with the most unstudied cards, or else the one with the lowest predicted recall.
    const byNew = [...decks].sort((a, b) => b.cards - b.reviewed - (a.cards - a.reviewed))[0];
    const byRecall = [...decks].sort((a, b) => (a.predictedRecall ?? 0) - (b.predictedRecall ?? 0))[0];
    const reason = t('exam.advice.recall', { recall: pct(d.predictedRecall), weight, needed: pct(needed) });
    if (unstudied > 0 && byNew) {
      advice.push({ domain: d.domain, weight, tone, reason, action: t('exam.advice.newCards', { count: unstudied, value: num(unstudied), deck: byNew.deck }) });
    } else if (byRecall) {
      advice.push({ domain: d.domain, weight, tone, reason, action: t('exam.advice.review', { deck: byRecall.deck }) });
    }
  }
  return advice;
}

export function prepareReadiness(report: ReadinessReport & { readiness: Readiness }, today: string): ReadinessView {
  const { exam, readiness: r } = report;
  const needed = passShare(exam);
  const daysLeft = daysBetween(today, r.examDate);
  const scored = exam.scoredQuestions;
  const practiced = r.practice.answered > 0;
  return {
    examName: r.exam,
    examDate: mediumDay(r.examDate),
    daysLeft,
    daysLeftText:
      daysLeft > 0 ? t('exam.daysLeft', { count: daysLeft, value: num(daysLeft) }) : daysLeft === 0 ? t('exam.examToday') : t('exam.examPast'),
    recall: pct(r.predictedRecall),
    recallTone: recallTone(r.predictedRecall, needed),
    fullyCovered: r.coveredWeight >= 0.999,
    uncoveredHint: r.coveredWeight >= 0.999 ? null : t('exam.figures.uncoveredHint', { share: pct(1 - r.coveredWeight) }),
    coveredWeight: t('exam.figures.coveredWeight', { share: pct(r.coveredWeight) }),
    coverage: pct(r.coverage),
    coverageDetail: t('exam.figures.coverageDetail', { reviewed: num(r.reviewed), cards: num(r.cards) }),
    pass: pct(r.passProbability),
    passTone: r.passProbability >= 0.8 ? 'strong' : r.passProbability >= 0.5 ? 'ok' : 'weak',
    passDetail: t('exam.figures.passDetail', { required: num(r.requiredCorrect), scored: num(scored), mark: num(exam.passMark), max: num(exam.maxScore) }),
    passModel: coreText(r.passModel, 'exam.model.pass'),
    practice: practiced ? pct(r.practice.score) : t('common.none'),
    practiceDetail: practiced
      ? t('exam.figures.practiceDetail', { correct: num(r.practice.correct), answered: num(r.practice.answered), days: num(r.practice.days) })
      : t('exam.figures.practiceNone', { days: num(r.practice.days) }),
    practiceModel: coreText(r.practice.model, 'exam.model.practice', { days: r.practice.days }),
    domains: r.perDomain.map((d) => domainRow(d, exam, needed)),
    decks: r.perDeck.map((d) => ({
      id: d.deckId,
      name: d.deck,
      domain: d.domain,
      cards: d.cards,
      reviewed: d.reviewed,
      recallText: pct(d.predictedRecall),
      coverageText: pct(d.coverage),
      tone: recallTone(d.predictedRecall, needed),
    })),
    advice: prepareAdvice(r, exam),
  };
}

/** The exam's domains without readiness figures (no date yet): names, weights and their decks. */
export function prepareProfileDomains(exam: ExamProfile): { id: number; name: string; weight: string; decks: string; covered: boolean }[] {
  const total = exam.domains.reduce((s, d) => s + d.weight, 0) || 1;
  return exam.domains.map((d) => ({
    id: d.id,
    name: d.name,
    weight: pct(d.weight / total),
    decks: feeds(d).join(', '),
    covered: d.decks.length + d.tags.length > 0,
  }));
}

/** What feeds a domain: its decks' names, then its tags as the browser searches them ("tag:aws::security"). */
function feeds(d: ExamProfile['domains'][number] | undefined): string[] {
  return d ? [...d.decks.map((x) => x.name), ...d.tags.map((tag) => `tag:${tag}`)] : [];
}

/** "65 questions (50 scored) · pass mark 700 of 1000". */
export function examFacts(exam: ExamProfile): string {
  return t('exam.facts', {
    questions: i18n.number(exam.totalQuestions),
    scored: i18n.number(exam.scoredQuestions),
    mark: i18n.number(exam.passMark),
    max: i18n.number(exam.maxScore),
  });
}
