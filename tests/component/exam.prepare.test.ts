// The readiness view's prepare modules (lib/exam/*): the core's figures shaped for drawing,
// checked on hand-made reports with known answers.
import { afterEach, describe, expect, it } from 'vitest';
import type { Readiness, ReadinessReport } from '../../electron/shared/contract';
import { i18n } from '../../renderer/src/lib/i18n.svelte';
import { adviceOrder, passShare, prepareAdvice, prepareProfileDomains, prepareReadiness, recallTone } from '../../renderer/src/lib/exam/readiness';
import { prepareProjection, projectionBuckets } from '../../renderer/src/lib/exam/projection';
import { fitRows, optimizeMessage, progressShare } from '../../renderer/src/lib/exam/optimizer';
import { clampRetention, readout, rowFor, workloadAt, workloadChart } from '../../renderer/src/lib/exam/workload';
import { choiceForKey, clock, defaultMinutes, prepareHistory, prepareResult, remainingMs } from '../../renderer/src/lib/exam/practice';
import { ExamFake, examProfile, insufficientResult, optimizedResult } from './fakeExam';

afterEach(() => i18n.use('en'));

function report(): ReadinessReport & { readiness: Readiness } {
  const r = new ExamFake().readinessReport();
  return { ...r, readiness: r.readiness! };
}

describe('readiness', () => {
  it('compares recall with the pass mark share', () => {
    expect(passShare({ passMark: 700, maxScore: 1000 })).toBe(0.7);
    expect(recallTone(0.81, 0.7)).toBe('strong');
    expect(recallTone(0.75, 0.7)).toBe('ok');
    expect(recallTone(0.69, 0.7)).toBe('weak');
    expect(recallTone(null, 0.7)).toBe('none');
  });

  it('shows the headline figures, every domain (uncovered ones marked) and every deck', () => {
    const view = prepareReadiness(report(), '2026-03-18');
    expect(view.examDate).toBe('April 15, 2026');
    expect(view.daysLeftText).toBe('28 days to go');
    expect(view.recall).toBe('81%');
    expect(view.coveredWeight).toBe('over the 54% of the exam your decks cover');
    expect(view.coverage).toBe('95%');
    expect(view.coverageDetail).toBe('41 of 43 cards studied at least once');
    expect(view.pass).toBe('31%');
    expect(view.fullyCovered).toBe(false);
    expect(view.uncoveredHint).toBe('The 46% of the exam no deck covers counts as guessing (1 in 4), which holds this down.');
    expect(view.passTone).toBe('weak');
    expect(view.passDetail).toBe('35 of 50 scored questions right to reach 700 of 1,000');
    // English shows the core's own model sentence.
    expect(view.passModel).toBe(report().readiness.passModel);
    expect(view.practice).toBe('88%');
    expect(view.domains.map((d) => [d.name, d.weight, d.recallText, d.coverageText, d.practiceText, d.tone])).toEqual([
      ['Cloud Concepts', '24%', '93%', '100%', '88%', 'strong'],
      ['Security and Compliance', '30%', '62%', '33%', '—', 'weak'],
      ['Cloud Technology and Services', '34%', 'Uncovered', '—', '—', 'none'],
      ['Billing, Pricing and Support', '12%', 'Uncovered', '—', '—', 'none'],
    ]);
    expect(view.domains[0]!.decks).toBe('Azure Fundamentals');
    expect(view.domains[0]!.practiceDetail).toBe('7 of 8');
    expect(view.decks.map((d) => [d.name, d.domain, d.recallText, d.coverageText])).toEqual([
      ['AWS Solutions Architect', 'Security and Compliance', '62%', '33%'],
      ['Azure Fundamentals', 'Cloud Concepts', '93%', '100%'],
    ]);
  });

  it('counts down to the exam day and says when it is today or past', () => {
    expect(prepareReadiness(report(), '2026-04-14').daysLeftText).toBe('1 day to go');
    expect(prepareReadiness(report(), '2026-04-15').daysLeftText).toBe('The exam is today');
    expect(prepareReadiness(report(), '2026-04-20').daysLeftText).toBe('The exam date has passed');
  });

  it('puts the weakest domains first: uncovered, then by predicted recall, heavier first on ties', () => {
    const r = report().readiness;
    expect(adviceOrder(r.perDomain).map((d) => d.domain)).toEqual([
      'Cloud Technology and Services',
      'Billing, Pricing and Support',
      'Security and Compliance',
      'Cloud Concepts',
    ]);
    const advice = prepareAdvice(r, examProfile());
    expect(advice.map((a) => a.domain)).toEqual(['Cloud Technology and Services', 'Billing, Pricing and Support', 'Security and Compliance']);
    expect(advice[0]!.reason).toBe('No deck covers this domain yet, and it is 34% of the exam.');
    expect(advice[2]!.reason).toBe('Predicted recall on exam day is 62%; passing needs about 70%.');
    expect(advice[2]!.action).toBe('Start the 2 cards you have not studied yet in AWS Solutions Architect.');
  });

  it('leaves out domains that are on track and fully studied', () => {
    const r = report().readiness;
    r.perDomain = r.perDomain.filter((d) => d.domain === 'Cloud Concepts');
    expect(prepareAdvice(r, examProfile())).toEqual([]);
    // Not fully studied, or below the line: it is advice again.
    r.perDomain[0]!.predictedRecall = 0.72;
    expect(prepareAdvice(r, examProfile())[0]!.action).toBe('Keep up your reviews in Azure Fundamentals, and take a practice test to check.');
  });

  it('lists the profile domains while there is no exam date', () => {
    expect(prepareProfileDomains(examProfile(null))).toEqual([
      { id: 1, name: 'Cloud Concepts', weight: '24%', decks: 'Azure Fundamentals', covered: true },
      { id: 2, name: 'Security and Compliance', weight: '30%', decks: 'AWS Solutions Architect', covered: true },
      { id: 3, name: 'Cloud Technology and Services', weight: '34%', decks: '', covered: false },
      { id: 4, name: 'Billing, Pricing and Support', weight: '12%', decks: '', covered: false },
    ]);
  });

  it('shows the models in Dutch in a Dutch UI', () => {
    i18n.use('nl');
    const view = prepareReadiness(report(), '2026-03-18');
    expect(view.passModel).toMatch(/^De slaagkans gaat ervan uit/);
    expect(view.daysLeftText).toBe('Nog 28 dagen');
    expect(view.domains[2]!.recallText).toBe('Niet gedekt');
  });
});

