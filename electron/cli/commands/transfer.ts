// Importing and exporting from the command line: `import` and `export`. Thin callers of the core
// (electron/core/import, electron/core/export), so the CLI does what the app's Import and Export do.
import { resolveDeck } from '../../core/decks';
import { EXPORT_FORMATS, exportDeck, exportFormatOf, writeExportFile, type ExportFormat } from '../../core/export';
import { applyImport, planImport, type ImportPlan, type ImportSummary } from '../../core/import/pipeline';
import { readImportSources } from '../../core/import/read';
import type { SkippedEntry } from '../../core/import/types';
import { optionString, UsageError, type Command, type CommandContext } from '../command';

/** What `import --json` prints. */
export interface ImportOutput {
  deck: string;
  decks: string[];
  added: number;
  updated: number;
  unchanged: number;
  skipped: SkippedEntry[];
  notices: string[];
  /** Answers added to review histories (Anki and Stratus JSON imports). */
  reviews: number;
  dryRun: boolean;
}

/** What `export --json` prints. */
export interface ExportOutput {
  deck: string;
  deckId: number;
  format: ExportFormat;
  out: string;
  notes: number;
  cards: number;
  reviews: number;
  notices: string[];
}

/** Progress lines only for imports big enough to take a moment. */
const PROGRESS_FROM = 5000;

export const transferCommands: Command[] = [
  {
    name: 'import',
    usage: [
      'import FILE_OR_FOLDER... [--deck NAME]  import Markdown notes, CSV/TSV, Anki .apkg or Stratus JSON',
      '       [--dry-run]                     only show what would be added, updated, unchanged or skipped',
    ],
    options: { deck: { type: 'string' }, 'dry-run': { type: 'boolean', default: false } },
    async run(ctx) {
      if (ctx.args.length === 0) throw new UsageError('"import" needs a file or folder, e.g. import notes/ --deck "AWS".');
      const deck = optionString(ctx, 'deck');
      const dryRun = ctx.values['dry-run'] === true;
      const parsed = await readImportSources(ctx.args);
      const plan = planImport(ctx.db, parsed, { ...(deck === undefined ? {} : { deck }), now: ctx.now });
      let lastTenth = 0;
      const summary = dryRun
        ? summaryOfPlan(plan)
        : applyImport(ctx.db, plan, ({ done, total }) => {
            const tenth = Math.floor((done * 10) / Math.max(1, total));
            if (total >= PROGRESS_FROM && tenth > lastTenth) {
              lastTenth = tenth;
              ctx.progress(`Importing… ${done.toLocaleString('en')} of ${total.toLocaleString('en')} notes`);
            }
          });
      const value: ImportOutput = {
        deck: summary.deck,
        decks: summary.decks,
        added: summary.added,
        updated: summary.updated,
        unchanged: summary.unchanged,
        // The CLI speaks English: the reasons' message ids are for the app's translations.
        skipped: summary.skipped.map(({ file, line, reason }) => ({ file, line, reason })),
        notices: summary.notices,
        reviews: summary.reviews,
        dryRun,
      };
      return { value, text: describeImport(value) };
    },
  },
  {
    name: 'export',
    usage: [
      'export --deck ID_OR_NAME --out FILE    export a deck (and its sub-decks)',
      '       [--format json|csv|tsv|apkg]    default: from the file name; json keeps everything',
      '       [--no-scheduling]               .apkg: leave out schedules and review history',
    ],
    options: { deck: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' }, 'no-scheduling': { type: 'boolean', default: false } },
    run(ctx) {
      if (ctx.args.length) throw new UsageError(`"export" does not take "${ctx.args[0]}"; name the file with --out FILE.`);
      const deckName = optionString(ctx, 'deck');
      if (!deckName) throw new UsageError('"export" needs --deck ID_OR_NAME (run the "decks" command to list them).');
      const out = optionString(ctx, 'out');
      if (!out) throw new UsageError('"export" needs --out FILE, e.g. --out aws.json.');
      const format = exportFormat(ctx, out);
      const deck = resolveDeck(ctx.db, deckName);
      const result = exportDeck(ctx.db, deck.id, { format, now: ctx.now, includeScheduling: ctx.values['no-scheduling'] !== true });
      writeExportFile(out, result.bytes, ctx.dbPath);
      const value: ExportOutput = {
        deck: result.deck.name,
        deckId: result.deck.id,
        format,
        out,
        notes: result.notes,
        cards: result.cards,
        reviews: result.reviews,
        notices: result.notices,
      };
      const history = format === 'json' || format === 'apkg' ? ` and ${value.reviews.toLocaleString('en')} ${value.reviews === 1 ? 'review' : 'reviews'}` : '';
      const text = [`Exported "${value.deck}": ${count(value.cards, 'card')} of ${count(value.notes, 'note')}${history} to ${out}.`, ...value.notices].join('\n');
      return { value, text };
    },
  },
];

function exportFormat(ctx: CommandContext, out: string): ExportFormat {
  const given = optionString(ctx, 'format')?.toLowerCase();
  const fromName = exportFormatOf(out);
  if (given === undefined) {
    if (!fromName) throw new UsageError(`"export" needs --format ${EXPORT_FORMATS.join('|')} (the file name ${out} does not say which).`);
    return fromName;
  }
  if (!(EXPORT_FORMATS as readonly string[]).includes(given)) throw new UsageError(`--format "${given}" is not a format: use ${EXPORT_FORMATS.join(', ')}.`);
  if (fromName && fromName !== given) throw new UsageError(`--out ${out} ends in .${fromName} but --format is ${given}; make them agree.`);
  return given as ExportFormat;
}

function summaryOfPlan(plan: ImportPlan): ImportSummary {
  return {
    deck: plan.deck,
    decks: plan.decks.map((d) => d.name),
    added: plan.counts.added,
    updated: plan.counts.updated,
    unchanged: plan.counts.unchanged,
    skipped: plan.skipped,
    notices: plan.notices,
    noticeMessages: plan.noticeMessages,
    reviews: plan.reviews,
    replanned: false,
  };
}

function count(n: number, word: string): string {
  return `${n.toLocaleString('en')} ${word}${n === 1 ? '' : 's'}`;
}

/** The summary a person reads; the skipped list is shown in full, since each line says what to fix. */
export function describeImport(v: ImportOutput): string {
  const into = v.decks.length > 1 ? `"${v.deck}" and ${v.decks.length - 1} other ${v.decks.length === 2 ? 'deck' : 'decks'}` : `"${v.deck}"`;
  const verb = v.dryRun ? 'Would import into' : 'Imported into';
  const lines = [`${verb} ${into}: ${v.added.toLocaleString('en')} added, ${v.updated.toLocaleString('en')} updated, ${v.unchanged.toLocaleString('en')} unchanged, ${v.skipped.length.toLocaleString('en')} skipped.`];
  if (v.reviews) lines.push(`${count(v.reviews, 'review')} of history ${v.dryRun ? 'would be' : 'were'} added.`);
  lines.push(...v.notices);
  if (v.skipped.length) {
    lines.push('Skipped:');
    for (const s of v.skipped) lines.push(`  ${s.line === null ? s.file : `${s.file}:${s.line}`}  ${s.reason}`);
  }
  if (v.dryRun) lines.push('Nothing was written (--dry-run).');
  return lines.join('\n');
}
