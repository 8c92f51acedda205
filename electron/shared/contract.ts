// The one IPC contract between main, preload and renderer.
//
// Main's handlers `satisfies` StratusApi (electron/main/ipc.ts), the preload turns CHANNELS into
// `window.api`, and the renderer imports this file with `import type` only. Argument schemas
// (runtime validation) live in ./schemas.ts so neither the preload nor the renderer bundles zod.
// Nothing here is a ts-fsrs type: scheduling types never cross IPC.

export type CardState = 'new' | 'learning' | 'review' | 'relearning';
export type Rating = 'again' | 'hard' | 'good' | 'easy';
export const RATINGS = ['again', 'hard', 'good', 'easy'] as const satisfies readonly Rating[];

/** HTML that went through the core's sanitizer; the only HTML the renderer may render. */
export type SanitizedHtml = string & { readonly __brand: 'SanitizedHtml' };

export interface DeckSummary {
  id: number;
  /** The full name, "Parent::Child" for a nested deck. */
  name: string;
  /** Nesting level: 0 at the top, 1 for a child, … (listDecks returns parents before their children). */
  depth: number;
  /** The parent deck's id; null at the top level. */
  parentId: number | null;
  /** All cards in the deck and the decks under it, suspended included (every count covers them). */
  total: number;
  /** Cards by state (suspended cards excluded). */
  new: number;
  learning: number;
  review: number;
  /** What today's session holds: new cards within the daily limit, learning and reviews due today. */
  newToday: number;
  learningDue: number;
  reviewDue: number;
  dueToday: number;
}

export interface IntervalPreview {
  /** ISO-8601 due time if this rating is chosen. */
  due: string;
  /** Short human label, as Anki prints above its buttons: "1m", "10m", "3d", "1.2mo". */
  label: string;
}

export interface StudyCard {
  id: number;
  deckId: number;
  state: CardState;
  front: SanitizedHtml;
  back: SanitizedHtml;
  previews: Record<Rating, IntervalPreview>;
}

export interface QueueCounts {
  new: number;
  learning: number;
  review: number;
}

export interface NextCard {
  /** The card to show now, or null when the session is over. */
  card: StudyCard | null;
  /** What is left in today's queue, the shown card included. */
  counts: QueueCounts;
}

/** A card's scheduling state, as the CLI prints it (times ISO-8601). */
export interface CardSchedule {
  id: number;
  state: CardState;
  due: string;
  stability: number;
  difficulty: number;
  reps: number;
  lapses: number;
  lastReview: string | null;
}

export interface AnswerResult {
  card: CardSchedule;
  next: NextCard;
}

export interface UndoResult {
  card: CardSchedule;
  deckId: number;
  next: NextCard;
}

export interface SessionSummary {
  reviewed: number;
  /** Share of answers that were not "again", 0..1; null when nothing was reviewed. */
  retention: number | null;
  /** Sum of answer durations, in milliseconds. */
  timeMs: number;
  /** When the deck's next card becomes due (ISO-8601), or null if it has no cards to schedule. */
  nextDue: string | null;
}

export interface AnswerInput {
  cardId: number;
  rating: Rating;
  /** Time from showing the question to answering, in milliseconds. */
  durationMs: number;
}

// --- Exam readiness, statistics, the FSRS optimizer and practice tests -------------------------
// Every figure is computed in the core; the renderer only draws. Shares are 0–1, dates of study
// days are local 'YYYY-MM-DD', instants are ISO-8601, durations are milliseconds.

export interface ExamDeck {
  id: number;
  name: string;
}

export interface ExamDomain {
  id: number;
  name: string;
  /** Share of the exam as configured (any unit; the CLF-C02 preset uses percent). */
  weight: number;
  /** Decks mapped to this domain; with no decks and no tags the domain is uncovered (shown, not hidden). */
  decks: ExamDeck[];
  /** Tags mapped to this domain (a tag covers its sub-tags: "aws::security" covers "aws::security::iam"). */
  tags: string[];
}

export interface ExamProfile {
  id: number;
  name: string;
  preset: string | null;
  /** Local calendar date 'YYYY-MM-DD', or null while unknown. */
  examDate: string | null;
  passMark: number;
  maxScore: number;
  totalQuestions: number;
  scoredQuestions: number;
  /** Exam-aware scheduling: no interval jumps past the exam (off by default). */
  examAwareScheduling: boolean;
  domains: ExamDomain[];
}

/** The fields of the active exam updateExam can change; each one left out stays as it is. */
export interface ExamUpdate {
  examDate?: string | null;
  examAwareScheduling?: boolean;
  name?: string;
  passMark?: number;
  maxScore?: number;
  totalQuestions?: number;
  scoredQuestions?: number;
}

export interface TagCount {
  tag: string;
  notes: number;
}

export interface DeckReadiness {
  deckId: number;
  deck: string;
  /** The exam domain the deck feeds, or null when it feeds none. */
  domain: string | null;
  cards: number;
  reviewed: number;
  predictedRecall: number | null;
  coverage: number | null;
}

/** Practice-test answers of one domain (or overall): what the learner got right. */
export interface PracticeScore {
  answered: number;
  correct: number;
  /** correct / answered; null without answers. */
  score: number | null;
}

