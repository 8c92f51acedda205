// Import and export over IPC. The renderer sends paths (from main's file dialogs or a drop) and
// preview ids, never file contents: main reads and parses the files, keeps the plan under an id
// until the user imports or cancels, and applyImport re-plans if the collection changed meanwhile.
import { randomUUID } from 'node:crypto';
import { extname, isAbsolute } from 'node:path';
import type { ExportInfo, ImportPreview, ImportPreviewRow, ImportResult } from '../../shared/contract';
import { InvalidArgumentError, NotFoundError } from '../../core/errors';
import { msg } from '../../core/messages';
import { exportDeck, writeExportFile } from '../../core/export';
import { applyImport, planImport, type ImportPlan } from '../../core/import/pipeline';
import { previewRows } from '../../core/import/preview';
import { readImportSources } from '../../core/import/read';
import type { Handlers } from '../ipc';
import type { HandlerContext } from './context';

/** Rows sent with the preview itself; the table asks for more with importPreviewRows. */
export const FIRST_ROWS = 200;
/** Previews kept at once (each holds its parsed files); the oldest goes first. */
const MAX_PREVIEWS = 4;
/** A preview nobody imported within this time is dropped. */
const PREVIEW_TTL_MS = 60 * 60 * 1000;

interface KeptPreview {
  plan: ImportPlan;
  rows: ImportPreviewRow[];
  createdAt: number;
}

export function transferHandlers(ctx: HandlerContext) {
  const previews = new Map<string, KeptPreview>();

  const kept = (id: string): KeptPreview => {
    drop(previews, Date.now());
    const p = previews.get(id);
    if (!p) throw new NotFoundError(msg('import.previewExpired'));
    return p;
  };

  return {
    previewImport: async ({ paths, deck }): Promise<ImportPreview> => {
      for (const p of paths) {
        if (!isAbsolute(p)) throw new InvalidArgumentError(msg('import.notFullPath', { path: p }));
      }
      const parsed = await readImportSources(paths);
      // A blank deck from the form means "none chosen": the files' own decks are used.
      const chosen = deck?.trim() ? { deck } : {};
      const plan = planImport(ctx.db, parsed, { ...chosen, now: ctx.now() });
      const rows = previewRows(plan);
      drop(previews, Date.now());
      while (previews.size >= MAX_PREVIEWS) previews.delete(previews.keys().next().value!);
      const previewId = randomUUID();
      previews.set(previewId, { plan, rows, createdAt: Date.now() });
      return {
        previewId,
        deck: plan.deck,
        decks: plan.decks,
        counts: plan.counts,
        formats: plan.formats,
        reviews: plan.reviews,
        notices: plan.notices,
        noticeMessages: plan.noticeMessages,
        rows: rows.slice(0, FIRST_ROWS),
        rowsTotal: rows.length,
      };
    },
    importPreviewRows: ({ previewId, offset, limit, action }) => {
      const { rows } = kept(previewId);
      const list = action ? rows.filter((r) => r.action === action) : rows;
      return { rows: list.slice(offset, offset + limit), total: list.length };
    },
    applyImport: ({ previewId }): ImportResult => {
      const { plan } = kept(previewId);
      // The preview stays if the import fails (nothing was written), so the user can try again.
      // Progress goes to the window as the notes are written (see ctx.importProgress).
      const result = applyImport(ctx.db, plan, ctx.importProgress);
      previews.delete(previewId);
      return result;
    },
    cancelImport: ({ previewId }) => {
      previews.delete(previewId);
    },
    exportDeck: ({ deckId, format, path, includeScheduling }): ExportInfo => {
      if (!isAbsolute(path)) throw new InvalidArgumentError(msg('export.notFullPath', { path }));
      const ext = extname(path).slice(1).toLowerCase();
      if (ext && ext !== format) throw new InvalidArgumentError(msg('export.extensionMismatch', { path, ext, format }));
      const target = ext ? path : `${path}.${format}`;
      const result = exportDeck(ctx.db, deckId, { format, now: ctx.now(), ...(includeScheduling === undefined ? {} : { includeScheduling }) });
      writeExportFile(target, result.bytes, ctx.db.name);
      return {
        path: target,
        format,
        deckId: result.deck.id,
        deck: result.deck.name,
        notes: result.notes,
        cards: result.cards,
        reviews: result.reviews,
        notices: result.notices,
        ...(result.noticeMessages ? { noticeMessages: result.noticeMessages } : {}),
      };
    },
  } satisfies Partial<Handlers>;
}

function drop(previews: Map<string, KeptPreview>, now: number): void {
  for (const [id, p] of previews) if (now - p.createdAt > PREVIEW_TTL_MS) previews.delete(id);
}
