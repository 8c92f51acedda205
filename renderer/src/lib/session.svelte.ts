// The study session state machine. Components only render its state and forward clicks and keys;
// every call to the app core goes through the injected api, so tests drive it with a fake.
//
//   loading ──nextCard──▶ question ──showAnswer──▶ answer ──answer(rating)──▶ question | summary
//      │                     ▲                        │
//      └─(error)─▶ failed    └────────undo────────────┘  (undo also works from summary)

import type {
  BulkAction,
  CardState,
  CardStatus,
  NextCard,
  NoteDetail,
  QueueCounts,
  Rating,
  SessionSummary,
  StratusApi,
  StudyCard,
} from '../../../electron/shared/contract';
import { NoteEditorState } from './editor/editor.svelte';
import { errorMessage, toIso } from './format';

export type Phase = 'loading' | 'question' | 'answer' | 'summary' | 'failed';
export type QueueKind = keyof QueueCounts;
export type SummaryStatus = 'idle' | 'loading' | 'ready' | 'failed';

/** Rating order, left to right, keys 1–4. (The contract's RATINGS is a value; the renderer imports types only.) */
export const RATING_ORDER: readonly Rating[] = ['again', 'hard', 'good', 'easy'];
export const RATING_KEYS: Readonly<Record<string, Rating>> = { '1': 'again', '2': 'hard', '3': 'good', '4': 'easy' };

/** The part of a KeyboardEvent the session looks at. */
export interface KeyInput {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  shiftKey?: boolean;
  repeat?: boolean;
  isComposing?: boolean;
}

/** Review extras (Anki's keys): Ctrl+1…7 flag, - bury, @ suspend, * mark, e edit. */
export const FLAG_KEYS: readonly string[] = ['1', '2', '3', '4', '5', '6', '7'];

/** What the caller should do with a key: `handled` → preventDefault, `exit` → leave the study screen. */
export type KeyAction = 'handled' | 'exit' | 'ignored';

export interface SessionOptions {
  /** Wall clock in epoch ms; answer durations and the session start come from it. */
  now?: () => number;
  /** Receives a user-facing sentence when an api call fails. */
  onError?: (message: string) => void;
  /** Called after an api call succeeds (e.g. to clear an earlier error once a retry worked). */
  onSuccess?: () => void;
}

/** Longest duration the core accepts (it rejects anything above a day). */
const MAX_DURATION_MS = 24 * 3600 * 1000;

export function queueKind(state: CardState): QueueKind {
  return state === 'new' ? 'new' : state === 'review' ? 'review' : 'learning';
}

type Outcome<T> = { ok: true; value: T } | { ok: false };

export class StudySession {
  readonly deckId: number;
  readonly deckName: string;
  /** ISO time the session began; `since` for the summary. */
  readonly startedAt: string;

  phase = $state<Phase>('loading');
  card = $state.raw<StudyCard | null>(null);
  counts = $state.raw<QueueCounts>({ new: 0, learning: 0, review: 0 });
  summary = $state.raw<SessionSummary | null>(null);
  summaryStatus = $state<SummaryStatus>('idle');
  /** A request to the core is in flight; input is ignored meanwhile. */
  busy = $state(false);
  /** Answers given in this session that have not been undone. */
  answered = $state(0);
  /** Other undoable steps taken here (bury, suspend, flag, mark, edit) that have not been undone. */
  actions = $state(0);
  /** The shown card's flag, mark, suspension (for the marks next to it); null until known. */
  status = $state.raw<CardStatus | null>(null);
  /** When the shown card's question appeared (epoch ms): the answer timer counts from here. */
  shownAt = $state(0);
  /** The editor opened with `e` on the shown card, or null. */
  editor = $state.raw<NoteEditorState | null>(null);

  canUndo = $derived(this.answered + this.actions > 0 && !this.busy);
  /** Which queue the shown card comes from (emphasised in the counts). */
  currentKind = $derived<QueueKind | null>(this.card ? queueKind(this.card.state) : null);