export interface DomainReadiness {
  domainId: number;
  domain: string;
  /** Share of the exam, 0–1 (the domain weights normalised to sum 1). */
  weight: number;
  covered: boolean;
  /** Decks and tags mapped to the domain. */
  decks: number;
  tags: number;
  cards: number;
  reviewed: number;
  /** Scored questions this domain gets in the pass model. */
  scoredQuestions: number;
  predictedRecall: number | null;
  coverage: number | null;
  /** Practice-test answers in this domain over the practice window; shown beside predicted recall. */
  practice: PracticeScore;
}

export interface Readiness {
  exam: string;
  examDate: string;
  /** ms since the epoch: the exam day's study-day start, where recall is evaluated. */
  examDayStart: number;
  cards: number;
  reviewed: number;
  coverage: number | null;
  /** Weighted mean over covered domains; null when no domain is covered. */
  predictedRecall: number | null;
  /** Share of the exam's weight that the covered domains carry. */
  coveredWeight: number;
  perDeck: DeckReadiness[];
  perDomain: DomainReadiness[];
  passProbability: number;
  /** Correct scored answers needed to pass in the model. */
  requiredCorrect: number;
  /** The pass model in plain sentences, for the UI. */
  passModel: string;
  /** Practice answers over all domains (weighted by exam weight over the domains that have some). */
  practice: PracticeScore & { days: number; model: string };
}

/** One simulated study day of the projection. */
export interface ProjectedDay {
  date: string;
  /** Answers to cards in the review state (the limited "reviews"). */
  reviews: number;
  /** New cards introduced. */
  newCards: number;
  /** Answers to learning and relearning steps (new cards' steps and lapses' relearning). */
  learningSteps: number;
  /** Review answers that were "again" in the simulation. */
  lapses: number;
  /** reviews + newCards + learningSteps: the day's workload in answers. */
  answers: number;
  /** Review cards due that day and left for later because the daily review limit was reached. */
  backlog: number;
}

export interface Projection {
  /** How the simulation works, in plain sentences. */
  model: string;
  examDate: string;
  desiredRetention: number;
  examAwareScheduling: boolean;
  /** Weighted over covered domains, as Readiness.predictedRecall, after the simulated reviews. */
  predictedRecall: number | null;
  coveredWeight: number;
  coverage: number | null;
  passProbability: number;
  perDomain: { domainId: number; domain: string; predictedRecall: number | null; coverage: number | null }[];
  perDeck: { deckId: number; deck: string; predictedRecall: number | null; coverage: number | null }[];
  /** From today to the day before the exam. */
  dailyReviews: ProjectedDay[];
  totalAnswers: number;
  averagePerDay: number;
  peak: { date: string; answers: number } | null;
}

export interface ReadinessReport {
  exam: ExamProfile;
  /** Null while the exam has no date. */
  readiness: Readiness | null;
  projected: Projection | null;
}

/** again, hard, good, easy */
export type ButtonCounts = [number, number, number, number];

export interface RetentionFigures {
  /** Review-state answers less than 21 days after the previous review. */
  young: { passed: number; failed: number; rate: number | null };
  /** Review-state answers 21 days or more after the previous review. */
  mature: { passed: number; failed: number; rate: number | null };
  total: { passed: number; failed: number; rate: number | null };
}

export interface DistributionBin {
  /** Lower bound (inclusive) and upper bound (exclusive; null = open-ended). */
  from: number;
  to: number | null;
  count: number;
}

export interface Distribution {
  /** What the bins measure: 'days' (stability) or 'percent' (difficulty, retrievability). */
  unit: 'days' | 'percent';
  bins: DistributionBin[];
  /** Cards counted (reviewed, not suspended). */
  cards: number;
  mean: number | null;
}

export interface StatisticsDay {
  date: string;
  /** Answers by the card's state before them: new and learning cards, young/mature reviews, relearning. */
  learning: number;
  young: number;
  mature: number;
  relearning: number;
  total: number;
  timeMs: number;
}

export interface ForecastEntry {
  date: string;
  learning: number;
  young: number;
  mature: number;
  total: number;
}

export interface Statistics {
  /** The deck the figures are narrowed to, or null for the whole collection. */
  deck: ExamDeck | null;
  generatedAt: string;
  today: {
    date: string;
    answers: number;
    cards: number;
    timeMs: number;
    newCards: number;
    /** Share of today's answers that were not "again"; null without answers. */
    correct: number | null;
    /** True retention of today's review-state answers. */
    retention: RetentionFigures;
  };
  /** Due per study day from today (overdue cards count today), `forecastDays` days. */
  forecast: ForecastEntry[];
  overdue: number;
  /** The last 365 study days, oldest first (heatmap and reviews per day). */
  days: StatisticsDay[];
  cardCounts: { new: number; learning: number; review: number; relearning: number; suspended: number; buried: number; total: number };
  /** True retention (review-state answers, passed = not "again") per period. */
  trueRetention: { today: RetentionFigures; yesterday: RetentionFigures; week: RetentionFigures; month: RetentionFigures; year: RetentionFigures };
  stability: Distribution;
  difficulty: Distribution;
  /** Predicted recall now. */
  retrievability: Distribution;
  /** Answer buttons over the last 30 and 365 days, by the card's kind before the answer. */
  answerButtons: Record<'month' | 'year', { learning: ButtonCounts; young: ButtonCounts; mature: ButtonCounts }>;
  streak: { current: number; longest: number; studiedToday: boolean; daysStudied: number };
}

export interface FitMetrics {
  /** Mean binary cross-entropy of predicted recall vs recalled (lower is better). */
  logLoss: number;
  /** RMSE over recall bins, as Anki reports it (lower is better). */
  rmse: number;
}

