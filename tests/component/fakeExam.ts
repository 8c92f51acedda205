// The exam, statistics, optimizer and practice part of the component tests' fake api: a CLF-C02
// style exam with two covered and two uncovered domains, a year of statistics with a known shape,
// and practice tests that keep their answers. FakeApi (fakeApi.ts) delegates to it.

import { msg, type CoreMessage } from '../../electron/core/messages';
import type {
  ExamProfile,
  ExamUpdate,
  TagCount,
  FsrsParameters,
  OptimizeProgress,
  OptimizeResult,
  PracticeAnswerResult,
  PracticeResult,
  PracticeTest,
  Projection,
  Readiness,
  ReadinessReport,
  RetentionFigures,
  RetentionWorkload,
  SanitizedHtml,
  Statistics,
  StatisticsDay,
} from '../../electron/shared/contract';

/** An error as the core throws it: the English sentence, with the message's id and params (see format.ts errorMessage). */
function coreError(said: CoreMessage): Error {
  return Object.assign(new Error(said.text), { id: said.id, params: said.params });
}

const html = (s: string) => s as SanitizedHtml;

/** The fixed "today" of the fake statistics (a Wednesday). */
export const STATS_TODAY = '2026-03-18';

export function examProfile(examDate: string | null = '2026-04-15'): ExamProfile {
  return {
    id: 1,
    name: 'AWS Certified Cloud Practitioner (CLF-C02)',
    preset: 'clf-c02',
    examDate,
    passMark: 700,
    maxScore: 1000,
    totalQuestions: 65,
    scoredQuestions: 50,
    examAwareScheduling: false,
    domains: [
      { id: 1, name: 'Cloud Concepts', weight: 24, decks: [{ id: 2, name: 'Azure Fundamentals' }], tags: [] },
      { id: 2, name: 'Security and Compliance', weight: 30, decks: [{ id: 1, name: 'AWS Solutions Architect' }], tags: [] },
      { id: 3, name: 'Cloud Technology and Services', weight: 34, decks: [], tags: [] },
      { id: 4, name: 'Billing, Pricing and Support', weight: 12, decks: [], tags: [] },
    ],
  };
}

function readiness(exam: ExamProfile, examDate: string): Readiness {
  return {
    exam: exam.name,
    examDate,
    examDayStart: new Date(`${examDate}T04:00:00`).getTime(),
    cards: 43,
    reviewed: 41,
    coverage: 41 / 43,
    predictedRecall: 0.812,
    coveredWeight: 0.54,
    perDeck: [
      { deckId: 1, deck: 'AWS Solutions Architect', domain: 'Security and Compliance', cards: 3, reviewed: 1, predictedRecall: 0.62, coverage: 1 / 3 },
      { deckId: 2, deck: 'Azure Fundamentals', domain: 'Cloud Concepts', cards: 40, reviewed: 40, predictedRecall: 0.93, coverage: 1 },
    ],
    perDomain: [
      {
        domainId: 1, domain: 'Cloud Concepts', weight: 0.24, covered: true, decks: 1, tags: 0, cards: 40, reviewed: 40, scoredQuestions: 12,
        predictedRecall: 0.93, coverage: 1, practice: { answered: 8, correct: 7, score: 0.875 },
      },
      {
        domainId: 2, domain: 'Security and Compliance', weight: 0.3, covered: true, decks: 1, tags: 0, cards: 3, reviewed: 1, scoredQuestions: 15,
        predictedRecall: 0.62, coverage: 1 / 3, practice: { answered: 0, correct: 0, score: null },
      },
      {
        domainId: 3, domain: 'Cloud Technology and Services', weight: 0.34, covered: false, decks: 0, tags: 0, cards: 0, reviewed: 0, scoredQuestions: 17,
        predictedRecall: null, coverage: null, practice: { answered: 0, correct: 0, score: null },
      },
      {
        domainId: 4, domain: 'Billing, Pricing and Support', weight: 0.12, covered: false, decks: 0, tags: 0, cards: 0, reviewed: 0, scoredQuestions: 6,
        predictedRecall: null, coverage: null, practice: { answered: 0, correct: 0, score: null },
      },
    ],
    passProbability: 0.31,
    requiredCorrect: 35,
    passModel: 'Pass probability assumes the scored questions are split across domains by exam weight.',
    practice: { answered: 8, correct: 7, score: 0.875, days: 30, model: 'Practice score = correct / answered.' },
  };
}

