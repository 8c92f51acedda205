// Exam readiness: how much of each deck, domain and the whole exam a learner is predicted to
// recall on exam day, how much has been studied at all, and a pass probability from a stated model.
//
// Definitions (suspended cards are left out everywhere):
// - exam day start: the study day of the exam date begins at the collection's dayStartHour, local
//   time (studyDay semantics), e.g. 2026-12-15 with dayStartHour 4 → 2026-12-15 04:00 local;
// - a card's predicted recall = ts-fsrs's forgetting curve R(t, S) with the weights in use, for its
//   current stability S, t = (exam day start − last review) in fractional days (clamped at 0);
//   a card never reviewed (state new, or no last review) counts 0;
// - deck recall = mean over its cards; domain recall = mean over the cards of its decks (so big
//   decks count more); overall recall = weighted mean of the COVERED domains' recall with the
//   exam weights, reported with coveredWeight = covered weight / total weight;
// - coverage = cards reviewed at least once / cards (deck, domain, overall over mapped decks);
// - a domain is covered when at least one of its decks has a card; otherwise its recall is null.
//
// Scale: one query reads (deck, state, stability, last review) of every card, row by row without
// building objects; everything else is per-deck arithmetic. No per-card queries.
import type { Database } from 'better-sqlite3';
import { InvalidArgumentError } from '../errors';
import { createForgettingCurve } from '../scheduler';
import { getSettings } from '../settings';
import { DAY } from '../time';
import { parseExamDate, type ExamProfile } from './profile';

/** The chance of guessing a question right in a domain nobody studied: 1 of 4 options. */
export const GUESS_PROBABILITY = 0.25;

/** The pass model in one sentence, for the UI and the CLI. */
export const PASS_MODEL_DESCRIPTION =
  'Pass probability assumes the scored questions are split across domains by exam weight, that each is answered ' +
  'correctly independently with the probability of the domain\u2019s predicted recall on exam day (a 1-in-4 guess for ' +
  'domains no deck covers), and that the score is the share of scored questions answered correctly times the maximum ' +
  'score (unscored questions and the exam\u2019s real scaled scoring are ignored).';

export interface DeckReadiness {
  deckId: number;
  deck: string;
  /** The exam domain the deck feeds, or null when it feeds none. */
  domain: string | null;
  cards: number;
  reviewed: number;
  predictedRecall: number | null;
  coverage: number | null;
}

export interface DomainReadiness {
  domainId: number;
  domain: string;
  /** Share of the exam, 0–1 (the domain weights normalised to sum 1). */
  weight: number;
  covered: boolean;
  decks: number;
  cards: number;
  reviewed: number;
  /** Scored questions this domain gets in the pass model. */
  scoredQuestions: number;
  predictedRecall: number | null;
  coverage: number | null;
}

export interface Readiness {
  exam: string;
  examDate: string;
  /** ms since the epoch: the exam day's study-day start, where recall is evaluated. */
  examDayStart: number;
  cards: number;
  reviewed: number;
  coverage: number | null;
  /** Weighted mean over covered domains; null when no domain is covered. */
  predictedRecall: number | null;
  coveredWeight: number;
  perDeck: DeckReadiness[];
  perDomain: DomainReadiness[];
  passProbability: number;
  /** Correct scored answers needed to pass in the model. */
  requiredCorrect: number;
  passModel: string;
}

/** The start of the exam date's study day: that local date at dayStartHour:00. */
export function examDayStart(examDate: string, dayStartHour: number): number {
  const [y, m, d] = parseExamDate(examDate).split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d, dayStartHour, 0, 0, 0).getTime();
}

export interface ReadinessOptions {
  /** Overrides the exam's own date. */
  examDate?: string | null;
}