export interface OptimizeResult {
  /** insufficient: nothing computed; partial: only initial stabilities fitted; optimized: full training. */
  status: 'insufficient' | 'partial' | 'optimized';
  message: string;
  /** Review-log answers read, and cards whose history starts at their first answer. */
  reviews: number;
  cards: number;
  /** Training items (answers on a later day than the card's previous answer). */
  items: number;
  minimumItems: number;
  fullTrainingItems: number;
  /** More items needed for full training (0 when there are enough). */
  needed: number;
  current: number[];
  before: FitMetrics | null;
  optimized: number[] | null;
  after: FitMetrics | null;
  /** The optimized weights fit the history better (lower RMSE) than the current ones. */
  improved: boolean;
  applied: boolean;
  durationMs: number;
}

export interface OptimizeProgress {
  running: boolean;
  current: number;
  total: number;
}

export interface RetentionWorkloadRow {
  desiredRetention: number;
  totalAnswers: number;
  averagePerDay: number;
  peak: number;
  /** Predicted recall on exam day at this retention; null without an exam date. */
  predictedRecall: number | null;
}

export interface RetentionWorkload {
  model: string;
  current: number;
  /** Simulated days and their range (to the exam, or 30 days without an exam date). */
  days: number;
  from: string;
  until: string;
  examDate: string | null;
  rows: RetentionWorkloadRow[];
}

export interface FsrsParameters {
  weights: number[] | null;
  desiredRetention: number;
}

export interface PracticeQuestion {
  position: number;
  domain: string | null;
  deck: string | null;
  kind: 'recall' | 'responsibility';
  prompt: SanitizedHtml;
  choices: SanitizedHtml[];
  /** The chosen choice, null while unanswered. */
  chosen: number | null;
  /** The right choice; null until the question is answered or the test is over. */
  correct: number | null;
}

export interface PracticeTest {
  id: number;
  exam: string | null;
  startedAt: string;
  /** When the time limit runs out, or null without one. */
  deadline: string | null;
  finishedAt: string | null;
  questions: PracticeQuestion[];
}

export interface PracticeAnswerResult {
  position: number;
  chosen: number;
  correct: number;
  isCorrect: boolean;
  /** Questions left unanswered. */
  remaining: number;
}

export interface PracticeResult {
  id: number;
  exam: string | null;
  startedAt: string;
  finishedAt: string | null;
  timeLimitMs: number | null;
  /** The time limit ran out before every question was answered. */
  timedOut: boolean;
  questions: number;
  answered: number;
  correct: number;
  /** correct / questions (unanswered count as wrong). */
  score: number;
  /** score × the exam's maximum score, rounded; null without an exam. */
  scaledScore: number | null;
  passed: boolean | null;
  perDomain: (PracticeScore & { domain: string | null; questions: number })[];
}

// --- Import and export (electron/main/handlers/transfer.ts) --------------------------------------

export type ImportFileFormat = 'markdown' | 'csv' | 'tsv' | 'apkg' | 'json';
/** What an import does with a card; 'skip' rows are what did not become a card (with the reason). */
export type ImportRowAction = 'add' | 'update' | 'unchanged' | 'skip';
export type ImportCardChange = 'front' | 'back' | 'tags' | 'suspended' | 'history' | 'schedule';

/** Something in the files that did not become a card, and why (file and 1-based line when known). */
export interface ImportSkip {
  file: string;
  line: number | null;
  reason: string;
  /** The reason as a core message, for the UI's language (absent: English only). */
  reasonMessage?: CoreMessage;
}

/** One row of the import preview table. */
export interface ImportPreviewRow {
  action: ImportRowAction;
  /** For 'update': what changes. */
  changes: ImportCardChange[];
  /** The deck the card goes to (or is in); '' for skipped rows. */
  deck: string;
  /** The card's sides as plain text, shortened (rows are for a table, not for rendering). */
  front: string;
  back: string;
  file: string;
  line: number | null;
  /** Why the row is skipped; null for cards. */
  reason: string | null;
  /** The reason as a core message, for the UI's language (absent: English only). */
  reasonMessage?: CoreMessage;
  /** Answers this import adds to the card's history. */
  newReviews: number;
}

export interface ImportCounts {
  added: number;
  updated: number;
  unchanged: number;
  skipped: number;
}

export interface ImportPreview {
  /** Hand back to applyImport / importPreviewRows / cancelImport; main keeps the parsed files. */
  previewId: string;
  /** The import's deck: the one asked for, or where most cards go. */
  deck: string;
  decks: { name: string; exists: boolean; cards: number }[];
  counts: ImportCounts;
  formats: ImportFileFormat[];
  /** Answers the import adds to review histories. */
  reviews: number;
  notices: string[];
  /** The notices as core messages, in step with `notices` (null or absent: English only). */
  noticeMessages?: (CoreMessage | null)[];
  /** The first rows (cards in file order, then skipped entries); fetch more with importPreviewRows. */
  rows: ImportPreviewRow[];
  /** All rows of the preview. */
  rowsTotal: number;
}

export interface ImportResult {
  deck: string;
  decks: string[];
  added: number;
  updated: number;
  unchanged: number;
  skipped: ImportSkip[];
  notices: string[];
  /** The notices as core messages, in step with `notices` (null or absent: English only). */
  noticeMessages?: (CoreMessage | null)[];
  reviews: number;
  /** The collection changed between preview and import, so the import was planned again first. */
  replanned: boolean;
}