describe('projection', () => {
  it('draws the daily workload stacked and sums it up', () => {
    const p = report().projected!;
    const view = prepareProjection(p, 0.812);
    expect(view.spec.labels).toHaveLength(28);
    expect(view.spec.series.map((s) => s.label)).toEqual(['Reviews', 'New cards', 'Learning steps']);
    expect(view.spec.series[0]!.data[0]).toBe(p.dailyReviews[0]!.reviews);
    expect(view.recall).toBe('87%');
    expect(view.alt.summary).toMatch(
      /^If you keep doing your reviews as scheduled, your predicted recall on exam day is 87% \(it is 81% if you stop now\)\. That takes [\d.]+ answers a day on average/,
    );
    expect(view.model).toBe(p.model);
  });

  it('groups a long run-up into weeks', () => {
    const day = { reviews: 1, newCards: 1, learningSteps: 1, lapses: 0, answers: 3, backlog: 0 };
    const days = Array.from({ length: 150 }, (_, i) => ({ ...day, date: `2026-01-${String((i % 28) + 1).padStart(2, '0')}` }));
    const { weekly, buckets } = projectionBuckets(days);
    expect(weekly).toBe(true);
    expect(buckets).toHaveLength(22);
    expect(buckets[0]!.answers).toBe(21);
    expect(buckets.at(-1)!.answers).toBe(3 * (150 - 21 * 7));
    expect(projectionBuckets(days.slice(0, 120)).weekly).toBe(false);
  });
});

describe('optimizer', () => {
  it('shows the fit before and after, marking what improved', () => {
    const result = optimizedResult();
    expect(fitRows(result)).toEqual([
      { metric: 'logLoss', label: 'Log loss', before: '0.3412', after: '0.3105', better: true },
      { metric: 'rmse', label: 'RMSE', before: '6.21%', after: '4.12%', better: true },
    ]);
    expect(optimizeMessage(result)).toBe('Fitted on 812 answers to 120 cards. The new parameters fit your history better.');
  });

  it('says how much more history is needed', () => {
    const result = insufficientResult();
    expect(fitRows(result)).toEqual([]);
    expect(optimizeMessage(result)).toBe(
      'Optimizing needs at least 8 answers given on a later day than the card’s previous answer; you have 3. Keep studying: 5 more are needed to start, 61 more to fit every parameter.',
    );
    expect(optimizeMessage({ ...optimizedResult(), status: 'partial', items: 20, needed: 44, improved: false })).toBe(
      'Only the initial stabilities could be fitted from 20 answers; 44 more are needed to fit every parameter. Your current parameters fit your history as well or better; keep them.',
    );
  });

  it('turns progress into a share once the total is known', () => {
    expect(progressShare(null)).toBeNull();
    expect(progressShare({ running: true, current: 0, total: 0 })).toBeNull();
    expect(progressShare({ running: true, current: 25, total: 100 })).toBe(0.25);
    expect(progressShare({ running: true, current: 120, total: 100 })).toBe(1);
  });
});

