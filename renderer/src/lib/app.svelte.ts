// Top-level app state: which screen is shown, the deck list, the current study session and the
// one alert message. Components render it; all api traffic goes through here or the session.

import type { DeckSummary, StartupRestoreResult, StratusApi } from '../../../electron/shared/contract';
import { errorMessage } from './format';
import { StudySession } from './session.svelte';
import { BrowseState } from './browse/browser.svelte';
import { loadAppearance } from './settings/appearance.svelte';
import { SettingsState } from './settings/settings.svelte';
import { ExportFlow } from './transfer/exportFlow.svelte';
import { ImportFlow } from './transfer/importFlow.svelte';
import { RecoveryState } from './recovery.svelte';

export type DecksStatus = 'loading' | 'ready' | 'failed';

/** The main screens reachable from the top bar (the study screen is entered from a deck). */
export type View = 'decks' | 'browse' | 'stats' | 'exam' | 'settings';

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
  /** The keyboard shortcut sheet (`?`, Help → Keyboard Shortcuts) is open. */
  shortcutsOpen = $state(false);
  /** Set while the collection could not be opened: the recovery screen replaces every other. */
  recovery = $state.raw<RecoveryState | null>(null);
  /** The backup restored from the recovery screen, told once above the deck list. */
  restoredAtStartup = $state.raw<StartupRestoreResult | null>(null);

  readonly now: () => number;
  /** The card browser and Settings, kept while the app runs so a return finds them as they were. */
  readonly browse: BrowseState;
  readonly settings: SettingsState;
  /** Import (File → Import…, the deck list, a drop) and Export, each a modal flow over any screen. */
  readonly imports: ImportFlow;
  readonly exports: ExportFlow;
  readonly #api: StratusApi;
  #decksRequest = 0;
  #browseStarted = false;

  constructor(api: StratusApi, options: AppOptions = {}) {
    this.#api = api;
    this.now = options.now ?? Date.now;
    this.imports = new ImportFlow(api, {
      // The deck list (and the browser, once opened) show the imported cards at once.
      onImported: () => {
        void this.loadDecks();
        if (this.#browseStarted) void this.browse.refresh();
      },
    });
    this.exports = new ExportFlow(api, () => this.decks);
    this.browse = new BrowseState(api, { now: this.now, onError: (message) => this.showError(message) });
    this.settings = new SettingsState(api, {
      // A restored backup is another collection: everything shown comes from it now.
      onRestored: () => {
        void this.loadDecks();
        if (this.#browseStarted) void this.browse.start();
      },
    });
  }

  /**
   * Start-up: the recovery screen when main could not open the collection, otherwise the stored
   * appearance and the deck list.
   */
  async start(): Promise<void> {
    let status: Awaited<ReturnType<StratusApi['recoveryStatus']>> = { recovering: false };
    try {
      status = await this.#api.recoveryStatus();
    } catch {
      // Go on as if the collection were open: if it is not, loading the decks says so.
    }
    if (status.recovering) {
      this.recovery = new RecoveryState(this.#api, status, (restored) => this.#opened(restored));
      return;
    }
    await Promise.all([this.loadAppearance(), this.loadDecks()]);
  }

  /** The collection opened from the recovery screen (a restored backup, or a retry that worked). */
  #opened(restored: StartupRestoreResult | null): void {
    this.recovery = null;
    this.restoredAtStartup = restored;
    this.view = 'decks';
    void this.loadAppearance();
    void this.loadDecks();
  }

  dismissRestoredNotice(): void {
    this.restoredAtStartup = null;
  }

  /** Applies the stored theme, language and font size (at start-up). */
  async loadAppearance(): Promise<void> {
    try {
      await loadAppearance(this.#api);
    } catch (error) {
      // The defaults (system theme and language) stay; the app still works.
      this.reportError(error);
    }
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

  /** The import summary's "Study <deck>": closes it and opens that deck's session, from any screen. */
  async studyImported(deckName: string): Promise<void> {
    this.imports.cancel();
    if (this.session) await this.backToDecks();
    else await this.loadDecks();
    const deck = this.decks.find((d) => d.name.toLowerCase() === deckName.toLowerCase());
    if (!deck) return;
    this.view = 'decks'; // leaving the session lands on the deck list
    this.study(deck);
  }

  /** Shows one of the main screens; going to the deck list refreshes its counts. */
  navigate(view: View): void {
    if (this.session) return;
    this.view = view;
    if (view === 'decks') void this.loadDecks();
    if (view === 'browse') {
      // First visit: load everything; later visits: the cards may have changed while studying.
      void (this.#browseStarted ? this.browse.refresh() : this.browse.start());
      this.#browseStarted = true;
    }
    if (view === 'settings') void this.settings.start();
  }

  /** Shows a main screen from anywhere (menu, D/B/T keys): leaves a study session first, as Anki does. */
  async goTo(view: View): Promise<void> {
    if (this.session) {
      await this.backToDecks();
      if (view === this.view) return; // backToDecks already refreshed it
    }
    this.navigate(view);
  }

  /** File → Back Up: a backup now, shown (with the other backups) on Settings' Backups tab. */
  async backupNow(): Promise<void> {
    await this.goTo('settings');
    this.settings.tab = 'backups';
    await this.settings.backups.backupNow();
  }

  /** Edit → Undo outside a text field: takes back the session's last answer, or the browser's last action. */
  undo(): void {
    if (this.session) this.session.requestUndo();
    else if (this.view === 'browse') void this.browse.undo();
  }

  openShortcuts(): void {
    this.shortcutsOpen = true;
  }

  closeShortcuts(): void {
    this.shortcutsOpen = false;
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
