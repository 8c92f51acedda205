// Daily review from the command line: decks, next, answer, undo, cards.
import type { CardSchedule, Rating } from '../../shared/contract';
import { RATINGS } from '../../shared/contract';
import { listCards, resolveDeck, type CardListing } from '../../core/decks';
import { StratusError } from '../../core/errors';
import { undoLatest } from '../../core/undoLog';
import { noExtra, optionString, pad, UsageError, type Command, type CommandContext } from '../command';

export function requireDeck(ctx: CommandContext): string {
  const deck = optionString(ctx, 'deck');
  if (!deck) throw new UsageError('This command needs --deck ID_OR_NAME (run the "decks" command to list them).');
  return deck;
}

export function describeSchedule(c: CardSchedule): string {
  return `Card ${c.id}: ${c.state}, due ${c.due}, stability ${c.stability.toFixed(2)}, difficulty ${c.difficulty.toFixed(2)}, reps ${c.reps}, lapses ${c.lapses}`;
}

function describeListing(c: CardListing): string {
  return `${pad(String(c.id), 6)}${pad(c.state, 12)}${pad(c.due.slice(0, 16).replace('T', ' '), 18)}${c.front}  →  ${c.back}`;
}

function parseDuration(text: string | undefined): number {
  if (text === undefined) return 0;
  if (!/^\d+$/.test(text) || Number(text) > 86_400_000) throw new UsageError(`--duration "${text}" must be a number of milliseconds.`);
  return Number(text);
}

const deckOption = { deck: { type: 'string' } } as const;

export const reviewCommands: Command[] = [
  {
    name: 'decks',
    usage: ['decks                                  list decks with today\'s counts'],
    run(ctx) {
      noExtra(ctx, 'decks', 0);
      const decks = ctx.study.listDecks().map(({ id, name, total, new: n, learning, review, dueToday }) => ({
        id, name, total, new: n, learning, review, dueToday,
      }));
      const text = decks.length
        ? [`${pad('ID', 5)}${pad('Deck', 40)}${pad('Total', 7)}${pad('New', 6)}${pad('Learn', 7)}${pad('Review', 8)}Due today`,
           ...decks.map((d) => `${pad(String(d.id), 5)}${pad(d.name, 40)}${pad(String(d.total), 7)}${pad(String(d.new), 6)}${pad(String(d.learning), 7)}${pad(String(d.review), 8)}${d.dueToday}`)].join('\n')
        : 'There are no decks.';
      return { value: decks, text };
    },
  },
  {
    name: 'next',
    usage: ['next --deck ID_OR_NAME                 the card the app would show next (null when done)'],
    options: deckOption,
    run(ctx) {
      noExtra(ctx, 'next', 0);
      const deck = resolveDeck(ctx.db, requireDeck(ctx));
      const card = ctx.study.nextCard(deck.id).card;
      if (!card) return { value: null, text: `Nothing more to study in "${deck.name}" right now.` };
      const listing = listCards(ctx.db, deck.id).find((c) => c.id === card.id)!;
      const value = { id: card.id, front: listing.front, back: listing.back, state: card.state };
      return { value, text: `Card ${value.id} (${value.state})\nFront: ${value.front}\nBack:  ${value.back}` };
    },
  },
  {
    name: 'answer',
    usage: ['answer CARD_ID again|hard|good|easy    answer a card and print its new schedule',
            '       [--duration MS]                 answer time to log (default 0)'],
    options: { duration: { type: 'string' } },
    run(ctx) {
      noExtra(ctx, 'answer', 2);
      const [idText, ratingText] = ctx.args;
      if (!idText || !/^\d+$/.test(idText)) throw new UsageError(`"answer" needs a card id, e.g. answer 12 good.`);
      const rating = (ratingText ?? '').toLowerCase() as Rating;
      if (!RATINGS.includes(rating)) throw new UsageError(`"${ratingText ?? ''}" is not a rating: use again, hard, good or easy.`);
      const durationMs = parseDuration(optionString(ctx, 'duration'));
      const { card } = ctx.study.answer({ cardId: Number(idText), rating, durationMs });
      return { value: card, text: describeSchedule(card) };
    },
  },
  {
    name: 'undo',
    usage: ['undo                                   undo the latest answer or collection action'],
    run(ctx) {
      noExtra(ctx, 'undo', 0);
      // One undo stack with the browser's actions (core/undoLog.ts): the latest step goes first.
      const undone = undoLatest(ctx.db, ctx.study);
      if (!undone) throw new StratusError('not-found', 'There is nothing to undo.');
      if ('review' in undone) return { value: undone.review.card, text: `Undone. ${describeSchedule(undone.review.card)}` };
      return { value: { undone: undone.step.label, kind: undone.step.kind, count: undone.step.count }, text: `Undone: ${undone.step.label}.` };
    },
  },
  {
    name: 'cards',
    usage: ['cards --deck ID_OR_NAME                every card of a deck with its schedule'],
    options: deckOption,
    run(ctx) {
      noExtra(ctx, 'cards', 0);
      const deck = resolveDeck(ctx.db, requireDeck(ctx));
      const cards = listCards(ctx.db, deck.id);
      return { value: cards, text: cards.map(describeListing).join('\n') || `"${deck.name}" has no cards.` };
    },
  },
];
