// An in-memory StratusApi for component tests: one deck with three cards (plus an empty deck).
// Answers move through the queue, undo restores the previous card, sessionSummary adds up answers.
// Methods can be made to fail (`failNext`) or to wait for the test (`hold` / `release`).

import type {
  AnswerInput,
  AnswerResult,
  CardSchedule,
  CardState,
  DeckSummary,
  IntervalPreview,
  NextCard,
  Rating,
  SanitizedHtml,
  SessionSummary,
  StratusApi,
  StudyCard,
  UndoOutcome,
} from '../../electron/shared/contract';
import type {
  ExamProfile,
  ExamUpdate,
  TagCount,
  FsrsParameters,
  OptimizeProgress,
  OptimizeResult,
  PracticeAnswerResult,
  PracticeResult,
  PracticeTest,
  ReadinessReport,
  RetentionWorkload,
  Statistics,
} from '../../electron/shared/contract';
import { ExamFake, statistics } from './fakeExam';
import type {
  AppSettings,
  BackupEntry,
  BackupInfo,
  BrowsePage,
  BrowsePageInput,
  BrowseQuery,
  BrowseRow,
  BulkInput,
  BulkResult,
  CardInfo,
  CardPreview,
  CardStatus,
  CheckReport,
  DeckDeleted,
  DeckInfo,
  DeckOptions,
  DeckPreset,
  EditableNoteKind,
  NoteDetail,
  NoteInput,
  NoteUpdate,
  RestoreResult,
  UndoStep,
} from '../../electron/shared/contract';
import { CollectionFake, fakeRender } from './fakeCollection';
import type { ExportFileFormat, ExportInfo, ImportPreview, ImportResult, ImportRowAction, ImportPreviewRow } from '../../electron/shared/contract';
import { TransferFake } from './fakeTransfer';
import type { RecoveryStatus, StartupRestoreResult } from '../../electron/shared/contract';
import type { RecoveryFake } from './fakeRecovery';

type Method = keyof StratusApi;

export const DECK_ID = 1;
export const EMPTY_DECK_ID = 2;

const html = (s: string) => s as SanitizedHtml;

const LABELS: Record<Rating, string> = { again: '1m', hard: '6m', good: '10m', easy: '4d' };

function previews(): Record<Rating, IntervalPreview> {
  const due = '2030-01-01T00:00:00.000Z';
  return {
    again: { due, label: LABELS.again },
    hard: { due, label: LABELS.hard },
    good: { due, label: LABELS.good },
    easy: { due, label: LABELS.easy },
  };
}

function card(id: number, state: CardState, front: string, back: string): StudyCard {
  return { id, deckId: DECK_ID, state, front: html(front), back: html(back), previews: previews() };
}

export const CARDS: StudyCard[] = [
  card(11, 'new', '<p>Which S3 storage class is cheapest for archives?</p>', '<p>S3 Glacier Deep Archive</p>'),
  card(12, 'learning', '<p>What does IAM stand for?</p>', '<p>Identity and Access Management</p>'),
  card(13, 'review', '<p>Default VPC CIDR block?</p>', '<p><code>172.31.0.0/16</code></p>'),
];

interface Deferred {
  resolve: () => void;
  promise: Promise<void>;
}

function deferred(): Deferred {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { resolve, promise };
}

export class FakeApi implements StratusApi {
  /** Index in CARDS of the card shown now; CARDS.length when the session is over. */
  position = 0;
  answers: AnswerInput[] = [];
  calls: { method: Method; args: unknown[] }[] = [];
  nextDue: string | null = '2030-01-01T00:10:00.000Z';
  /** Exam, statistics, optimizer and practice state (fakeExam.ts). */
  exam = new ExamFake(() => this.clock());
  /** The fake's clock for practice deadlines (tests may replace it). */
  clock: () => number = Date.now;
  /** Browser, editor, decks, presets, settings and backups (fakeCollection.ts); one undo stack with the answers. */
  collection = new CollectionFake();
  /** The exam day card info reports recall on, or null. */
  cardInfoExamDay: string | null = '2026-04-15';
  /** Import and export (fakeTransfer.ts): a fake disk, previews, and the Open/Save dialogs' answers. */
  transfer = new TransferFake(() => this.decks);
  /** Start-up recovery (fakeRecovery.ts): set, the app starts on the recovery screen; null, the collection is open. */
  recovery: RecoveryFake | null = null;
  /** Queue positions before each answer, for undo. */
  #positions: number[] = [];

