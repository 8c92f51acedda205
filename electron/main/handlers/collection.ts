// Managing the collection over IPC: browser, bulk actions and undo, editor, decks, option presets,
// app settings, backups and the database check. Thin callers of the core.
import type { NextCard, UndoOutcome } from '../../shared/contract';
import { backup, backupPathByName, backupsFolder, listBackups, restoreBackup } from '../../core/backup';
import { browseRows, bulkAction, searchCardIds, searchCards } from '../../core/browse';
import { checkDatabase } from '../../core/check';
import { createDeck, deckTree, deleteDeck, renameDeck } from '../../core/deckAdmin';
import { addNote, cardInfo, cardStatus, getNote, previewNote, updateNote } from '../../core/edit';
import { StratusError } from '../../core/errors';
import { createPreset, deletePreset, getPreset, listPresets, presetOfDeck, setDeckPreset, updatePreset } from '../../core/presets';
import { renderCardHtml } from '../../core/render';
import { getAppSettings, updateAppSettings } from '../../core/settings';
import { peekUndo, undoLatest } from '../../core/undoLog';
import type { Handlers } from '../ipc';
import type { HandlerContext } from './context';

/** The deck's queue, or an empty one when the deck is gone (an undone "create deck"). */
function queueOf(ctx: HandlerContext, deckId: number): NextCard {
  try {
    return ctx.study.nextCard(deckId);
  } catch (err) {
    if (err instanceof StratusError) return { card: null, counts: { new: 0, learning: 0, review: 0 } };
    throw err;
  }
}

/** The review screen's undo: the latest step of the one undo stack, then the deck's queue. */
export function undoInDeck(ctx: HandlerContext, deckId: number): UndoOutcome | null {
  const undone = undoLatest(ctx.db, ctx.study);
  if (!undone) return null;
  if (undone.step.source === 'review' && 'review' in undone) return { ...undone.review, undone: undone.step };
  return { undone: { ...undone.step, source: 'action' }, deckId, next: queueOf(ctx, deckId) };
}

export function collectionHandlers(ctx: HandlerContext) {
  const { db, study, now } = ctx;
  const folder = () => backupsFolder(db.name);
  return {
    searchCards: (input) => searchCards(db, input, now()),
    searchCardIds: (input) => ({ ids: searchCardIds(db, input, now()) }),
    browseRows: ({ ids }) => browseRows(db, ids, now()),
    bulkAction: ({ cardIds, action, deckId }) => {
      const result = bulkAction(db, cardIds, action, now());
      return deckId === undefined ? result : { ...result, next: queueOf(ctx, deckId) };
    },
    undoStatus: () => peekUndo(db),
    undoLast: () => undoLatest(db, study)?.step ?? null,

    getNote: ({ noteId }) => getNote(db, noteId),
    addNote: (input) => addNote(db, input, now()),
    updateNote: (input) => updateNote(db, input, now()),
    previewNote: ({ kind, fields }) => previewNote(kind, fields),
    renderMarkdown: ({ text }) => renderCardHtml(text),
    cardInfo: ({ cardId }) => cardInfo(db, cardId, now()),
    cardStatus: ({ cardId }) => cardStatus(db, cardId, now()),

    deckTree: () => deckTree(db),
    createDeck: ({ name }) => createDeck(db, name, now()),
    renameDeck: ({ deckId, name }) => renameDeck(db, deckId, name, now()),
    deleteDeck: ({ deckId }) => deleteDeck(db, deckId, now()),

    listPresets: () => listPresets(db),
    deckOptions: ({ deckId }) => presetOfDeck(db, deckId),
    createPreset: ({ name, copyFrom }) => createPreset(db, name, now(), copyFrom),
    updatePreset: ({ presetId, name, options }) => updatePreset(db, presetId, { ...(name === undefined ? {} : { name }), ...(options ? { options } : {}) }),
    deletePreset: ({ presetId }) => deletePreset(db, presetId, now()),
    setDeckPreset: ({ deckIds, presetId }) => (setDeckPreset(db, deckIds, presetId, now()), getPreset(db, presetId)),
    getAppSettings: () => getAppSettings(db),
    updateAppSettings: (patch) => {
      const settings = updateAppSettings(db, patch);
      // The next day's start changes today's queue at once.
      study.reloadSettings();
      return settings;
    },

    backupNow: () => backup(db, folder(), now()),
    listBackups: () => (db.memory ? [] : listBackups(folder())),
    restoreBackup: async ({ file }) => {
      const result = await restoreBackup(db, backupPathByName(folder(), file), folder(), now());
      study.reloadSettings();
      return result;
    },
    checkDatabase: () => {
      const report = checkDatabase(db, now());
      study.reloadSettings();
      return report;
    },
  } satisfies Partial<Handlers>;
}