function projection(examDate: string, examAware: boolean): Projection {
  const days = Array.from({ length: 28 }, (_, i) => {
    const date = new Date(2026, 2, 18 + i);
    const reviews = 10 + (i % 5);
    const newCards = i < 10 ? 5 : 0;
    const learningSteps = i < 10 ? 8 : 1;
    return {
      date: `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`,
      reviews,
      newCards,
      learningSteps,
      lapses: 1,
      answers: reviews + newCards + learningSteps,
      backlog: 0,
    };
  });
  const total = days.reduce((s, d) => s + d.answers, 0);
  return {
    model: 'The projection simulates every study day from today to the day before the exam.',
    examDate,
    desiredRetention: 0.9,
    examAwareScheduling: examAware,
    predictedRecall: 0.874,
    coveredWeight: 0.54,
    coverage: 1,
    passProbability: 0.42,
    perDomain: [],
    perDeck: [],
    dailyReviews: days,
    totalAnswers: total,
    averagePerDay: total / days.length,
    peak: { date: days[0]!.date, answers: days[0]!.answers },
  };
}

function figure(passed: number, failed: number) {
  return { passed, failed, rate: passed + failed ? passed / (passed + failed) : null };
}

function retention(young: [number, number], mature: [number, number]): RetentionFigures {
  return {
    young: figure(...young),
    mature: figure(...mature),
    total: figure(young[0] + mature[0], young[1] + mature[1]),
  };
}

/** A year of study with a known shape: every third day has 10 answers, today 12. */
export function statistics(deck: { id: number; name: string } | null = null): Statistics {
  const end = new Date(2026, 2, 18);
  const days: StatisticsDay[] = Array.from({ length: 365 }, (_, i) => {
    const d = new Date(end.getFullYear(), end.getMonth(), end.getDate() - (364 - i));
    const date = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    const total = i === 364 ? 12 : i % 3 === 0 ? 10 : 0;
    return { date, learning: total ? 2 : 0, young: total ? 4 : 0, mature: total ? total - 7 : 0, relearning: total ? 1 : 0, total, timeMs: total * 8000 };
  });
  const forecast = Array.from({ length: 30 }, (_, i) => {
    const d = new Date(end.getFullYear(), end.getMonth(), end.getDate() + i);
    const date = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    return { date, learning: i === 0 ? 3 : 0, young: 2, mature: i % 2, total: (i === 0 ? 3 : 0) + 2 + (i % 2) };
  });
  return {
    deck,
    generatedAt: '2026-03-18T15:00:00.000Z',
    today: { date: STATS_TODAY, answers: 12, cards: 9, timeMs: 96_000, newCards: 2, correct: 0.75, retention: retention([4, 1], [3, 0]) },
    forecast,
    overdue: 3,
    days,
    cardCounts: { new: 20, learning: 2, review: 17, relearning: 1, suspended: 3, buried: 0, total: 43 },
    trueRetention: {
      today: retention([4, 1], [3, 0]),
      yesterday: retention([0, 0], [0, 0]),
      week: retention([20, 4], [10, 1]),
      month: retention([80, 12], [40, 3]),
      year: retention([500, 90], [300, 20]),
    },
    stability: {
      unit: 'days',
      bins: [
        { from: 0, to: 1, count: 2 },
        { from: 1, to: 2, count: 5 },
        { from: 2, to: 3, count: 8 },
        { from: 3, to: null, count: 3 },
      ],
      cards: 18,
      mean: 2.4,
    },
    difficulty: {
      unit: 'percent',
      bins: Array.from({ length: 10 }, (_, i) => ({ from: i * 10, to: (i + 1) * 10, count: i === 4 ? 10 : i === 5 ? 8 : 0 })),
      cards: 18,
      mean: 48.2,
    },
    retrievability: {
      unit: 'percent',
      bins: Array.from({ length: 20 }, (_, i) => ({ from: i * 5, to: (i + 1) * 5, count: i >= 17 ? 6 : 0 })),
      cards: 18,
      mean: 91.5,
    },
    answerButtons: {
      month: { learning: [3, 1, 10, 2], young: [4, 2, 30, 4], mature: [1, 0, 12, 3] },
      year: { learning: [30, 10, 100, 20], young: [40, 20, 300, 40], mature: [10, 0, 120, 30] },
    },
    streak: { current: 1, longest: 1, studiedToday: true, daysStudied: 123 },
  };
}

