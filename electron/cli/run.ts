// CLI commands over the core. `runCli` returns the exit status instead of exiting, so tests can
// call it in-process as well as through `npm run cli`.
import { parseArgs } from 'node:util';
import type { Database } from 'better-sqlite3';
import type { CardSchedule, Rating } from '../shared/contract';
import { RATINGS } from '../shared/contract';
import { listCards, resolveDeck, type CardListing } from '../core/decks';
import { StratusError } from '../core/errors';
import { ensureActiveExam, parseExamDate } from '../core/exam/profile';
import { computeReadiness, type Readiness } from '../core/exam/readiness';
import { collectionStats, type CollectionStats } from '../core/exam/stats';
import { openStratus, readBuiltinDecks } from '../core/open';
import { defaultCollectionPath } from '../core/paths';
import { Study } from '../core/study';

export interface CliIo {
  env: NodeJS.ProcessEnv;
  decksFolder: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const USAGE = `Usage: npm run --silent cli -- <command> [options]

Commands:
  decks                                  list decks with today's counts
  next --deck ID_OR_NAME                 the card the app would show next (null when done)
  answer CARD_ID again|hard|good|easy    answer a card and print its new schedule
  undo                                   undo the most recent answer
  cards --deck ID_OR_NAME                every card of a deck with its schedule
  stats [--deck ID_OR_NAME] [--exam-date YYYY-MM-DD]
                                         cards, 30-day true retention, 30-day due forecast and
                                         exam readiness (the active exam; CLF-C02 by default)

Options:
  --db FILE         collection file (default: $STRATUS_DB or the app-data folder)
  --now ISO-8601    fix the clock for this call, e.g. 2026-11-23T09:00:00Z
  --json            machine-readable output
  --duration MS     answer time to log with "answer" (default 0)
  --exam-date DATE  exam date for "stats" readiness, overriding the exam's own (YYYY-MM-DD)
`;

class UsageError extends Error {}

export function runCli(argv: string[], io: CliIo): number {
  let db: Database | undefined;
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        db: { type: 'string' },
        now: { type: 'string' },
        json: { type: 'boolean', default: false },
        deck: { type: 'string' },
        duration: { type: 'string' },
        'exam-date': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
    const [command, ...rest] = positionals;
    if (values.help || !command) {
      (values.help ? io.stdout : io.stderr)(USAGE);
      return values.help ? 0 : 2;
    }
    const now = parseNow(values.now);
    db = openStratus(values.db ?? defaultCollectionPath(io.env), readBuiltinDecks(io.decksFolder), now);
    const study = new Study(db, () => now);
    const result = execute(command, rest, values, study, db, now);
    io.stdout(values.json ? `${JSON.stringify(result.value, null, 2)}\n` : `${result.text}\n`);
    return 0;
  } catch (err) {
    return report(err, io);
  } finally {
    db?.close();
  }
}

interface Output {
  value: unknown;
  text: string;
}

type Values = { deck?: string | undefined; duration?: string | undefined; 'exam-date'?: string | undefined };

function execute(command: string, args: string[], values: Values, study: Study, db: Database, now: number): Output {
  switch (command) {
    case 'decks': {
      noExtra(command, args, 0);
      const decks = study.listDecks().map(({ id, name, total, new: n, learning, review, dueToday }) => ({
        id, name, total, new: n, learning, review, dueToday,
      }));
      const text = decks.length
        ? [`${pad('ID', 5)}${pad('Deck', 40)}${pad('Total', 7)}${pad('New', 6)}${pad('Learn', 7)}${pad('Review', 8)}Due today`,
           ...decks.map((d) => `${pad(String(d.id), 5)}${pad(d.name, 40)}${pad(String(d.total), 7)}${pad(String(d.new), 6)}${pad(String(d.learning), 7)}${pad(String(d.review), 8)}${d.dueToday}`)].join('\n')
        : 'There are no decks.';
      return { value: decks, text };
    }
    case 'next': {
      noExtra(command, args, 0);
      const deck = resolveDeck(db, requireDeck(values));
      const card = study.nextCard(deck.id).card;
      if (!card) return { value: null, text: `Nothing more to study in "${deck.name}" right now.` };
      const listing = listCards(db, deck.id).find((c) => c.id === card.id)!;
      const value = { id: card.id, front: listing.front, back: listing.back, state: card.state };
      return { value, text: `Card ${value.id} (${value.state})\nFront: ${value.front}\nBack:  ${value.back}` };
    }
    case 'answer': {
      noExtra(command, args, 2);
      const [idText, ratingText] = args;
      if (!idText || !/^\d+$/.test(idText)) throw new UsageError(`"answer" needs a card id, e.g. answer 12 good.`);
      const rating = (ratingText ?? '').toLowerCase() as Rating;
      if (!RATINGS.includes(rating)) throw new UsageError(`"${ratingText ?? ''}" is not a rating: use again, hard, good or easy.`);
      const durationMs = parseDuration(values.duration);
      const { card } = study.answer({ cardId: Number(idText), rating, durationMs });
      return { value: card, text: describe(card) };
    }
    case 'undo': {
      noExtra(command, args, 0);
      const undone = study.undo();
      if (!undone) throw new StratusError('not-found', 'There is no answer to undo.');
      return { value: undone.card, text: `Undone. ${describe(undone.card)}` };
    }
    case 'cards': {
      noExtra(command, args, 0);
      const deck = resolveDeck(db, requireDeck(values));
      const cards = listCards(db, deck.id);
      return { value: cards, text: cards.map(describeListing).join('\n') || `"${deck.name}" has no cards.` };
    }
    case 'stats': {
      noExtra(command, args, 0);
      return stats(db, now, values);
    }
    default:
      throw new UsageError(`"${command}" is not a command (run with --help to see them).`);
  }
}

