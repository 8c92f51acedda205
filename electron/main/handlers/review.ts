// Daily review over IPC.
import type { Handlers } from '../ipc';
import { undoInDeck } from './collection';
import type { HandlerContext } from './context';

export function reviewHandlers(ctx: HandlerContext) {
  const { study } = ctx;
  return {
    listDecks: () => study.listDecks(),
    nextCard: ({ deckId }) => study.nextCard(deckId),
    answer: (input) => study.answer(input),
    // One undo stack with the browser's actions: the latest step goes first (see core/undoLog.ts).
    undo: ({ deckId }) => undoInDeck(ctx, deckId),
    sessionSummary: ({ deckId, since }) => study.sessionSummary(deckId, Date.parse(since)),
  } satisfies Partial<Handlers>;
}