  readonly #api: StratusApi;
  readonly #now: () => number;
  readonly #onError: (message: string) => void;
  readonly #onSuccess: () => void;
  #pending: Promise<unknown> | null = null;
  /** The answer, undo or card action running now: an undo asked for meanwhile waits for it. */
  #action: Promise<void> | null = null;
  /** What the running action does to the number of steps left to undo: +1 (an answer or card action) or -1 (an undo). */
  #actionEffect = 0;
  /** Undos asked for (u, Ctrl+Z, the menu) while another step was running; each runs in turn. */
  #queuedUndos = 0;
  #draining: Promise<void> | null = null;
  #disposed = false;

  constructor(api: StratusApi, deck: { id: number; name: string }, options: SessionOptions = {}) {
    this.#api = api;
    this.deckId = deck.id;
    this.deckName = deck.name;
    this.#now = options.now ?? Date.now;
    this.#onError = options.onError ?? (() => {});
    this.#onSuccess = options.onSuccess ?? (() => {});
    this.startedAt = toIso(this.#now());
  }

  /** Fetch the first card (or go straight to the summary when nothing is due). Also the retry after `failed`. */
  async start(): Promise<void> {
    if (this.busy) return;
    this.phase = 'loading';
    const outcome = await this.#request(() => this.#api.nextCard({ deckId: this.deckId }));
    if (!outcome.ok) {
      if (!this.#disposed) this.phase = 'failed';
      return;
    }
    await this.#show(outcome.value);
  }

  showAnswer(): boolean {
    if (this.phase !== 'question' || this.busy) return false;
    this.phase = 'answer';
    return true;
  }

  answer(rating: Rating): Promise<void> {
    const card = this.card;
    if (this.phase !== 'answer' || this.busy || !card) return Promise.resolve();
    const durationMs = Math.min(MAX_DURATION_MS, Math.max(0, Math.round(this.#now() - this.shownAt)));
    return this.#track(1, async () => {
      const outcome = await this.#request(() => this.#api.answer({ cardId: card.id, rating, durationMs }));
      if (!outcome.ok) return;
      this.answered += 1;
      await this.#show(outcome.value.next);
    });
  }

  /** Undo this session's last answer and show the restored card's question again. */
  undo(): Promise<void> {
    if (!this.canUndo) return Promise.resolve();
    return this.#track(-1, async () => {
      const outcome = await this.#request(() => this.#api.undo({ deckId: this.deckId }));
      if (!outcome.ok) return;
      if (outcome.value === null) {
        // The core has nothing left to undo (e.g. undone elsewhere); stop offering it.
        this.answered = 0;
        this.actions = 0;
        this.#queuedUndos = 0;
        return;
      }
      if (outcome.value.undone.source === 'review') this.answered = Math.max(0, this.answered - 1);
      else this.actions = Math.max(0, this.actions - 1);
      await this.#show(outcome.value.next);
    });
  }

  /**
   * An undo asked for by key or menu. While another step is still running (say the answer or undo
   * just given), it waits its turn instead of being dropped, as every press counts in Anki: u, u
   * undoes two steps however fast it is typed. Returns false when there is nothing left to undo.
   */
  requestUndo(): boolean {
    if (this.#disposed) return false;
    if (!this.busy && !this.#action && this.#queuedUndos === 0) {
      if (!this.canUndo) return false;
      void this.undo();
      return true;
    }
    // A running answer or card action becomes undoable when it lands; a running undo uses one step up.
    const undoable = this.answered + this.actions + (this.#action ? this.#actionEffect : 0);
    if (this.#queuedUndos >= undoable) return false;
    this.#queuedUndos += 1;
    this.#draining ??= this.#drainUndos().finally(() => (this.#draining = null));
    return true;
  }

  async #drainUndos(): Promise<void> {
    while (this.#queuedUndos > 0) {
      await this.#settled();
      if (this.#disposed || !this.canUndo) {
        this.#queuedUndos = 0;
        return;
      }
      this.#queuedUndos -= 1;
      await this.undo();
    }
  }

  #track(effect: 1 | -1, run: () => Promise<void>): Promise<void> {
    const action: Promise<void> = run().finally(() => {
      if (this.#action === action) this.#action = null;
    });
    this.#action = action;
    this.#actionEffect = effect;
    return action;
  }

  /** Resolves once no action and no request is running. */
  async #settled(): Promise<void> {
    while (this.#action || this.#pending) await (this.#action ?? this.#pending);
  }

  // --- Review extras: bury, suspend, flag, mark, edit ----------------------------------------------

  /** Buries or suspends the shown card and moves on to the next one (undoable). */
  setAside(kind: 'bury' | 'suspend'): Promise<void> {
    const card = this.card;
    if (!card || this.busy || (this.phase !== 'question' && this.phase !== 'answer')) return Promise.resolve();
    return this.#track(1, async () => {
      const outcome = await this.#request(() => this.#api.bulkAction({ cardIds: [card.id], action: { kind }, deckId: this.deckId }));
      if (!outcome.ok) return;
      this.actions += 1;
      if (outcome.value.next) await this.#show(outcome.value.next);
    });
  }

  /** Ctrl+1…7 sets a flag on the shown card, or takes it off when the card has that flag already. */
  async flag(flag: number): Promise<void> {
    const current = this.status?.flag ?? 0;
    await this.#mark({ kind: 'flag', flag: current === flag ? 0 : flag });
  }

  /** `*` marks the card's note, or unmarks it. */
  async toggleMark(): Promise<void> {
    await this.#mark({ kind: 'toggleMark' });
  }

  #mark(action: BulkAction): Promise<void> {
    const card = this.card;
    if (!card || this.busy || (this.phase !== 'question' && this.phase !== 'answer')) return Promise.resolve();
    return this.#track(1, async () => {
      const outcome = await this.#request(() => this.#api.bulkAction({ cardIds: [card.id], action }));
      if (!outcome.ok) return;
      this.actions += 1;
      await this.#loadStatus(card.id);
    });
  }

  /** `e`: opens the editor on the shown card. */
  edit(): void {
    const card = this.card;
    if (!card || this.editor || (this.phase !== 'question' && this.phase !== 'answer')) return;
    const editor = new NoteEditorState(this.#api, { mode: 'edit', cardId: card.id }, { onSaved: (note) => void this.#edited(card.id, note) });
    this.editor = editor;
    void editor.load();
  }

  closeEditor(): void {
    this.editor?.dispose();
    this.editor = null;
  }

  /** After an edit: show the card as it is now (same side), or the next card if the edit removed it. */
  async #edited(cardId: number, note: NoteDetail): Promise<void> {
    this.actions += 1;
    if (this.card?.id !== cardId) return;
    const edited = note.cards.find((c) => c.id === cardId);
    if (!edited) {
      const outcome = await this.#request(() => this.#api.nextCard({ deckId: this.deckId }));
      if (outcome.ok) await this.#show(outcome.value);
      return;
    }
    const outcome = await this.#request(() =>
      Promise.all([this.#api.renderMarkdown({ text: edited.front }), this.#api.renderMarkdown({ text: edited.back })]),
    );
    if (!outcome.ok || this.card?.id !== cardId) return;
    const [front, back] = outcome.value;
    this.card = { ...this.card, front, back };
    void this.#loadStatus(cardId);
  }

  async #loadStatus(cardId: number): Promise<void> {
    try {
      const status = await this.#api.cardStatus({ cardId });
      if (!this.#disposed && this.card?.id === cardId) this.status = status;
    } catch {
      // The marks are extras: without them the card is still studied normally.
    }
  }

  /**
   * Map a key press to an action. `onControl` is true when focus is on a button or other control,
   * whose own Space/Enter activation must win.
   */
  handleKey(event: KeyInput, onControl = false): KeyAction {
    if (event.isComposing) return 'ignored';
    const { key } = event;
    const ctrlOrCmd = Boolean(event.ctrlKey || event.metaKey);

    if (ctrlOrCmd && !event.altKey && !event.shiftKey && key.toLowerCase() === 'z') {
      if (event.repeat) return 'ignored';
      return this.requestUndo() ? 'handled' : 'ignored';
    }
    const onCard = (this.phase === 'question' || this.phase === 'answer') && !this.busy && !event.repeat;
    if (ctrlOrCmd && !event.altKey && !event.shiftKey && FLAG_KEYS.includes(key)) {
      if (!onCard) return 'ignored';
      void this.flag(Number(key));
      return 'handled';
    }
    // '@' and '*' need Shift on most keyboards, so they are matched by the character typed.
    if (!ctrlOrCmd && !event.altKey && (key === '@' || key === '*' || key === '-')) {
      if (!onCard) return 'ignored';
      if (key === '*') void this.toggleMark();
      else void this.setAside(key === '-' ? 'bury' : 'suspend');
      return 'handled';
    }
    if (!ctrlOrCmd && !event.altKey && !event.shiftKey && (key === 'e' || key === 'E')) {
      if (!onCard) return 'ignored';
      this.edit();
      return 'handled';
    }
    if (ctrlOrCmd || event.altKey || event.shiftKey) return 'ignored';
    if (key === 'Escape') return 'exit';
    if ((key === 'u' || key === 'U') && !event.repeat) return this.requestUndo() ? 'handled' : 'ignored';
    if (this.busy || event.repeat) return 'ignored';

    switch (this.phase) {
      case 'question':
        if ((key === ' ' || key === 'Enter') && !onControl) return this.showAnswer() ? 'handled' : 'ignored';
        return 'ignored';
      case 'answer': {
        const rating = RATING_KEYS[key];
        if (!rating) return 'ignored';
        void this.answer(rating);
        return 'handled';
      }
      case 'summary':
        return key === 'Enter' && !onControl ? 'exit' : 'ignored';
      default:
        return 'ignored';
    }
  }

  /** Resolves once no request is in flight (so the deck list can refresh after the last answer lands). */
  async idle(): Promise<void> {
    while (this.#draining || this.#action || this.#pending) await (this.#draining ?? this.#action ?? this.#pending);
  }

  /** The session's screen is gone: late responses must not move it to another card or fetch more. */
  dispose(): void {
    this.#disposed = true;
    this.#queuedUndos = 0;
    this.closeEditor();
  }

  async #show(next: NextCard): Promise<void> {
    if (this.#disposed) return;
    this.counts = next.counts;
    if (next.card) {
      const changed = this.card?.id !== next.card.id;
      this.card = next.card;
      this.summary = null;
      this.summaryStatus = 'idle';
      this.phase = 'question';
      this.shownAt = this.#now();
      if (changed) this.status = null;
      void this.#loadStatus(next.card.id);
      return;
    }
    this.status = null;
    this.card = null;
    this.phase = 'summary';
    await this.#loadSummary();
  }

  async #loadSummary(): Promise<void> {
    this.summary = null;
    this.summaryStatus = 'loading';
    const outcome = await this.#request(() =>
      this.#api.sessionSummary({ deckId: this.deckId, since: this.startedAt }),
    );
    if (this.#disposed || this.phase !== 'summary') return;
    if (outcome.ok) {
      this.summary = outcome.value;
      this.summaryStatus = 'ready';
    } else {
      this.summaryStatus = 'failed';
    }
  }

  async #request<T>(call: () => Promise<T>): Promise<Outcome<T>> {
    this.busy = true;
    let promise: Promise<T>;
    try {
      promise = call();
    } catch (error) {
      promise = Promise.reject(error);
    }
    const settled = promise.then(
      () => undefined,
      () => undefined,
    );
    this.#pending = settled;
    try {
      const value = await promise;
      if (this.#disposed) return { ok: false };
      this.#onSuccess();
      return { ok: true, value };
    } catch (error) {
      // Reported even after dispose: an answer that failed while leaving must not go unnoticed.
      this.#onError(errorMessage(error));
      return { ok: false };
    } finally {
      if (this.#pending === settled) this.#pending = null;
      this.busy = false;
    }
  }
}