describe('desired retention', () => {
  it('keeps the slider on 0.70–0.97 in steps of 0.01', () => {
    expect(clampRetention(0.5)).toBe(0.7);
    expect(clampRetention(0.999)).toBe(0.97);
    expect(clampRetention(0.8549)).toBe(0.85);
  });

  it('reads the simulated row of the chosen value', () => {
    const workload = new ExamFake().retentionWorkload();
    expect(rowFor(workload, 0.9)!.desiredRetention).toBe(0.9);
    expect(rowFor({ ...workload, rows: workload.rows.filter((_, i) => i % 5 === 0) }, 0.88)!.desiredRetention).toBe(0.9);
    const r = readout(workload, 0.9)!;
    const row = rowFor(workload, 0.9)!;
    expect(r.perDay).toBe(String(row.averagePerDay));
    expect(r.sentence).toBe(`At 90%, about ${row.averagePerDay} answers a day over the next 28 days, for ${Math.round(row.predictedRecall! * 100)}% recall on exam day.`);
    expect(readout({ ...workload, rows: [] }, 0.9)).toBeNull();
    expect(r.estimated).toBe(false);
  });

  it('estimates values between simulated ones along a straight line', () => {
    const base = new ExamFake().retentionWorkload();
    const workload = { ...base, rows: base.rows.filter((r) => [0.85, 0.9].includes(r.desiredRetention)) };
    const [a, b] = workload.rows as [(typeof workload.rows)[0], (typeof workload.rows)[0]];
    const mid = workloadAt(workload, 0.87)!;
    expect(mid.estimated).toBe(true);
    expect(mid.averagePerDay).toBeCloseTo(a.averagePerDay + (b.averagePerDay - a.averagePerDay) * 0.4, 9);
    expect(mid.predictedRecall).toBeCloseTo(a.predictedRecall! + (b.predictedRecall! - a.predictedRecall!) * 0.4, 9);
    expect(workloadAt(workload, 0.9)).toEqual({ ...b, estimated: false });
    // Outside the simulated range: the nearest end, as simulated.
    expect(workloadAt(workload, 0.95)).toEqual({ ...b, estimated: false });
    expect(readout(workload, 0.87)!.estimated).toBe(true);
  });

  it('draws answers per day against retention, with recall on exam day on a second axis', () => {
    const workload = new ExamFake().retentionWorkload();
    const chart = workloadChart(workload);
    expect(chart.spec.labels[0]).toBe('70%');
    expect(chart.spec.labels.at(-1)).toBe('97%');
    expect(chart.spec.series.map((s) => [s.label, Boolean(s.secondAxis)])).toEqual([
      ['Answers per day', false],
      ['Recall on exam day', true],
    ]);
    const noExam = workloadChart({ ...workload, rows: workload.rows.map((r) => ({ ...r, predictedRecall: null })) });
    expect(noExam.spec.series).toHaveLength(1);
  });
});

describe('practice tests', () => {
  it('keeps the real exam’s pace by default and shows the clock', () => {
    expect(defaultMinutes(65)).toBe(90);
    expect(defaultMinutes(20)).toBe(28);
    expect(defaultMinutes(1)).toBe(1);
    expect(clock(0)).toBe('0:00');
    expect(clock(61_001)).toBe('1:02');
    expect(clock(3_725_000)).toBe('1:02:05');
    expect(remainingMs(null, 5)).toBeNull();
    expect(remainingMs('1970-01-01T00:00:10.000Z', 4_000)).toBe(6_000);
    expect(remainingMs('1970-01-01T00:00:10.000Z', 20_000)).toBe(0);
  });

  it('maps number keys to the choices a question has', () => {
    expect(choiceForKey('1', 4)).toBe(0);
    expect(choiceForKey('4', 4)).toBe(3);
    expect(choiceForKey('4', 3)).toBeNull();
    expect(choiceForKey('a', 4)).toBeNull();
    expect(choiceForKey('0', 4)).toBeNull();
  });

  it('shows the result per domain and over time', () => {
    const fake = new ExamFake(() => Date.parse('2026-03-18T10:00:00Z'));
    const test = fake.startPractice({ questions: 4, minutes: 6 });
    fake.answerPractice({ testId: test.id, position: 1, choice: 1 }); // right
    fake.answerPractice({ testId: test.id, position: 2, choice: 0 }); // wrong
    fake.answerPractice({ testId: test.id, position: 3, choice: 1 }); // right
    const result = fake.finishPractice(test.id);
    const view = prepareResult(result, fake.profile);
    expect(view.score).toBe('50%');
    expect(view.correct).toBe('2 of 4 right');
    expect(view.verdict).toBe('A scaled score of 500: below the pass mark of 700 of 1,000.');
    expect(view.rows).toEqual([
      { domain: 'Security and Compliance', questions: 2, correct: 2, score: '100%', scoreValue: 1 },
      { domain: 'Cloud Concepts', questions: 2, correct: 0, score: '0%', scoreValue: 0 },
    ]);

    const history = prepareHistory(fake.history, fake.profile);
    expect(history.count).toBe(1);
    expect(history.spec.series.map((s) => [s.label, s.data])).toEqual([['Score', [50]]]);
    // The pass mark is a highlighted grid line of the value axis, not a series.
    expect(history.spec.mark).toEqual({ value: 70, label: 'Pass mark', color: 'hard' });
    expect(history.alt.summary).toBe('1 test so far: last score 50%, best 50%. The pass mark is 70%.');
    expect(prepareHistory([], fake.profile).alt.summary).toBe('No practice tests yet. Take one to see how exam questions go.');
  });
});