  #failures = new Map<Method, string>();
  #holds = new Map<Method, Deferred>();

  constructor(readonly decks: DeckSummary[] = defaultDecks()) {}

  /** The next call of `method` rejects with this message. */
  failNext(method: Method, message: string): void {
    this.#failures.set(method, message);
  }

  /** Calls of `method` wait until `release(method)`. */
  hold(method: Method): void {
    this.#holds.set(method, deferred());
  }

  release(method: Method): void {
    this.#holds.get(method)?.resolve();
    this.#holds.delete(method);
  }

  count(method: Method): number {
    return this.calls.filter((c) => c.method === method).length;
  }

  async #enter(method: Method, args: unknown[]): Promise<void> {
    this.calls.push({ method, args });
    const hold = this.#holds.get(method);
    if (hold) await hold.promise;
    const failure = this.#failures.get(method);
    if (failure !== undefined) {
      this.#failures.delete(method);
      throw new Error(failure);
    }
  }

  /** The study cards still to come: not answered, and not buried, suspended or deleted in the collection. */
  #queue(): StudyCard[] {
    return CARDS.slice(this.position).filter((c) => {
      const row = this.collection.state.cards.find((x) => x.id === c.id);
      return row !== undefined && !row.suspended && !(row.buriedUntil !== null && row.buriedUntil > this.collection.now());
    });
  }

  #next(): NextCard {
    const rest = this.#queue();
    const counts = { new: 0, learning: 0, review: 0 };
    for (const c of rest) counts[c.state === 'new' ? 'new' : c.state === 'review' ? 'review' : 'learning'] += 1;
    return { card: rest[0] ?? null, counts };
  }

  #schedule(c: StudyCard): CardSchedule {
    return {
      id: c.id,
      state: c.state,
      due: '2030-01-01T00:00:00.000Z',
      stability: 1,
      difficulty: 5,
      reps: 1,
      lapses: 0,
      lastReview: null,
    };
  }

  async listDecks(): Promise<DeckSummary[]> {
    await this.#enter('listDecks', []);
    return structuredClone(this.decks);
  }

  async nextCard(input: { deckId: number }): Promise<NextCard> {
    await this.#enter('nextCard', [input]);
    if (input.deckId !== DECK_ID) return { card: null, counts: { new: 0, learning: 0, review: 0 } };
    return this.#next();
  }

  async answer(input: AnswerInput): Promise<AnswerResult> {
    await this.#enter('answer', [input]);
    const current = this.#queue()[0];
    if (!current || current.id !== input.cardId) throw new Error('That card is not the one being studied.');
    this.answers.push(input);
    this.#positions.push(this.position);
    this.position = CARDS.indexOf(current) + 1;
    this.collection.pushAnswer(current.id);
    return { card: this.#schedule(current), next: this.#next() };
  }

  async undo(input: { deckId: number }): Promise<UndoOutcome | null> {
    await this.#enter('undo', [input]);
    const top = this.collection.peek();
    if (top?.source === 'action') {
      const step = this.collection.undoLast()!;
      return { undone: { ...step, source: 'action' }, deckId: input.deckId, next: this.#next() };
    }
    if (this.answers.length === 0) return null;
    this.answers.pop();
    this.collection.undoLast();
    this.position = this.#positions.pop() ?? Math.max(0, this.position - 1);
    const card = CARDS[this.position]!;
    const undone = { source: 'review' as const, kind: 'answer' as const, label: `Answer card ${card.id}`, count: 1, at: new Date(0).toISOString() };
    return { card: this.#schedule(card), deckId: input.deckId, next: this.#next(), undone };
  }

  async sessionSummary(input: { deckId: number; since: string }): Promise<SessionSummary> {
    await this.#enter('sessionSummary', [input]);
    const reviewed = this.answers.length;
    const passed = this.answers.filter((a) => a.rating !== 'again').length;
    return {
      reviewed,
      retention: reviewed === 0 ? null : passed / reviewed,
      timeMs: this.answers.reduce((sum, a) => sum + a.durationMs, 0),
      nextDue: this.nextDue,
    };
  }

  // --- Exam readiness, statistics, optimizer, practice (delegated to ExamFake) ---

  async examProfile(): Promise<ExamProfile> {
    await this.#enter('examProfile', []);
    return structuredClone(this.exam.profile);
  }

  async updateExam(input: ExamUpdate): Promise<ExamProfile> {
    await this.#enter('updateExam', [input]);
    return this.exam.updateExam(input);
  }

  async mapTagToDomain(input: { tag: string; domainId: number | null }): Promise<ExamProfile> {
    await this.#enter('mapTagToDomain', [input]);
    return this.exam.mapTag(input);
  }

  async addExamDomain(input: { name: string; weight: number }): Promise<ExamProfile> {
    await this.#enter('addExamDomain', [input]);
    return this.exam.addDomain(input);
  }

  async updateExamDomain(input: { domainId: number; name?: string; weight?: number }): Promise<ExamProfile> {
    await this.#enter('updateExamDomain', [input]);
    return this.exam.updateDomain(input);
  }

  async moveExamDomain(input: { domainId: number; direction: 'up' | 'down' }): Promise<ExamProfile> {
    await this.#enter('moveExamDomain', [input]);
    return this.exam.moveDomain(input);
  }

  async removeExamDomain(input: { domainId: number }): Promise<ExamProfile> {
    await this.#enter('removeExamDomain', [input]);
    return this.exam.removeDomain(input);
  }

  async resetExam(input: { to: 'preset' } | { to: 'blank'; name: string; domain: string }): Promise<ExamProfile> {
    await this.#enter('resetExam', [input]);
    return this.exam.resetExam(input);
  }

  async examTags(): Promise<TagCount[]> {
    await this.#enter('examTags', []);
    return structuredClone(this.exam.tags);
  }

  async mapDeckToDomain(input: { deckId: number; domainId: number | null }): Promise<ExamProfile> {
    await this.#enter('mapDeckToDomain', [input]);
    return this.exam.mapDeck(input, this.decks.find((d) => d.id === input.deckId)?.name ?? `Deck ${input.deckId}`);
  }

  async readiness(input: { examDate?: string }): Promise<ReadinessReport> {
    await this.#enter('readiness', [input]);
    return this.exam.readinessReport(input.examDate);
  }

  async statistics(input: { deckId?: number }): Promise<Statistics> {
    await this.#enter('statistics', [input]);
    const deck = input.deckId === undefined ? null : (this.decks.find((d) => d.id === input.deckId) ?? null);
    return statistics(deck && { id: deck.id, name: deck.name });
  }

  async optimize(): Promise<OptimizeResult> {
    await this.#enter('optimize', []);
    return structuredClone(this.exam.optimizeResult);
  }

  async optimizeProgress(): Promise<OptimizeProgress> {
    await this.#enter('optimizeProgress', []);
    return { ...this.exam.progress };
  }

  async applyParameters(input: { weights?: number[] | null; desiredRetention?: number }): Promise<FsrsParameters> {
    await this.#enter('applyParameters', [input]);
    return this.exam.applyParameters(input);
  }

  async retentionWorkload(): Promise<RetentionWorkload> {
    await this.#enter('retentionWorkload', []);
    return this.exam.retentionWorkload();
  }

  async startPractice(input: { questions: number; minutes?: number | null; deckId?: number }): Promise<PracticeTest> {
    await this.#enter('startPractice', [input]);
    return this.exam.startPractice(input);
  }

  async practiceTest(input: { testId: number }): Promise<PracticeTest> {
    await this.#enter('practiceTest', [input]);
    return this.exam.practiceTest(input.testId);
  }

  async answerPractice(input: { testId: number; position: number; choice: number }): Promise<PracticeAnswerResult> {
    await this.#enter('answerPractice', [input]);
    return this.exam.answerPractice(input);
  }

  async finishPractice(input: { testId: number }): Promise<PracticeResult> {
    await this.#enter('finishPractice', [input]);
    return this.exam.finishPractice(input.testId);
  }

  async practiceHistory(): Promise<PracticeResult[]> {
    await this.#enter('practiceHistory', []);
    return structuredClone(this.exam.history);
  }

  // --- Managing the collection (delegated to CollectionFake) ---

  async searchCards(input: BrowsePageInput): Promise<BrowsePage> {
    await this.#enter('searchCards', [input]);
    const ids = this.collection.searchCardIds(input);
    return { total: ids.length, offset: input.offset, rows: this.collection.browseRows(ids.slice(input.offset, input.offset + input.limit)) };
  }

  async searchCardIds(input: BrowseQuery): Promise<{ ids: number[] }> {
    await this.#enter('searchCardIds', [input]);
    return { ids: this.collection.searchCardIds(input) };
  }

  async browseRows(input: { ids: number[] }): Promise<BrowseRow[]> {
    await this.#enter('browseRows', [input]);
    return this.collection.browseRows(input.ids);
  }

  async bulkAction(input: BulkInput): Promise<BulkResult> {
    await this.#enter('bulkAction', [input]);
    const result = this.collection.bulkAction(input.cardIds, input.action);
    return input.deckId === undefined ? result : { ...result, next: this.#next() };
  }

  async undoStatus(): Promise<UndoStep | null> {
    await this.#enter('undoStatus', []);
    return this.collection.peek();
  }

  async undoLast(): Promise<UndoStep | null> {
    await this.#enter('undoLast', []);
    if (this.collection.peek()?.source === 'review') {
      this.answers.pop();
      this.position = this.#positions.pop() ?? Math.max(0, this.position - 1);
    }
    return this.collection.undoLast();
  }

  async getNote(input: { noteId: number }): Promise<NoteDetail> {
    await this.#enter('getNote', [input]);
    return this.collection.getNote(input.noteId);
  }

  async addNote(input: NoteInput): Promise<NoteDetail> {
    await this.#enter('addNote', [input]);
    return this.collection.addNote(input);
  }

  async updateNote(input: NoteUpdate): Promise<NoteDetail> {
    await this.#enter('updateNote', [input]);
    return this.collection.updateNote(input);
  }

  async previewNote(input: { kind: EditableNoteKind; fields: string[] }): Promise<CardPreview[]> {
    await this.#enter('previewNote', [input]);
    return this.collection.previewNote(input.kind, input.fields);
  }

  async renderMarkdown(input: { text: string }): Promise<SanitizedHtml> {
    await this.#enter('renderMarkdown', [input]);
    return fakeRender(input.text);
  }

  async cardInfo(input: { cardId: number }): Promise<CardInfo> {
    await this.#enter('cardInfo', [input]);
    return this.collection.cardInfo(input.cardId, this.cardInfoExamDay);
  }

  async cardStatus(input: { cardId: number }): Promise<CardStatus> {
    await this.#enter('cardStatus', [input]);
    return this.collection.cardStatus(input.cardId);
  }

  async deckTree(): Promise<DeckInfo[]> {
    await this.#enter('deckTree', []);
    return this.collection.deckTree();
  }

  async createDeck(input: { name: string }): Promise<DeckInfo> {
    await this.#enter('createDeck', [input]);
    return this.collection.createDeck(input.name);
  }

  async renameDeck(input: { deckId: number; name: string }): Promise<DeckInfo> {
    await this.#enter('renameDeck', [input]);
    return this.collection.renameDeck(input.deckId, input.name);
  }

  async deleteDeck(input: { deckId: number }): Promise<DeckDeleted> {
    await this.#enter('deleteDeck', [input]);
    return this.collection.deleteDeck(input.deckId);
  }

  async listPresets(): Promise<DeckPreset[]> {
    await this.#enter('listPresets', []);
    return this.collection.presets();
  }

  async deckOptions(input: { deckId: number }): Promise<DeckPreset> {
    await this.#enter('deckOptions', [input]);
    const deck = this.collection.deckTree().find((d) => d.id === input.deckId);
    if (!deck) throw new Error(`There is no deck with id ${input.deckId}.`);
    return this.collection.preset(deck.presetId);
  }

  async createPreset(input: { name: string; copyFrom?: number }): Promise<DeckPreset> {
    await this.#enter('createPreset', [input]);
    return this.collection.createPreset(input.name, input.copyFrom);
  }

  async updatePreset(input: { presetId: number; name?: string; options?: Partial<DeckOptions> }): Promise<DeckPreset> {
    await this.#enter('updatePreset', [input]);
    return this.collection.updatePreset(input.presetId, input.name, input.options);
  }

  async deletePreset(input: { presetId: number }): Promise<{ decks: number }> {
    await this.#enter('deletePreset', [input]);
    return this.collection.deletePreset(input.presetId);
  }

  async setDeckPreset(input: { deckIds: number[]; presetId: number }): Promise<DeckPreset> {
    await this.#enter('setDeckPreset', [input]);
    return this.collection.setDeckPreset(input.deckIds, input.presetId);
  }

  async getAppSettings(): Promise<AppSettings> {
    await this.#enter('getAppSettings', []);
    return { ...this.collection.state.settings };
  }

  async updateAppSettings(input: Partial<AppSettings>): Promise<AppSettings> {
    await this.#enter('updateAppSettings', [input]);
    return this.collection.updateSettings(input);
  }

  async backupNow(): Promise<BackupInfo> {
    await this.#enter('backupNow', []);
    return this.collection.backup();
  }

  async listBackups(): Promise<BackupEntry[]> {
    await this.#enter('listBackups', []);
    return this.collection.listBackups();
  }

  async restoreBackup(input: { file: string }): Promise<RestoreResult> {
    await this.#enter('restoreBackup', [input]);
    return this.collection.restore(input.file);
  }

  async checkDatabase(): Promise<CheckReport> {
    await this.#enter('checkDatabase', []);
    return this.collection.check();
  }

  // Import and export (fakeTransfer.ts)

  async previewImport(input: { paths: string[]; deck?: string }): Promise<ImportPreview> {
    await this.#enter('previewImport', [input]);
    return this.transfer.preview(input);
  }

  async importPreviewRows(input: { previewId: string; offset: number; limit: number; action?: ImportRowAction }): Promise<{ rows: ImportPreviewRow[]; total: number }> {
    await this.#enter('importPreviewRows', [input]);
    return this.transfer.rows(input);
  }

  async applyImport(input: { previewId: string }): Promise<ImportResult> {
    await this.#enter('applyImport', [input]);
    return this.transfer.apply(input.previewId);
  }

  async cancelImport(input: { previewId: string }): Promise<void> {
    await this.#enter('cancelImport', [input]);
    this.transfer.cancel(input.previewId);
  }

  async exportDeck(input: { deckId: number; format: ExportFileFormat; path: string; includeScheduling?: boolean }): Promise<ExportInfo> {
    await this.#enter('exportDeck', [input]);
    return this.transfer.exportDeck(input);
  }

  async chooseImportFiles(input: { folder?: boolean }): Promise<string[]> {
    await this.#enter('chooseImportFiles', [input]);
    return this.transfer.chooseImportFiles();
  }

  async chooseExportFile(input: { format: ExportFileFormat; deckName: string }): Promise<string | null> {
    await this.#enter('chooseExportFile', [input]);
    return this.transfer.chooseExportFile();
  }

  // Start-up recovery (fakeRecovery.ts); in normal mode there is nothing to recover, as in main.

  async recoveryStatus(): Promise<RecoveryStatus> {
    await this.#enter('recoveryStatus', []);
    return this.recovery?.status() ?? { recovering: false };
  }

  async restoreBackupAtStartup(input: { file: string }): Promise<StartupRestoreResult> {
    await this.#enter('restoreBackupAtStartup', [input]);
    if (!this.recovery) throw new Error('There is nothing to recover: your collection is open.');
    const result = this.recovery.restore(input.file);
    this.recovery = null;
    return result;
  }

  async retryOpenAtStartup(): Promise<RecoveryStatus> {
    await this.#enter('retryOpenAtStartup', []);
    if (!this.recovery) return { recovering: false };
    if (!this.recovery.opensOnRetry) return this.recovery.status();
    this.recovery = null;
    return { recovering: false };
  }

  async quitAtStartup(): Promise<void> {
    await this.#enter('quitAtStartup', []);
    if (!this.recovery) throw new Error('There is nothing to recover: your collection is open.');
    this.recovery.quits += 1;
  }
}

export function defaultDecks(): DeckSummary[] {
  return [
    {
      id: DECK_ID,
      name: 'AWS Solutions Architect',
      depth: 0,
      parentId: null,
      total: 3,
      new: 1,
      learning: 1,
      review: 1,
      newToday: 1,
      learningDue: 1,
      reviewDue: 1,
      dueToday: 3,
    },
    {
      id: EMPTY_DECK_ID,
      name: 'Azure Fundamentals',
      depth: 0,
      parentId: null,
      total: 40,
      new: 0,
      learning: 0,
      review: 40,
      newToday: 0,
      learningDue: 0,
      reviewDue: 0,
      dueToday: 0,
    },
  ];
}