export type ExportFileFormat = 'json' | 'csv' | 'tsv' | 'apkg';

/** How far applyImport is: notes written of `total` (main → renderer while it runs). */
export interface ImportProgress {
  done: number;
  total: number;
}

export interface ExportInfo {
  /** The file written (the format's extension is added when the name has none). */
  path: string;
  format: ExportFileFormat;
  deckId: number;
  deck: string;
  notes: number;
  cards: number;
  reviews: number;
  notices: string[];
  /** The notices as core messages, in step with `notices` (absent: English only). */
  noticeMessages?: CoreMessage[];
}

export interface StratusApi {
  listDecks(): Promise<DeckSummary[]>;
  nextCard(input: { deckId: number }): Promise<NextCard>;
  answer(input: AnswerInput): Promise<AnswerResult>;
  /**
   * Undo the latest step of the one undo stack (an answer or a collection action, whichever came
   * last, as in Anki); `next` is the deck's queue afterwards. Null when there is nothing to undo.
   */
  undo(input: { deckId: number }): Promise<UndoOutcome | null>;
  sessionSummary(input: { deckId: number; since: string }): Promise<SessionSummary>;
  /** The active exam (the CLF-C02 preset is installed when there is none). */
  examProfile(): Promise<ExamProfile>;
  /** Changes the active exam: its date (null clears it), exam-aware scheduling, name, pass mark, maximum score, question counts (the fields given). */
  updateExam(input: ExamUpdate): Promise<ExamProfile>;
  /** Maps a deck to a domain of the active exam (null: to none). */
  mapDeckToDomain(input: { deckId: number; domainId: number | null }): Promise<ExamProfile>;
  /** Maps a tag (and its sub-tags) to a domain of the active exam (null: to none). */
  mapTagToDomain(input: { tag: string; domainId: number | null }): Promise<ExamProfile>;
  /** Adds a domain at the end of the active exam's list. */
  addExamDomain(input: { name: string; weight: number }): Promise<ExamProfile>;
  /** Renames a domain of the active exam and/or changes its weight. */
  updateExamDomain(input: { domainId: number; name?: string; weight?: number }): Promise<ExamProfile>;
  /** Moves a domain one place up or down the list. */
  moveExamDomain(input: { domainId: number; direction: 'up' | 'down' }): Promise<ExamProfile>;
  /** Removes a domain with its deck and tag mappings (decks and notes stay); an exam keeps at least one. */
  removeExamDomain(input: { domainId: number }): Promise<ExamProfile>;
  /** Starts again: from the CLF-C02 preset, or a blank exam with a name and one domain (date and exam-aware setting kept). */
  resetExam(input: { to: 'preset' } | { to: 'blank'; name: string; domain: string }): Promise<ExamProfile>;
  /** The collection's tags (parents included) with how many notes carry each, for the tag picker. */
  examTags(): Promise<TagCount[]>;
  /** Readiness and the projection for the active exam; `examDate` overrides its date. */
  readiness(input: { examDate?: string }): Promise<ReadinessReport>;
  statistics(input: { deckId?: number }): Promise<Statistics>;
  /** Computes FSRS parameters from the review log; applies nothing (see applyParameters). */
  optimize(): Promise<OptimizeResult>;
  /** Progress of a running optimize() (poll while it runs). */
  optimizeProgress(): Promise<OptimizeProgress>;
  /** Applies FSRS weights (null: the defaults) and/or the desired retention (0.70–0.97). */
  applyParameters(input: { weights?: number[] | null; desiredRetention?: number }): Promise<FsrsParameters>;
  /** The daily workload each desired retention from 0.70 to 0.97 implies (simulated). */
  retentionWorkload(): Promise<RetentionWorkload>;
  startPractice(input: { questions: number; minutes?: number | null; deckId?: number }): Promise<PracticeTest>;
  practiceTest(input: { testId: number }): Promise<PracticeTest>;
  answerPractice(input: { testId: number; position: number; choice: number }): Promise<PracticeAnswerResult>;
  finishPractice(input: { testId: number }): Promise<PracticeResult>;
  /** Finished practice tests, oldest first (results over time). */
  practiceHistory(): Promise<PracticeResult[]>;

