// Collection statistics and exam readiness: `stats`.
import { resolveDeck } from '../../core/decks';
import { ensureActiveExam, parseExamDate } from '../../core/exam/profile';
import { readinessReport } from '../../core/exam/projection';
import type { Readiness } from '../../core/exam/readiness';
import { collectionStats, type CollectionStats } from '../../core/exam/stats';
import type { Projection } from '../../shared/contract';
import { localDate, noExtra, optionString, pad, UsageError, type Command, type CommandContext, type Output } from '../command';

export const statsCommands: Command[] = [
  {
    name: 'stats',
    usage: [
      'stats [--deck ID_OR_NAME] [--exam-date YYYY-MM-DD]',
      '                                       cards, 30-day true retention, 30-day due forecast and',
      '                                       exam readiness (the active exam; CLF-C02 by default)',
    ],
    options: { deck: { type: 'string' }, 'exam-date': { type: 'string' } },
    run(ctx) {
      noExtra(ctx, 'stats', 0);
      return stats(ctx);
    },
  },
];

// `stats`: with no exam configured the CLF-C02 preset is installed (no date), so the built-in deck
// is mapped to its domain; readiness needs a date, from the exam or --exam-date, and is null
// without one. --deck narrows cards, retention, forecast and readiness.perDeck to that deck; the
// exam-wide readiness figures (overall, per domain, pass probability) always cover the whole exam.
function stats(ctx: CommandContext): Output {
  const { db, now } = ctx;
  const deckName = optionString(ctx, 'deck');
  const deck = deckName ? resolveDeck(db, deckName) : null;
  const override = optionString(ctx, 'exam-date');
  if (override !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(override)) {
    throw new UsageError(`--exam-date "${override}" is not a date such as 2026-12-15 (YYYY-MM-DD).`);
  }
  const examDate = override === undefined ? undefined : parseExamDate(override);
  const exam = ensureActiveExam(db, now);
  const s = collectionStats(db, now, deck?.id ?? null);
  const report = readinessReport(db, now, examDate ?? null);
  const r = report.readiness;
  const p = report.projected;
  const value = {
    cards: s.cards,
    reviewed: s.reviewed,
    retention: { ...s.retention, since: new Date(s.retention.since).toISOString() },
    forecast: s.forecast.map((d) => ({ date: localDate(d.start), due: d.due })),
    readiness: r && {
      exam: r.exam,
      examDate: r.examDate,
      predictedRecall: r.predictedRecall,
      coveredWeight: r.coveredWeight,
      coverage: r.coverage,
      perDeck: r.perDeck
        .filter((d) => (deck ? d.deckId === deck.id : true))
        .map((d) => ({ deck: d.deck, domain: d.domain, cards: d.cards, predictedRecall: d.predictedRecall, coverage: d.coverage })),
      perDomain: r.perDomain.map((d) => ({
        domain: d.domain, weight: d.weight, covered: d.covered, cards: d.cards, predictedRecall: d.predictedRecall, coverage: d.coverage,
        practiceScore: d.practice.score, practiceAnswered: d.practice.answered,
      })),
      passProbability: r.passProbability,
      passModel: r.passModel,
      practiceScore: r.practice.score,
      practiceModel: r.practice.model,
      projected: p && {
        predictedRecall: p.predictedRecall,
        passProbability: p.passProbability,
        perDomain: p.perDomain.map((d) => ({ domain: d.domain, predictedRecall: d.predictedRecall })),
        examAwareScheduling: p.examAwareScheduling,
        totalAnswers: p.totalAnswers,
        averagePerDay: p.averagePerDay,
        dailyReviews: p.dailyReviews,
        model: p.model,
      },
    },
  };
  return { value, text: statsText(s, r, p, exam.name, deck?.name ?? null) };
}

function statsText(s: CollectionStats, r: Readiness | null, p: Projection | null, examName: string, deckName: string | null): string {
  const pct = (x: number | null) => (x === null ? '–' : `${(x * 100).toFixed(1)} %`);
  const ret = s.retention;
  const lines = [
    `${deckName ? `Deck "${deckName}"` : 'All decks'}: ${s.cards} cards, ${s.reviewed} reviewed at least once.`,
    `True retention, last ${ret.days} days: ${pct(ret.rate)} (${ret.passed} passed, ${ret.failed} again, of ${ret.reviews} review answers).`,
    `Due in the next ${s.forecast.length} days: ${s.forecast.reduce((a, d) => a + d.due, 0)} (today ${s.forecast[0]?.due ?? 0}, next 7 days ${s.forecast.slice(0, 7).reduce((a, d) => a + d.due, 0)}).`,
    '',
  ];
  if (!r) {
    lines.push(`Exam readiness for ${examName}: no exam date is set; pass --exam-date YYYY-MM-DD to see it.`);
    return lines.join('\n');
  }
  lines.push(
    `Exam readiness for ${r.exam} on ${r.examDate}:`,
    `  Predicted recall ${pct(r.predictedRecall)} over covered domains (${pct(r.coveredWeight)} of the exam), coverage ${pct(r.coverage)}.`,
    `  Pass probability ${pct(r.passProbability)} (needs ${r.requiredCorrect} correct scored answers).`,
    '',
    `  ${pad('Domain', 34)}${pad('Weight', 8)}${pad('Recall', 10)}${pad('Coverage', 10)}Practice`,
    ...r.perDomain.map((d) => `  ${pad(d.domain, 34)}${pad(`${Math.round(d.weight * 100)} %`, 8)}${pad(d.covered ? pct(d.predictedRecall) : 'uncovered', 10)}${pad(pct(d.coverage), 10)}${d.practice.answered ? `${pct(d.practice.score)} of ${d.practice.answered}` : '–'}`),
    '',
    `  ${pad('Deck', 40)}${pad('Recall', 10)}Coverage`,
    ...r.perDeck.filter((d) => !deckName || d.deck === deckName).map((d) => `  ${pad(d.deck, 40)}${pad(pct(d.predictedRecall), 10)}${pct(d.coverage)}`),
    '',
    `  ${r.passModel}`,
  );
  if (p) {
    const peak = p.peak ? `, peak ${p.peak.answers} on ${p.peak.date}` : '';
    lines.push(
      '',
      `If you keep doing your reviews as scheduled: predicted recall ${pct(p.predictedRecall)}, pass probability ${pct(p.passProbability)};`,
      `  it takes ${p.totalAnswers} answers over ${p.dailyReviews.length} days (${p.averagePerDay.toFixed(1)} a day${peak})${p.examAwareScheduling ? ', with exam-aware scheduling' : ''}.`,
      `  ${p.model}`,
    );
  }
  return lines.join('\n');
}
