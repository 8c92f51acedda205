// Deck management for the card browser's sidebar: the deck tree (nesting by "Parent::Child"),
// create, rename (which also moves a deck, and its children, under another parent) and delete
// with all its cards. Every change is undoable in the core; the caller refreshes the table.
import type { DeckDeleted, DeckInfo, StratusApi } from '../../../../electron/shared/contract';
import { errorMessage } from '../format';

export type DeckListStatus = 'loading' | 'ready' | 'failed';

/** Cards in a deck and all its children (DeckInfo.cards counts the deck itself only). */
export function cardsWithChildren(tree: readonly DeckInfo[], deckId: number): { cards: number; decks: number } {
  const deck = tree.find((d) => d.id === deckId);
  if (!deck) return { cards: 0, decks: 0 };
  const prefix = `${deck.name.toLowerCase()}::`;
  const family = tree.filter((d) => d.id === deckId || d.name.toLowerCase().startsWith(prefix));
  return { cards: family.reduce((sum, d) => sum + d.cards, 0), decks: family.length };
}

/**
 * The search that shows a deck (and its children): quoted so spaces are kept, with the query
 * language's special characters (quote, backslash, and the wildcards * and _) escaped.
 */
export function deckQuery(name: string): string {
  return `deck:"${name.replace(/[\\"*_]/g, '\\$&')}"`;
}

export class DeckAdmin {
  tree = $state.raw<DeckInfo[]>([]);
  status = $state<DeckListStatus>('loading');

  readonly #api: StratusApi;
  #request = 0;

  constructor(api: StratusApi) {
    this.#api = api;
  }

  async load(): Promise<void> {
    const request = ++this.#request;
    try {
      const tree = await this.#api.deckTree();
      if (request !== this.#request) return;
      this.tree = tree;
      this.status = 'ready';
    } catch {
      if (request !== this.#request) return;
      if (this.status !== 'ready') this.status = 'failed';
    }
  }

  find(deckId: number | null): DeckInfo | undefined {
    return deckId === null ? undefined : this.tree.find((d) => d.id === deckId);
  }

  /** Creates a deck; the error is the core's sentence (empty part, name taken, …). */
  async create(name: string): Promise<{ ok: true; deck: DeckInfo } | { ok: false; error: string }> {
    try {
      const deck = await this.#api.createDeck({ name });
      await this.load();
      return { ok: true, deck };
    } catch (error) {
      return { ok: false, error: errorMessage(error) };
    }
  }

  async rename(deckId: number, name: string): Promise<{ ok: true; deck: DeckInfo } | { ok: false; error: string }> {
    try {
      const deck = await this.#api.renameDeck({ deckId, name });
      await this.load();
      return { ok: true, deck };
    } catch (error) {
      return { ok: false, error: errorMessage(error) };
    }
  }

  async remove(deckId: number): Promise<{ ok: true; deleted: DeckDeleted } | { ok: false; error: string }> {
    try {
      const deleted = await this.#api.deleteDeck({ deckId });
      await this.load();
      return { ok: true, deleted };
    } catch (error) {
      return { ok: false, error: errorMessage(error) };
    }
  }
}