  // Card browser (electron/main/handlers/collection.ts)
  searchCards(input: BrowsePageInput): Promise<BrowsePage>;
  /** Every matching card id in table order, for a virtualized table that fetches rows by id. */
  searchCardIds(input: BrowseQuery): Promise<{ ids: number[] }>;
  /** Rows for up to 1000 card ids, in the order given (ids that no longer exist are left out). */
  browseRows(input: { ids: number[] }): Promise<BrowseRow[]>;
  bulkAction(input: BulkInput): Promise<BulkResult>;
  /** What `undo` would undo next (for the Edit menu), or null. */
  undoStatus(): Promise<UndoStep | null>;
  /** Undo the latest step without a deck's queue (browser, menus); null when there is nothing to undo. */
  undoLast(): Promise<UndoStep | null>;
  // Editor and card info
  getNote(input: { noteId: number }): Promise<NoteDetail>;
  addNote(input: NoteInput): Promise<NoteDetail>;
  updateNote(input: NoteUpdate): Promise<NoteDetail>;
  /** The cards a note's fields would make, rendered (the editor's live preview). */
  previewNote(input: { kind: EditableNoteKind; fields: string[] }): Promise<CardPreview[]>;
  renderMarkdown(input: { text: string }): Promise<SanitizedHtml>;
  cardInfo(input: { cardId: number }): Promise<CardInfo>;
  cardStatus(input: { cardId: number }): Promise<CardStatus>;
  // Decks
  deckTree(): Promise<DeckInfo[]>;
  createDeck(input: { name: string }): Promise<DeckInfo>;
  renameDeck(input: { deckId: number; name: string }): Promise<DeckInfo>;
  /** Deletes the deck, its child decks and all their cards (undoable). */
  deleteDeck(input: { deckId: number }): Promise<DeckDeleted>;
  // Deck option presets and app settings
  listPresets(): Promise<DeckPreset[]>;
  deckOptions(input: { deckId: number }): Promise<DeckPreset>;
  createPreset(input: { name: string; copyFrom?: number }): Promise<DeckPreset>;
  updatePreset(input: { presetId: number; name?: string; options?: Partial<DeckOptions> }): Promise<DeckPreset>;
  /** Its decks go back to the Default preset (undoable). */
  deletePreset(input: { presetId: number }): Promise<{ decks: number }>;
  setDeckPreset(input: { deckIds: number[]; presetId: number }): Promise<DeckPreset>;
  getAppSettings(): Promise<AppSettings>;
  updateAppSettings(input: Partial<AppSettings>): Promise<AppSettings>;
  // Backups and checks
  backupNow(): Promise<BackupInfo>;
  listBackups(): Promise<BackupEntry[]>;
  /** Restores a backup of the backups folder by file name; the current collection is backed up first. */
  restoreBackup(input: { file: string }): Promise<RestoreResult>;
  checkDatabase(): Promise<CheckReport>;
  // Start-up recovery (electron/main/handlers/recovery.ts): when the collection can't be opened,
  // main still shows the window and these are the only calls that work; once it is open (always,
  // in normal mode) they report that there is nothing to recover.
  /** Why the collection could not be opened and the backups that can replace it; `recovering: false` when it is open. */
  recoveryStatus(): Promise<RecoveryStatus>;
  /** Puts the backup `file` (a name in the backups folder, never a path) in the collection's place, keeping the unusable file aside, and opens it. */
  restoreBackupAtStartup(input: { file: string }): Promise<StartupRestoreResult>;
  /** Tries to open the collection again (e.g. after closing the program that locked it). */
  retryOpenAtStartup(): Promise<RecoveryStatus>;
  /** Quits Stratus from the recovery screen. */
  quitAtStartup(): Promise<void>;
  // Import and export. Paths come from main's file dialogs (or drag and drop); file contents never
  // cross IPC: main reads and parses the files and keeps the plan until applyImport or cancelImport.
  /** Reads and plans an import of files and folders; writes nothing. */
  previewImport(input: { paths: string[]; deck?: string }): Promise<ImportPreview>;
  /** More rows of a preview, optionally only one action's (a table that pages or filters). */
  importPreviewRows(input: { previewId: string; offset: number; limit: number; action?: ImportRowAction }): Promise<{ rows: ImportPreviewRow[]; total: number }>;
  /** Imports what the preview showed, in one transaction (planned again if the collection changed). */
  applyImport(input: { previewId: string }): Promise<ImportResult>;
  /** Drops a preview that will not be imported. */
  cancelImport(input: { previewId: string }): Promise<void>;
  /** Writes a deck (with its sub-decks) to `path`; .apkg keeps scheduling unless told otherwise. */
  exportDeck(input: { deckId: number; format: ExportFileFormat; path: string; includeScheduling?: boolean }): Promise<ExportInfo>;
  // Native file dialogs (electron/main/handlers/dialogs.ts), attached to the window.
  /** The Open dialog of Import: files (or, with `folder`, folders; Windows and Linux can't offer both at once). [] when cancelled. */
  chooseImportFiles(input: { folder?: boolean }): Promise<string[]>;
  /** The Save dialog of Export, proposing "<deck>.<format>"; null when cancelled. */
  chooseExportFile(input: { format: ExportFileFormat; deckName: string }): Promise<string | null>;
}

export type Channel = keyof StratusApi;

/** Every IPC method, in one list; the preload exposes exactly these. */
export const CHANNELS = [
  'listDecks',
  'nextCard',
  'answer',
  'undo',
  'sessionSummary',
  'examProfile',
  'updateExam',
  'mapDeckToDomain',
  'mapTagToDomain',
  'addExamDomain',
  'updateExamDomain',
  'moveExamDomain',
  'removeExamDomain',
  'resetExam',
  'examTags',
  'readiness',
  'statistics',
  'optimize',
  'optimizeProgress',
  'applyParameters',
  'retentionWorkload',
  'startPractice',
  'practiceTest',
  'answerPractice',
  'finishPractice',
  'practiceHistory',
  'searchCards',
  'searchCardIds',
  'browseRows',
  'bulkAction',
  'undoStatus',
  'undoLast',
  'getNote',
  'addNote',
  'updateNote',
  'previewNote',
  'renderMarkdown',
  'cardInfo',
  'cardStatus',
  'deckTree',
  'createDeck',
  'renameDeck',
  'deleteDeck',
  'listPresets',
  'deckOptions',
  'createPreset',
  'updatePreset',
  'deletePreset',
  'setDeckPreset',
  'getAppSettings',
  'updateAppSettings',
  'backupNow',
  'listBackups',
  'restoreBackup',
  'checkDatabase',
  'recoveryStatus',
  'restoreBackupAtStartup',
  'retryOpenAtStartup',
  'quitAtStartup',
  'previewImport',
  'importPreviewRows',
  'applyImport',
  'cancelImport',
  'exportDeck',
  'chooseImportFiles',
  'chooseExportFile',
] as const satisfies readonly Channel[];

