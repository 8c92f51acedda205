// Top-level app state: which screen is shown, the deck list, the current study session and the
// one alert message. Components render it; all api traffic goes through here or the session.

import type { DeckSummary, StratusApi } from '../../../electron/shared/contract';
import { errorMessage } from './format';
import { StudySession } from './session.svelte';

export type DecksStatus = 'loading' | 'ready' | 'failed';

/** The main screens reachable from the top bar (the study screen is entered from a deck). */
export type View = 'decks';

export interface AppOptions {
  /** Wall clock in epoch ms (tests pass a fake one). */
  now?: () => number;
}

export class AppState {
  decks = $state.raw<DeckSummary[]>([]);
  decksStatus = $state<DecksStatus>('loading');
  session = $state.raw<StudySession | null>(null);
  view = $state<View>('decks');
  /** The alert shown above every screen; a user-facing sentence. */
  error = $state<string | null>(null);
  /** Deck whose study button gets focus when the list comes back. */
  lastDeckId = $state<number | null>(null);

  readonly now: () => number;
  readonly #api: StratusApi;
  #decksRequest = 0;

  constructor(api: StratusApi, options: AppOptions = {}) {
    this.#api = api;
    this.now = options.now ?? Date.now;
  }

  async loadDecks(): Promise<void> {
    const request = ++this.#decksRequest;
    const retrying = this.decksStatus === 'failed';
    if (this.decksStatus !== 'ready') this.decksStatus = 'loading';
    try {
      const decks = await this.#api.listDecks();
      if (request !== this.#decksRequest) return;
      this.decks = decks;
      if (retrying) this.dismissError();
      this.decksStatus = 'ready';
    } catch (error) {
      if (request !== this.#decksRequest) return;
      this.reportError(error);
      // Keep showing the last good list if there is one; otherwise show the retry state.
      if (this.decksStatus !== 'ready') this.decksStatus = 'failed';
    }
  }

  study(deck: Pick<DeckSummary, 'id' | 'name'>): void {
    if (this.session) return;
    this.error = null;
    this.lastDeckId = deck.id;
    const session = new StudySession(this.#api, deck, {
      now: this.now,
      onError: (message) => this.showError(message),
      // A retry that worked makes the earlier alert stale.
      onSuccess: () => this.dismissError(),
    });
    this.session = session;
    void session.start();
  }

  /** Leave the study screen and refresh the counts (after any answer still in flight has landed). */
  async backToDecks(): Promise<void> {
    const session = this.session;
    if (!session) return;
    this.session = null;
    session.dispose();
    await session.idle();
    await this.loadDecks();
  }

  /** Shows one of the main screens; going to the deck list refreshes its counts. */
  navigate(view: View): void {
    if (this.session) return;
    this.view = view;
    if (view === 'decks') void this.loadDecks();
  }

  reportError(error: unknown): void {
    this.showError(errorMessage(error));
  }

  showError(message: string): void {
    this.error = message;
  }

  dismissError(): void {
    this.error = null;
  }
}