export function optimizedResult(): OptimizeResult {
  return {
    status: 'optimized',
    message: 'Fitted on 812 answers to 120 cards.',
    reviews: 900,
    cards: 120,
    items: 812,
    minimumItems: 8,
    fullTrainingItems: 64,
    needed: 0,
    current: [0.4, 1.2],
    before: { logLoss: 0.3412, rmse: 0.0621 },
    optimized: [0.5, 1.4],
    after: { logLoss: 0.3105, rmse: 0.0412 },
    improved: true,
    applied: false,
    durationMs: 1200,
  };
}

export function insufficientResult(): OptimizeResult {
  return {
    ...optimizedResult(),
    status: 'insufficient',
    message: 'Optimizing needs at least 8 answers.',
    items: 3,
    needed: 61,
    before: null,
    optimized: null,
    after: null,
    improved: false,
  };
}

/** Questions cycle through these: prompt, four choices, the right one. */
const QUESTIONS: { domain: string; deck: string; prompt: string; choices: string[]; correct: number }[] = [
  {
    domain: 'Security and Compliance',
    deck: 'AWS Solutions Architect',
    prompt: '<p>Who patches the guest operating system of an EC2 instance?</p>',
    choices: ['<p>AWS</p>', '<p>Customer</p>', '<p>Shared</p>'],
    correct: 1,
  },
  {
    domain: 'Cloud Concepts',
    deck: 'Azure Fundamentals',
    prompt: '<p>Which S3 storage class is cheapest for archives?</p>',
    choices: ['<p>S3 Standard</p>', '<p>S3 Glacier Deep Archive</p>', '<p>S3 One Zone-IA</p>', '<p>S3 Intelligent-Tiering</p>'],
    correct: 1,
  },
];

interface StoredTest {
  test: PracticeTest;
  timeLimitMs: number | null;
  correct: number[];
}

export class ExamFake {
  profile: ExamProfile = examProfile();
  optimizeResult: OptimizeResult = optimizedResult();
  progress: OptimizeProgress = { running: true, current: 40, total: 100 };
  parameters: FsrsParameters = { weights: null, desiredRetention: 0.9 };
  applied: { weights?: number[] | null; desiredRetention?: number }[] = [];
  tests: StoredTest[] = [];
  history: PracticeResult[] = [];

  constructor(readonly now: () => number = Date.now) {}

  readinessReport(examDate?: string): ReadinessReport {
    const date = examDate ?? this.profile.examDate;
    if (!date) return { exam: structuredClone(this.profile), readiness: null, projected: null };
    return { exam: structuredClone(this.profile), readiness: readiness(this.profile, date), projected: projection(date, this.profile.examAwareScheduling) };
  }

  updateExam(input: ExamUpdate): ExamProfile {
    const { examDate, examAwareScheduling, ...details } = input;
    // A few of the core's checks (exam/profile.ts validateExam), with its messages.
    const next = { ...this.profile, ...details };
    if (details.name !== undefined && !details.name.trim()) throw coreError(msg('exam.nameMissing'));
    if (!(Number.isInteger(next.passMark) && next.passMark >= 1 && next.passMark <= next.maxScore)) {
      throw coreError(msg('exam.badPassMark', { max: String(next.maxScore) }));
    }
    if (!(Number.isInteger(next.scoredQuestions) && next.scoredQuestions >= 1 && next.scoredQuestions <= next.totalQuestions)) {
      throw coreError(msg('exam.badScoredQuestions', { max: String(next.totalQuestions) }));
    }
    this.profile = { ...next, name: next.name.trim() };
    if (examDate !== undefined) this.profile.examDate = examDate;
    if (examAwareScheduling !== undefined) this.profile.examAwareScheduling = examAwareScheduling;
    return structuredClone(this.profile);
  }