/** IPC channel name of a method: one prefix, so main can reject anything outside it. */
export const CHANNEL_PREFIX = 'stratus:';

/**
 * A sentence made in the core, as data: the id of its template in electron/core/messages.ts (and
 * under `core.` in the renderer's catalogues) and the values it names. A value that is itself a
 * sentence or a word to translate (a field, a state) is a nested CoreMessage; numbers stay numbers
 * so the renderer formats them in the UI's language.
 */
export interface CoreMessage {
  id: string;
  params: CoreMessageParams;
  /** The English sentence: what the CLI prints and the fallback when an id is unknown. */
  text: string;
}
export type CoreMessageParams = { [name: string]: string | number | CoreMessage };

/** The shape every handler error takes across IPC: a sentence a user understands. */
export interface ApiErrorShape {
  code: 'invalid-argument' | 'not-found' | 'collection' | 'internal';
  /** The English sentence. */
  message: string;
  /** The same sentence as a core message, so the renderer can say it in the UI's language. */
  id?: string;
  params?: CoreMessageParams;
}

/** What every IPC call returns on the wire; the preload unwraps it into a value or an Error. */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: ApiErrorShape };

// Compile-time check that CHANNELS lists every method of StratusApi.
type MissingChannel = Exclude<Channel, (typeof CHANNELS)[number]>;
export const ALL_CHANNELS_LISTED: [MissingChannel] extends [never] ? true : MissingChannel = true;

// --- Managing the collection: browser, editor, decks, options, settings, backups ----------------

/** Columns of the card browser; each one can sort the table. */
export const BROWSE_COLUMNS = [
  'front', 'back', 'deck', 'tags', 'state', 'due', 'interval', 'stability', 'difficulty', 'retrievability',
  'reps', 'lapses', 'added', 'edited', 'flag',
] as const;
export type BrowseColumn = (typeof BROWSE_COLUMNS)[number];

export interface BrowseQuery {
  /** Search text in the query language (see electron/core/search.ts); '' matches every card. */
  query: string;
  /** Default: 'added'. Ties are broken by card id. */
  sort?: BrowseColumn;
  descending?: boolean;
}

export interface BrowsePageInput extends BrowseQuery {
  offset: number;
  /** At most 1000 rows per page. */
  limit: number;
}

/** One row of the card browser (texts are plain-text excerpts, never HTML). */
export interface BrowseRow {
  id: number;
  noteId: number;
  deckId: number;
  deck: string;
  front: string;
  back: string;
  tags: string[];
  state: CardState;
  suspended: boolean;
  /** Buried until the next study day (by the user or as a sibling). */
  buried: boolean;
  /** 0 = no flag, 1–7 = Anki's flag colours (red, orange, green, blue, pink, turquoise, purple). */
  flag: number;
  /** The note has the tag "marked". */
  marked: boolean;
  /** ISO-8601 due time; null for new cards (they are shown by their position). */
  due: string | null;
  /** Position in the new-card queue; null for cards that are not new. */
  position: number | null;
  /** Scheduled interval in days (0 for new and learning cards). */
  interval: number;
  /** FSRS memory state; null for new cards. */
  stability: number | null;
  difficulty: number | null;
  /** Probability of recall now (0–1); null for new cards. */
  retrievability: number | null;
  reps: number;
  lapses: number;
  /** ISO-8601 time the note was added, and last edited. */
  added: string;
  edited: string;
}

export interface BrowsePage {
  /** All cards matching the query. */
  total: number;
  offset: number;
  rows: BrowseRow[];
}

/** What a bulk action does to the selected cards. Tags and marks apply to the cards' notes. */
export type BulkAction =
  | { kind: 'suspend' }
  | { kind: 'unsuspend' }
  | { kind: 'bury' }
  | { kind: 'unbury' }
  | { kind: 'move'; deckId: number }
  | { kind: 'addTags'; tags: string[] }
  | { kind: 'removeTags'; tags: string[] }
  | { kind: 'mark' }
  | { kind: 'unmark' }
  /** Marks the notes, or unmarks them when all are marked already (the review screen's `*`). */
  | { kind: 'toggleMark' }
  | { kind: 'flag'; flag: number }
  /** Resets the cards to new at the end of the new queue; the review history is kept. */
  | { kind: 'forget'; resetCounts?: boolean }
  /** Makes the cards due on a local date 'YYYY-MM-DD' (new cards become review cards). */
  | { kind: 'reschedule'; date: string }
  /** Deletes the cards' notes with all their cards and review history (as Anki's browser does). */
  | { kind: 'delete' };
export type BulkKind = BulkAction['kind'];

export interface BulkInput {
  cardIds: number[];
  action: BulkAction;
  /** The review screen passes its deck to get the next card back. */
  deckId?: number;
}

export interface BulkResult {
  kind: BulkKind;
  /** "Suspend 3 cards": the Edit menu's "Undo …" label. */
  label: string;
  /** Cards changed (or deleted). */
  cards: number;
  /** Notes changed (tags, marks) or deleted. */
  notes: number;
  /** The deck's next card, when `deckId` was given. */
  next?: NextCard;
}