// `stats`: with no exam configured the CLF-C02 preset is installed (no date), so the built-in deck
// is mapped to its domain; readiness needs a date, from the exam or --exam-date, and is null
// without one. --deck narrows cards, retention, forecast and readiness.perDeck to that deck; the
// exam-wide readiness figures (overall, per domain, pass probability) always cover the whole exam.
function stats(db: Database, now: number, values: Values): Output {
  const deck = values.deck ? resolveDeck(db, values.deck) : null;
  const override = values['exam-date'];
  if (override !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(override)) {
    throw new UsageError(`--exam-date "${override}" is not a date such as 2026-12-15 (YYYY-MM-DD).`);
  }
  const examDate = override === undefined ? undefined : parseExamDate(override);
  const exam = ensureActiveExam(db, now);
  const s = collectionStats(db, now, deck?.id ?? null);
  const r = (examDate ?? exam.examDate) ? computeReadiness(db, exam, { examDate: examDate ?? null }) : null;
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
      })),
      passProbability: r.passProbability,
      passModel: r.passModel,
    },
  };
  return { value, text: statsText(s, r, exam.name, deck?.name ?? null) };
}

function statsText(s: CollectionStats, r: Readiness | null, examName: string, deckName: string | null): string {
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
    `  ${pad('Domain', 34)}${pad('Weight', 8)}${pad('Recall', 10)}Coverage`,
    ...r.perDomain.map((d) => `  ${pad(d.domain, 34)}${pad(`${Math.round(d.weight * 100)} %`, 8)}${pad(d.covered ? pct(d.predictedRecall) : 'uncovered', 10)}${pct(d.coverage)}`),
    '',
    `  ${pad('Deck', 40)}${pad('Recall', 10)}Coverage`,
    ...r.perDeck.filter((d) => !deckName || d.deck === deckName).map((d) => `  ${pad(d.deck, 40)}${pad(pct(d.predictedRecall), 10)}${pct(d.coverage)}`),
    '',
    `  ${r.passModel}`,
  );
  return lines.join('\n');
}

/** YYYY-MM-DD of a local time. */
function localDate(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function describe(c: CardSchedule): string {
  return `Card ${c.id}: ${c.state}, due ${c.due}, stability ${c.stability.toFixed(2)}, difficulty ${c.difficulty.toFixed(2)}, reps ${c.reps}, lapses ${c.lapses}`;
}

function describeListing(c: CardListing): string {
  return `${pad(String(c.id), 6)}${pad(c.state, 12)}${pad(c.due.slice(0, 16).replace('T', ' '), 18)}${c.front}  →  ${c.back}`;
}

function pad(s: string, width: number): string {
  return s.length >= width ? `${s.slice(0, width - 2)}… ` : s.padEnd(width);
}

function parseNow(text: string | undefined): number {
  if (text === undefined) return Date.now();
  const t = Date.parse(text);
  if (!/^\d{4}-\d{2}-\d{2}/.test(text) || Number.isNaN(t)) {
    throw new UsageError(`--now "${text}" is not an ISO-8601 date such as 2026-11-23T09:00:00Z.`);
  }
  return t;
}

function parseDuration(text: string | undefined): number {
  if (text === undefined) return 0;
  if (!/^\d+$/.test(text) || Number(text) > 86_400_000) throw new UsageError(`--duration "${text}" must be a number of milliseconds.`);
  return Number(text);
}

function requireDeck(values: Values): string {
  if (!values.deck) throw new UsageError('This command needs --deck ID_OR_NAME (run the "decks" command to list them).');
  return values.deck;
}

function noExtra(command: string, args: string[], expected: number): void {
  if (args.length > expected) throw new UsageError(`"${command}" does not take "${args[expected]}".`);
}

function report(err: unknown, io: CliIo): number {
  if (err instanceof UsageError) {
    io.stderr(`${err.message}\n`);
    return 2;
  }
  if (err instanceof StratusError || isParseArgsError(err)) {
    io.stderr(`${(err as Error).message}\n`);
    return 1;
  }
  io.stderr(`Stratus hit an unexpected error: ${(err as Error)?.message ?? String(err)}\n`);
  return 70;
}

function isParseArgsError(err: unknown): boolean {
  const code = (err as { code?: string })?.code ?? '';
  return code.startsWith('ERR_PARSE_ARGS');
}