export function computeReadiness(db: Database, exam: ExamProfile, options: ReadinessOptions = {}): Readiness {
  const examDate = options.examDate ?? exam.examDate;
  if (!examDate) throw new InvalidArgumentError(`The exam "${exam.name}" has no date; give one (YYYY-MM-DD) to compute readiness.`);
  const settings = getSettings(db);
  const at = examDayStart(examDate, settings.dayStartHour);
  const recallOf = createForgettingCurve(settings);

  // Per deck: [cards, reviewed, sum of predicted recall].
  const sums = new Map<number, [number, number, number]>();
  const rows = db
    .prepare('SELECT deck_id, state, stability, last_review FROM card WHERE suspended = 0')
    .raw()
    .iterate() as IterableIterator<[number, number, number, number | null]>;
  for (const [deckId, state, stability, lastReview] of rows) {
    let s = sums.get(deckId);
    if (!s) sums.set(deckId, (s = [0, 0, 0]));
    s[0]++;
    if (state !== 0 && lastReview !== null) {
      s[1]++;
      s[2] += recallOf((at - lastReview) / DAY, stability);
    }
  }

  const domainOfDeck = new Map<number, string>();
  for (const d of exam.domains) for (const k of d.decks) domainOfDeck.set(k.id, d.name);
  const decks = db.prepare('SELECT id, name FROM deck ORDER BY name COLLATE NOCASE').all() as { id: number; name: string }[];
  const perDeck = decks.map((d): DeckReadiness => {
    const [cards, reviewed, recall] = sums.get(d.id) ?? [0, 0, 0];
    return {
      deckId: d.id,
      deck: d.name,
      domain: domainOfDeck.get(d.id) ?? null,
      cards,
      reviewed,
      predictedRecall: cards ? recall / cards : null,
      coverage: cards ? reviewed / cards : null,
    };
  });

  const totalWeight = exam.domains.reduce((a, d) => a + d.weight, 0);
  const questions = allocateQuestions(exam.domains.map((d) => d.weight), exam.scoredQuestions);
  const perDomain = exam.domains.map((d, i): DomainReadiness => {
    let cards = 0;
    let reviewed = 0;
    let recall = 0;
    for (const k of d.decks) {
      const s = sums.get(k.id);
      if (s) [cards, reviewed, recall] = [cards + s[0], reviewed + s[1], recall + s[2]];
    }
    return {
      domainId: d.id,
      domain: d.name,
      weight: d.weight / totalWeight,
      covered: cards > 0,
      decks: d.decks.length,
      cards,
      reviewed,
      scoredQuestions: questions[i]!,
      predictedRecall: cards ? recall / cards : null,
      coverage: cards ? reviewed / cards : null,
    };
  });

  const covered = perDomain.filter((d) => d.covered);
  const coveredWeight = covered.reduce((a, d) => a + d.weight, 0);
  const cards = perDomain.reduce((a, d) => a + d.cards, 0);
  const reviewed = perDomain.reduce((a, d) => a + d.reviewed, 0);
  const pass = passProbability(
    perDomain.map((d) => ({ questions: d.scoredQuestions, recall: d.predictedRecall ?? GUESS_PROBABILITY })),
    exam.passMark,
    exam.maxScore,
  );
  return {
    exam: exam.name,
    examDate,
    examDayStart: at,
    cards,
    reviewed,
    coverage: cards ? reviewed / cards : null,
    predictedRecall: coveredWeight > 0 ? covered.reduce((a, d) => a + d.weight * d.predictedRecall!, 0) / coveredWeight : null,
    coveredWeight,
    perDeck,
    perDomain,
    passProbability: pass.probability,
    requiredCorrect: pass.requiredCorrect,
    passModel: PASS_MODEL_DESCRIPTION,
  };
}

/**
 * Splits `total` questions across domains in proportion to their weights, by largest remainder
 * (Hamilton): each gets floor(total·w/Σw), then the leftovers go to the largest fractional parts
 * (ties to the earlier domain). CLF-C02: 24/30/34/12 % of 50 → 12/15/17/6.
 */
export function allocateQuestions(weights: readonly number[], total: number): number[] {
  const sum = weights.reduce((a, w) => a + w, 0);
  const exact = weights.map((w) => (total * w) / sum);
  const counts = exact.map((x) => Math.floor(x + 1e-9));
  const order = exact.map((x, i) => ({ i, frac: x - counts[i]! })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  let left = total - counts.reduce((a, c) => a + c, 0);
  for (const { i } of order) {
    if (left <= 0) break;
    counts[i]!++;
    left--;
  }
  return counts;
}

/**
 * The pass model. With n_d scored questions in domain d, each answered correctly independently
 * with probability p_d, the number of correct answers K follows a Poisson-binomial distribution,
 * computed exactly by dynamic programming over the questions (P[k] after each question:
 * P'[k] = P[k]·(1−p) + P[k−1]·p). Score = K / N · maxScore with N = Σ n_d; the exam is passed when
 * score ≥ passMark, i.e. K ≥ ceil(passMark · N / maxScore) (CLF-C02: 35 of 50). Returns P(pass).
 */
export function passProbability(
  domains: readonly { questions: number; recall: number }[],
  passMark: number,
  maxScore: number,
): { probability: number; requiredCorrect: number } {
  const n = domains.reduce((a, d) => a + d.questions, 0);
  const requiredCorrect = Math.ceil((passMark * n) / maxScore - 1e-9);
  let dist = [1];
  for (const d of domains) {
    const p = Math.min(1, Math.max(0, d.recall));
    for (let q = 0; q < d.questions; q++) {
      const next = new Array<number>(dist.length + 1).fill(0);
      dist.forEach((v, k) => {
        next[k]! += v * (1 - p);
        next[k + 1]! += v * p;
      });
      dist = next;
    }
  }
  const probability = dist.slice(requiredCorrect).reduce((a, v) => a + v, 0);
  return { probability: Math.min(1, Math.max(0, probability)), requiredCorrect };
}