/** Everything that can be undone besides an answer. */
export type ActionKind =
  | BulkKind
  | 'addNote' | 'editNote'
  | 'createDeck' | 'renameDeck' | 'deleteDeck'
  | 'setDeckPreset' | 'deletePreset';

/** One step of the undo stack (answers and actions share it; the latest is undone first). */
export interface UndoStep {
  source: 'review' | 'action';
  kind: ActionKind | 'answer';
  /** "Undo" + this in the Edit menu: "Answer card 12", "Suspend 3 cards". */
  label: string;
  /** Cards (or decks, for deck actions) it touched. */
  count: number;
  /** ISO-8601 time it was done. */
  at: string;
}

/** What `undo` did: an answer (the review screen shows that card again) or an action. */
export type UndoOutcome =
  | (UndoResult & { undone: UndoStep & { source: 'review' } })
  | { undone: UndoStep & { source: 'action' }; deckId: number; next: NextCard };

export type EditableNoteKind = 'basic' | 'reversed' | 'cloze';
export type NoteKind = EditableNoteKind | 'generated';

export interface NoteInput {
  deckId: number;
  kind: EditableNoteKind;
  /** basic / reversed: [front, back]; cloze: [text with {{c1::…}}, extra]. Markdown. */
  fields: string[];
  tags: string[];
}

export interface NoteCard {
  id: number;
  ord: number;
  deckId: number;
  /** Markdown. */
  front: string;
  back: string;
  state: CardState;
}

export interface NoteDetail {
  id: number;
  deckId: number;
  deck: string;
  kind: NoteKind;
  /** The note's fields when its cards are generated from them; null when each card is edited on its own (built-in and generated decks). */
  fields: string[] | null;
  tags: string[];
  added: string;
  edited: string;
  /** Where it came from (file of an import or a built-in deck), or null. */
  source: string | null;
  cards: NoteCard[];
}

export interface NoteUpdate {
  noteId: number;
  /** New fields (notes whose `fields` is not null); the cards follow them. */
  fields?: string[];
  /** New sides of single cards (notes whose `fields` is null). */
  cards?: { id: number; front: string; back: string }[];
  tags?: string[];
}

export interface CardPreview {
  ord: number;
  front: SanitizedHtml;
  back: SanitizedHtml;
}

export interface CardReviewEntry {
  /** ISO-8601. */
  at: string;
  rating: Rating;
  /** State before the answer. */
  state: CardState;
  /** Days scheduled by this answer. */
  interval: number;
  stability: number;
  difficulty: number;
  /** Days since the previous answer. */
  elapsedDays: number;
  durationMs: number;
  origin: 'app' | 'import';
}

export interface CardInfo {
  id: number;
  noteId: number;
  deckId: number;
  deck: string;
  preset: string;
  front: SanitizedHtml;
  back: SanitizedHtml;
  tags: string[];
  state: CardState;
  suspended: boolean;
  buried: boolean;
  flag: number;
  marked: boolean;
  added: string;
  /** ISO-8601; null for new cards. */
  due: string | null;
  position: number | null;
  interval: number;
  reps: number;
  lapses: number;
  stability: number | null;
  difficulty: number | null;
  retrievabilityNow: number | null;
  /** Predicted recall at the start of the active exam's day; null without an exam date or for new cards. */
  examDay: { date: string; retrievability: number | null } | null;
  firstReview: string | null;
  latestReview: string | null;
  averageTimeMs: number | null;
  totalTimeMs: number;
  /** Newest first. */
  reviews: CardReviewEntry[];
}

/** The review screen's marks for a card. */
export interface CardStatus {
  id: number;
  flag: number;
  marked: boolean;
  suspended: boolean;
  buried: boolean;
}

export interface DeckInfo {
  id: number;
  /** Full name, e.g. "AWS::Security". */
  name: string;
  /** Last component, e.g. "Security". */
  leafName: string;
  /** 0 for top-level decks. */
  depth: number;
  parentId: number | null;
  presetId: number;
  presetName: string;
  /** Cards in this deck itself (not its children). */
  cards: number;
  /** A built-in deck is updated when Stratus updates its source. */
  builtin: boolean;
}

export interface DeckDeleted {
  decks: number;
  notes: number;
  cards: number;
  reviews: number;
}

/** Options shared by every deck of a preset. */
export interface DeckOptions {
  /** 0.70–0.99. */
  desiredRetention: number;
  /** Days, 1–36500. */
  maximumInterval: number;
  /** Steps like "1m", "10m", "1h", "1d". */
  learningSteps: string[];
  relearningSteps: string[];
  /** FSRS-6 weights (21 numbers), or null for the defaults. */
  weights: number[] | null;
  enableFuzz: boolean;
  newPerDay: number;
  reviewsPerDay: number;
  burySiblings: boolean;
}

export interface DeckPreset {
  id: number;
  name: string;
  /** The Default preset can't be deleted; decks without another preset use it. */
  isDefault: boolean;
  options: DeckOptions;
  deckIds: number[];
}

export type Theme = 'system' | 'light' | 'dark';
export type LanguageSetting = 'system' | 'en' | 'nl';

export interface AppSettings {
  /** Local hour (0–23) at which the next study day starts. */
  dayStartHour: number;
  theme: Theme;
  language: LanguageSetting;
  /** Base font size in CSS pixels, 12–28. */
  fontSize: number;
}

export interface BackupEntry {
  /** File name inside the backups folder. */
  file: string;
  path: string;
  /** ISO-8601 time the backup was taken. */
  createdAt: string;
  size: number;
}