  #domain(id: number) {
    const d = this.profile.domains.find((x) => x.id === id);
    if (!d) throw coreError(msg('exam.domainNotFound', { id: String(id) }));
    return d;
  }

  #freeName(name: string, except: number | null): string {
    const trimmed = name.trim();
    if (!trimmed) throw coreError(msg('exam.domainNameMissing'));
    const other = this.profile.domains.find((d) => d.id !== except && d.name.toLowerCase() === trimmed.toLowerCase());
    if (other) throw coreError(msg('exam.domainExists', { name: other.name }));
    return trimmed;
  }

  #weight(weight: number, name: string): number {
    if (!(Number.isFinite(weight) && weight > 0)) throw coreError(msg('exam.badWeightMax', { name, max: '1000000' }));
    return weight;
  }

  addDomain(input: { name: string; weight: number }): ExamProfile {
    const name = this.#freeName(input.name, null);
    this.profile.domains.push({ id: Math.max(0, ...this.profile.domains.map((d) => d.id)) + 1, name, weight: this.#weight(input.weight, name), decks: [], tags: [] });
    return structuredClone(this.profile);
  }

  updateDomain(input: { domainId: number; name?: string; weight?: number }): ExamProfile {
    const d = this.#domain(input.domainId);
    const name = input.name === undefined ? d.name : this.#freeName(input.name, d.id);
    if (input.weight !== undefined) d.weight = this.#weight(input.weight, name);
    d.name = name;
    return structuredClone(this.profile);
  }

  moveDomain(input: { domainId: number; direction: 'up' | 'down' }): ExamProfile {
    const list = this.profile.domains;
    const i = list.indexOf(this.#domain(input.domainId));
    const j = input.direction === 'up' ? i - 1 : i + 1;
    if (j >= 0 && j < list.length) [list[i], list[j]] = [list[j]!, list[i]!];
    return structuredClone(this.profile);
  }

  removeDomain(input: { domainId: number }): ExamProfile {
    const d = this.#domain(input.domainId);
    if (this.profile.domains.length === 1) throw coreError(msg('exam.onlyDomain', { name: d.name }));
    this.profile.domains = this.profile.domains.filter((x) => x !== d);
    return structuredClone(this.profile);
  }

  mapTag(input: { tag: string; domainId: number | null }): ExamProfile {
    const tag = input.tag.trim();
    if (!tag) throw coreError(msg('exam.tagEmpty'));
    for (const d of this.profile.domains) d.tags = d.tags.filter((t) => t.toLowerCase() !== tag.toLowerCase());
    if (input.domainId !== null) this.#domain(input.domainId).tags.push(tag);
    return structuredClone(this.profile);
  }

  resetExam(input: { to: 'preset' } | { to: 'blank'; name: string; domain: string }): ExamProfile {
    const keep = { examDate: this.profile.examDate, examAwareScheduling: this.profile.examAwareScheduling };
    this.profile =
      input.to === 'preset'
        ? { ...examProfile(), ...keep }
        : { ...this.profile, ...keep, id: this.profile.id + 1, preset: null, name: input.name.trim(), domains: [{ id: 99, name: input.domain.trim(), weight: 100, decks: [], tags: [] }] };
    return structuredClone(this.profile);
  }

  /** The collection's tags for the tag picker. */
  tags: TagCount[] = [
    { tag: 'aws', notes: 12 },
    { tag: 'aws::billing', notes: 4 },
    { tag: 'aws::security', notes: 8 },
    { tag: 'aws::security::iam', notes: 3 },
  ];

  mapDeck(input: { deckId: number; domainId: number | null }, deckName: string): ExamProfile {
    for (const d of this.profile.domains) d.decks = d.decks.filter((x) => x.id !== input.deckId);
    const target = this.profile.domains.find((d) => d.id === input.domainId);
    target?.decks.push({ id: input.deckId, name: deckName });
    return structuredClone(this.profile);
  }

  retentionWorkload(): RetentionWorkload {
    const rows = Array.from({ length: 28 }, (_, i) => {
      const r = Math.round((0.7 + i * 0.01) * 100) / 100;
      const perDay = Math.round((10 + i * i * 0.08) * 10) / 10;
      return { desiredRetention: r, totalAnswers: Math.round(perDay * 28), averagePerDay: perDay, peak: Math.round(perDay * 2), predictedRecall: this.profile.examDate ? 0.7 + i * 0.008 : null };
    });
    return {
      model: 'For each desired retention, the projection above is run.',
      current: this.parameters.desiredRetention,
      days: 28,
      from: '2026-03-18',
      until: '2026-04-14',
      examDate: this.profile.examDate,
      rows,
    };
  }

  applyParameters(input: { weights?: number[] | null; desiredRetention?: number }): FsrsParameters {
    this.applied.push(input);
    if (input.weights !== undefined) this.parameters.weights = input.weights;
    if (input.desiredRetention !== undefined) this.parameters.desiredRetention = input.desiredRetention;
    return structuredClone(this.parameters);
  }

  startPractice(input: { questions: number; minutes?: number | null }): PracticeTest {
    const id = this.tests.length + 1;
    const started = this.now();
    const timeLimitMs = input.minutes ? input.minutes * 60_000 : null;
    const picks = Array.from({ length: input.questions }, (_, i) => QUESTIONS[i % QUESTIONS.length]!);
    const test: PracticeTest = {
      id,
      exam: this.profile.name,
      startedAt: new Date(started).toISOString(),
      deadline: timeLimitMs === null ? null : new Date(started + timeLimitMs).toISOString(),
      finishedAt: null,
      questions: picks.map((q, i) => ({
        position: i + 1,
        domain: q.domain,
        deck: q.deck,
        kind: q.choices.length === 3 ? 'responsibility' : 'recall',
        prompt: html(q.prompt),
        choices: q.choices.map(html),
        chosen: null,
        correct: null,
      })),
    };
    this.tests.push({ test, timeLimitMs, correct: picks.map((q) => q.correct) });
    return structuredClone(test);
  }

  #stored(testId: number): StoredTest {
    const stored = this.tests.find((s) => s.test.id === testId);
    if (!stored) throw new Error(`There is no practice test with id ${testId}.`);
    return stored;
  }

  practiceTest(testId: number): PracticeTest {
    return structuredClone(this.#stored(testId).test);
  }

  answerPractice(input: { testId: number; position: number; choice: number }): PracticeAnswerResult {
    const stored = this.#stored(input.testId);
    if (stored.test.finishedAt) throw new Error(`Practice test ${input.testId} can no longer be answered: it is finished.`);
    const q = stored.test.questions.find((x) => x.position === input.position)!;
    if (q.chosen !== null) throw new Error(`Question ${input.position} of practice test ${input.testId} is already answered.`);
    const correct = stored.correct[input.position - 1]!;
    q.chosen = input.choice;
    q.correct = correct;
    const remaining = stored.test.questions.filter((x) => x.chosen === null).length;
    return { position: input.position, chosen: input.choice, correct, isCorrect: input.choice === correct, remaining };
  }

  finishPractice(testId: number): PracticeResult {
    const stored = this.#stored(testId);
    const { test } = stored;
    test.finishedAt ??= new Date(this.now()).toISOString();
    const answered = test.questions.filter((q) => q.chosen !== null);
    const correct = test.questions.filter((q, i) => q.chosen === stored.correct[i]).length;
    const domains = [...new Set(test.questions.map((q) => q.domain))];
    const score = correct / test.questions.length;
    const result: PracticeResult = {
      id: test.id,
      exam: test.exam,
      startedAt: test.startedAt,
      finishedAt: test.finishedAt,
      timeLimitMs: stored.timeLimitMs,
      timedOut: false,
      questions: test.questions.length,
      answered: answered.length,
      correct,
      score,
      scaledScore: Math.round(score * this.profile.maxScore),
      passed: score * this.profile.maxScore >= this.profile.passMark,
      perDomain: domains.map((domain) => {
        const qs = test.questions.map((q, i) => ({ q, i })).filter(({ q }) => q.domain === domain);
        const ok = qs.filter(({ q, i }) => q.chosen === stored.correct[i]).length;
        const ans = qs.filter(({ q }) => q.chosen !== null).length;
        return { domain, questions: qs.length, answered: ans, correct: ok, score: ans ? ok / ans : null };
      }),
    };
    if (!this.history.some((h) => h.id === result.id)) this.history.push(result);
    return structuredClone(result);
  }
}
