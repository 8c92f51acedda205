// CLI commands over the core. `runCli` returns the exit status instead of exiting, so tests can
// call it in-process as well as through `npm run cli`.
import { parseArgs } from 'node:util';
import type { Database } from 'better-sqlite3';
import type { CardSchedule, Rating } from '../shared/contract';
import { RATINGS } from '../shared/contract';
import { listCards, resolveDeck, type CardListing } from '../core/decks';
import { StratusError } from '../core/errors';
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

Options:
  --db FILE         collection file (default: $STRATUS_DB or the app-data folder)
  --now ISO-8601    fix the clock for this call, e.g. 2026-11-23T09:00:00Z
  --json            machine-readable output
  --duration MS     answer time to log with "answer" (default 0)
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
    const result = execute(command, rest, values, study, db);
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

type Values = { deck?: string | undefined; duration?: string | undefined };

function execute(command: string, args: string[], values: Values, study: Study, db: Database): Output {
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
    default:
      throw new UsageError(`"${command}" is not a command (run with --help to see them).`);
  }
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