export interface BackupInfo extends BackupEntry {
  cards: number;
  reviews: number;
}

export interface RestoreResult {
  /** The backup that is now the collection. */
  restored: string;
  /** The collection as it was just before, saved first. */
  safetyBackup: BackupInfo;
  cards: number;
  reviews: number;
}

export interface CheckProblem {
  /** Stable identifier, e.g. 'orphan-reviews', 'bad-due'. */
  code: string;
  /** One sentence for the report. */
  message: string;
  /** The same sentence as a core message, for the UI's language (absent: English only). */
  coreMessage?: CoreMessage;
  /** Rows affected. */
  count: number;
  repaired: boolean;
}

export interface CheckReport {
  /** True when the collection is sound after the check (every problem found was repaired). */
  ok: boolean;
  problems: CheckProblem[];
  counts: { decks: number; notes: number; cards: number; reviews: number };
}

// --- Start-up recovery: the screen shown when the collection can't be opened ---------------------

/** Why the collection could not be opened. */
export type RecoveryProblem = 'not-stratus' | 'newer-version' | 'damaged' | 'locked' | 'unreadable';

export interface RecoveryBackup {
  /** File name inside the backups folder: what restoreBackupAtStartup takes. */
  file: string;
  /** ISO-8601 time the backup was taken. */
  createdAt: string;
  size: number;
  /** What it holds; null when it could not be read cheaply. */
  cards: number | null;
  reviews: number | null;
  /** Why this app can't restore it (it is refused if tried), or null when it looks fine. */
  problem: 'newer-version' | 'unreadable' | null;
}

export type RecoveryStatus =
  | { recovering: false }
  | {
      recovering: true;
      problem: RecoveryProblem;
      /** The core's one sentence, naming the file. */
      reason: string;
      /** The same sentence as a core message, for the UI's language (absent: English only). */
      reasonMessage?: CoreMessage;
      /** The collection file that could not be opened. */
      collectionPath: string;
      /** Whether that file exists (it is then kept aside, never deleted, when a backup is restored). */
      collectionExists: boolean;
      /** What the unusable file is renamed to on restore, up to the time stamp added then: `<collection>.unusable-`. */
      keptAsPrefix: string;
      backupsFolder: string;
      /** Newest first. */
      backups: RecoveryBackup[];
    };

export interface StartupRestoreResult {
  /** File name of the backup that is now the collection. */
  restored: string;
  createdAt: string;
  /** Where the unusable file was kept; null when there was no file. */
  keptAs: string | null;
  cards: number;
  reviews: number;
}

// --- The desktop shell: the native menu talks to the window ------------------------------------
//
// Two one-way messages outside the request/response channels above: main → renderer commands
// from the application menu, and renderer → main the language the UI speaks (so the menu speaks
// it too). The preload checks both against these lists, and main checks the language again.

/** What a menu item asks the window to do. The renderer ignores commands for screens it lacks. */
export const COMMANDS = [
  'file:import',
  'file:export',
  'file:backup',
  'edit:undo',
  'view:decks',
  'view:browse',
  'view:stats',
  'view:exam',
  'help:shortcuts',
] as const;
export type Command = (typeof COMMANDS)[number];

/** The languages the UI (and the menu) can speak. */
export const UI_LANGUAGES = ['en', 'nl'] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];

/** main → renderer (webContents.send): one Command. Its own prefix, apart from CHANNEL_PREFIX's invoke channels. */
export const COMMAND_CHANNEL = 'stratus-shell:command';
/** renderer → main (ipcRenderer.send): one UiLanguage. */
export const MENU_LANGUAGE_CHANNEL = 'stratus-shell:menu-language';
/** main → renderer (webContents.send): one ImportProgress while applyImport writes. */
export const IMPORT_PROGRESS_CHANNEL = 'stratus-shell:import-progress';

/** The shell's part of `window.api`, next to the StratusApi methods. */
export interface StratusShell {
  /** Calls `listener` with each menu command; returns the function that stops listening. */
  onCommand(listener: (command: Command) => void): () => void;
  /** Tells main which language the UI speaks now; the menu is rebuilt in it. */
  setMenuLanguage(lang: UiLanguage): void;
  /**
   * The path of a file or folder dropped on the window (Electron's webUtils.getPathForFile; the
   * sandboxed page has no other way to know it); '' for something that is not on disk.
   */
  pathForFile(file: File): string;
  /** Calls `listener` with the progress of a running import; returns the function that stops listening. */
  onImportProgress(listener: (progress: ImportProgress) => void): () => void;
  /**
   * The id and params of a core message that a recent call rejected with, found by the error's
   * English message (an Error crossing the context bridge keeps only its message, so the preload
   * remembers the rest); null for anything else. The renderer translates it (format.ts).
   */
  coreMessageOf?(message: string): Pick<CoreMessage, 'id' | 'params'> | null;
}

/** What the preload exposes as `window.api`. */
export type WindowApi = StratusApi & StratusShell;

/** The shell's methods, in one list: window.api holds exactly CHANNELS and these (tests/e2e/security.test.ts). */
export const SHELL_METHODS = ['onCommand', 'setMenuLanguage', 'pathForFile', 'onImportProgress', 'coreMessageOf'] as const satisfies readonly (keyof StratusShell)[];
type MissingShellMethod = Exclude<keyof StratusShell, (typeof SHELL_METHODS)[number]>;
export const ALL_SHELL_METHODS_LISTED: [MissingShellMethod] extends [never] ? true : MissingShellMethod = true;
