// Runtime argument schemas for every IPC method, checked in main before the core is touched.
import { z } from 'zod';
import { BROWSE_COLUMNS, RATINGS, type Channel } from './contract';

const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const isoDate = z.string().max(40).refine((s) => !Number.isNaN(Date.parse(s)), 'must be an ISO-8601 date');

// Shapes shared by the collection-management schemas below.
const browseQuery = { query: z.string().max(10_000), sort: z.enum(BROWSE_COLUMNS).optional(), descending: z.boolean().optional() };
const cardIds = z.array(id).min(1).max(1_000_000);
const tags = z.array(z.string().max(1000)).max(1000);
const side = z.string().max(200_000);
const fields = z.array(side).min(1).max(2);
const noteKind = z.enum(['basic', 'reversed', 'cloze']);
const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-12-15');
const examName = z.string().max(1000);
const bulkAction = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('suspend') }),
  z.strictObject({ kind: z.literal('unsuspend') }),
  z.strictObject({ kind: z.literal('bury') }),
  z.strictObject({ kind: z.literal('unbury') }),
  z.strictObject({ kind: z.literal('move'), deckId: id }),
  z.strictObject({ kind: z.literal('addTags'), tags: tags.min(1) }),
  z.strictObject({ kind: z.literal('removeTags'), tags: tags.min(1) }),
  z.strictObject({ kind: z.literal('mark') }),
  z.strictObject({ kind: z.literal('unmark') }),
  z.strictObject({ kind: z.literal('toggleMark') }),
  z.strictObject({ kind: z.literal('flag'), flag: z.number().int().min(0).max(7) }),
  z.strictObject({ kind: z.literal('forget'), resetCounts: z.boolean().optional() }),
  z.strictObject({ kind: z.literal('reschedule'), date: localDate }),
  z.strictObject({ kind: z.literal('delete') }),
]);
const step = z.string().max(20);
// Ranges are checked again by the core (settings.ts), which words the user-facing sentence.
const deckOptions = z.strictObject({
  desiredRetention: z.number().optional(),
  maximumInterval: z.number().int().optional(),
  learningSteps: z.array(step).max(50).optional(),
  relearningSteps: z.array(step).max(50).optional(),
  weights: z.array(z.number()).max(50).nullable().optional(),
  enableFuzz: z.boolean().optional(),
  newPerDay: z.number().int().optional(),
  reviewsPerDay: z.number().int().optional(),
  burySiblings: z.boolean().optional(),
});

/** A file or folder path from a dialog or a drop: no NUL byte, within every OS's length limit. */
const filePath = z.string().min(1).max(4096).refine((p) => !p.includes('\0'), 'must not contain a NUL character');
const previewId = z.string().regex(/^[a-z0-9-]{1,64}$/, 'must be an id from previewImport');

