// Daily review over IPC.
import type { Handlers } from '../ipc';
import type { HandlerContext } from './context';

export function reviewHandlers({ study }: HandlerContext) {
  return {
    listDecks: () => study.listDecks(),
    nextCard: ({ deckId }) => study.nextCard(deckId),
    answer: (input) => study.answer(input),
    undo: () => study.undo(),
    sessionSummary: ({ deckId, since }) => study.sessionSummary(deckId, Date.parse(since)),
  } satisfies Partial<Handlers>;
}
