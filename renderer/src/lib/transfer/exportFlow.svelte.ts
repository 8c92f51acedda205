// The export flow: choose a deck and a format → the Save dialog → main writes the file → a
// confirmation with its path. Cancelling the Save dialog goes back to the choices.
import type { DeckSummary, ExportFileFormat, ExportInfo, StratusApi } from '../../../../electron/shared/contract';
import { errorMessage } from '../format';

export type ExportStage = 'idle' | 'form' | 'saving' | 'done';

/** The formats in the order offered; the first is the default (it keeps everything). */
export const EXPORT_FORMATS: readonly ExportFileFormat[] = ['json', 'csv', 'tsv', 'apkg'];

export class ExportFlow {
  stage = $state<ExportStage>('idle');
  deckId = $state<number | null>(null);
  format = $state<ExportFileFormat>('json');
  /** .apkg only: cards keep their schedule and review history in Anki. */
  includeScheduling = $state(true);
  error = $state<string | null>(null);
  info = $state.raw<ExportInfo | null>(null);

  readonly #api: StratusApi;
  readonly #decks: () => readonly DeckSummary[];

  /** `decks`: the deck list the app shows (the dialog offers those). */
  constructor(api: StratusApi, decks: () => readonly DeckSummary[]) {
    this.#api = api;
    this.#decks = decks;
  }

  get isOpen(): boolean {
    return this.stage !== 'idle';
  }

  get decks(): readonly DeckSummary[] {
    return this.#decks();
  }

  get deck(): DeckSummary | null {
    return this.decks.find((d) => d.id === this.deckId) ?? null;
  }

  /** File → Export… (the deck last exported, else the first) or a deck row's Export (that deck). */
  open(deckId?: number): void {
    if (this.stage === 'saving') return;
    const decks = this.decks;
    const keep = decks.some((d) => d.id === this.deckId) ? this.deckId : null;
    this.deckId = (deckId !== undefined && decks.some((d) => d.id === deckId) ? deckId : null) ?? keep ?? decks[0]?.id ?? null;
    this.error = null;
    this.info = null;
    this.stage = 'form';
  }

  /** Export…: the Save dialog, then the file is written. The format and deck stay for next time. */
  async exportNow(): Promise<void> {
    const deck = this.deck;
    if (this.stage !== 'form' || !deck) return;
    this.stage = 'saving';
    this.error = null;
    const format = this.format;
    try {
      const path = await this.#api.chooseExportFile({ format, deckName: deck.name });
      if (path === null) {
        this.stage = 'form'; // the Save dialog was cancelled
        return;
      }
      this.info = await this.#api.exportDeck({
        deckId: deck.id,
        format,
        path,
        ...(format === 'apkg' ? { includeScheduling: this.includeScheduling } : {}),
      });
      this.stage = 'done';
    } catch (error) {
      this.error = errorMessage(error);
      this.stage = 'form';
    }
  }

  /** Cancel / Esc / Done. Not while the file is being written. */
  close(): void {
    if (this.stage === 'saving') return;
    this.stage = 'idle';
    this.error = null;
  }
}