export const argSchemas = {
  listDecks: z.tuple([]),
  nextCard: z.tuple([z.strictObject({ deckId: id })]),
  answer: z.tuple([
    z.strictObject({
      cardId: id,
      rating: z.enum(RATINGS),
      durationMs: z.number().int().min(0).max(24 * 3600 * 1000),
    }),
  ]),
  undo: z.tuple([z.strictObject({ deckId: id })]),
  sessionSummary: z.tuple([z.strictObject({ deckId: id, since: isoDate })]),
  // Managing the collection (electron/main/handlers/collection.ts).
  searchCards: z.tuple([z.strictObject({ ...browseQuery, offset: z.number().int().min(0).max(10_000_000), limit: z.number().int().min(1).max(1000) })]),
  searchCardIds: z.tuple([z.strictObject(browseQuery)]),
  browseRows: z.tuple([z.strictObject({ ids: z.array(id).max(1000) })]),
  bulkAction: z.tuple([z.strictObject({ cardIds: cardIds, action: bulkAction, deckId: id.optional() })]),
  undoStatus: z.tuple([]),
  undoLast: z.tuple([]),
  getNote: z.tuple([z.strictObject({ noteId: id })]),
  addNote: z.tuple([z.strictObject({ deckId: id, kind: noteKind, fields: fields, tags: tags })]),
  updateNote: z.tuple([
    z.strictObject({
      noteId: id,
      fields: fields.optional(),
      cards: z.array(z.strictObject({ id, front: side, back: side })).max(100).optional(),
      tags: tags.optional(),
    }),
  ]),
  previewNote: z.tuple([z.strictObject({ kind: noteKind, fields })]),
  renderMarkdown: z.tuple([z.strictObject({ text: side })]),
  cardInfo: z.tuple([z.strictObject({ cardId: id })]),
  cardStatus: z.tuple([z.strictObject({ cardId: id })]),
  deckTree: z.tuple([]),
  createDeck: z.tuple([z.strictObject({ name: z.string().max(1000) })]),
  renameDeck: z.tuple([z.strictObject({ deckId: id, name: z.string().max(1000) })]),
  deleteDeck: z.tuple([z.strictObject({ deckId: id })]),
  listPresets: z.tuple([]),
  deckOptions: z.tuple([z.strictObject({ deckId: id })]),
  createPreset: z.tuple([z.strictObject({ name: z.string().max(1000), copyFrom: id.optional() })]),
  updatePreset: z.tuple([z.strictObject({ presetId: id, name: z.string().max(1000).optional(), options: deckOptions.optional() })]),
  deletePreset: z.tuple([z.strictObject({ presetId: id })]),
  setDeckPreset: z.tuple([z.strictObject({ deckIds: z.array(id).min(1).max(10_000), presetId: id })]),
  getAppSettings: z.tuple([]),
  updateAppSettings: z.tuple([
    z.strictObject({
      dayStartHour: z.number().int().min(0).max(23).optional(),
      theme: z.enum(['system', 'light', 'dark']).optional(),
      language: z.enum(['system', 'en', 'nl']).optional(),
      fontSize: z.number().int().min(12).max(28).optional(),
    }),
  ]),
  backupNow: z.tuple([]),
  listBackups: z.tuple([]),
  restoreBackup: z.tuple([z.strictObject({ file: z.string().min(1).max(255) })]),
  checkDatabase: z.tuple([]),
  // Start-up recovery (electron/main/handlers/recovery.ts): a backup by file name only (main
  // checks it is one of the backups folder's), never a path.
  recoveryStatus: z.tuple([]),
  restoreBackupAtStartup: z.tuple([z.strictObject({ file: z.string().min(1).max(255).regex(/^[^\\/\0]+$/, 'must be a file name, not a path') })]),
  retryOpenAtStartup: z.tuple([]),
  quitAtStartup: z.tuple([]),
  // Paths: main re-checks that they are absolute; here only their shape (no NUL, sane length).
  previewImport: z.tuple([z.strictObject({ paths: z.array(filePath).min(1).max(1000), deck: z.string().max(1000).optional() })]),
  importPreviewRows: z.tuple([
    z.strictObject({
      previewId,
      offset: z.number().int().min(0).max(10_000_000),
      limit: z.number().int().min(1).max(1000),
      action: z.enum(['add', 'update', 'unchanged', 'skip']).optional(),
    }),
  ]),
  applyImport: z.tuple([z.strictObject({ previewId })]),
  cancelImport: z.tuple([z.strictObject({ previewId })]),
  exportDeck: z.tuple([
    z.strictObject({ deckId: id, format: z.enum(['json', 'csv', 'tsv', 'apkg']), path: filePath, includeScheduling: z.boolean().optional() }),
  ]),
  // Native file dialogs (electron/main/handlers/dialogs.ts).
  chooseImportFiles: z.tuple([z.strictObject({ folder: z.boolean().optional() })]),
  chooseExportFile: z.tuple([z.strictObject({ format: z.enum(['json', 'csv', 'tsv', 'apkg']), deckName: z.string().max(1000) })]),
  // Exam readiness, statistics, the optimizer and practice tests (electron/main/handlers/exam.ts).
  examProfile: z.tuple([]),
  // Ranges and names are checked again by the core (exam/editExam.ts), which words the sentence.
  updateExam: z.tuple([
    z.strictObject({
      examDate: localDate.nullable().optional(),
      examAwareScheduling: z.boolean().optional(),
      name: examName.optional(),
      passMark: z.number().optional(),
      maxScore: z.number().optional(),
      totalQuestions: z.number().optional(),
      scoredQuestions: z.number().optional(),
    }),
  ]),
  mapDeckToDomain: z.tuple([z.strictObject({ deckId: id, domainId: id.nullable() })]),
  mapTagToDomain: z.tuple([z.strictObject({ tag: z.string().max(1000), domainId: id.nullable() })]),
  addExamDomain: z.tuple([z.strictObject({ name: examName, weight: z.number() })]),
  updateExamDomain: z.tuple([z.strictObject({ domainId: id, name: examName.optional(), weight: z.number().optional() })]),
  moveExamDomain: z.tuple([z.strictObject({ domainId: id, direction: z.enum(['up', 'down']) })]),
  removeExamDomain: z.tuple([z.strictObject({ domainId: id })]),
  resetExam: z.tuple([
    z.discriminatedUnion('to', [
      z.strictObject({ to: z.literal('preset') }),
      z.strictObject({ to: z.literal('blank'), name: examName, domain: examName }),
    ]),
  ]),
  examTags: z.tuple([]),
  readiness: z.tuple([z.strictObject({ examDate: localDate.optional() })]),
  statistics: z.tuple([z.strictObject({ deckId: id.optional() })]),
  optimize: z.tuple([]),
  optimizeProgress: z.tuple([]),
  // Ranges are checked again by the core (optimizer.ts), which words the user-facing sentence.
  applyParameters: z.tuple([z.strictObject({ weights: z.array(z.number()).max(50).nullable().optional(), desiredRetention: z.number().optional() })]),
  retentionWorkload: z.tuple([]),
  startPractice: z.tuple([
    z.strictObject({ questions: z.number().int().min(1).max(200), minutes: z.number().positive().max(600).nullable().optional(), deckId: id.optional() }),
  ]),
  practiceTest: z.tuple([z.strictObject({ testId: id })]),
  answerPractice: z.tuple([z.strictObject({ testId: id, position: z.number().int().min(1).max(10_000), choice: z.number().int().min(0).max(100) })]),
  finishPractice: z.tuple([z.strictObject({ testId: id })]),
  practiceHistory: z.tuple([]),
} as const satisfies Record<Channel, z.ZodType>;
