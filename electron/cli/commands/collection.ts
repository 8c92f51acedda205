// Looking after the collection from the command line: backup, restore, check, search.
import { resolve } from 'node:path';
import type { BrowseColumn, BrowseRow } from '../../shared/contract';
import { BROWSE_COLUMNS } from '../../shared/contract';
import { backup, backupsFolder, restoreBackup } from '../../core/backup';
import { searchCards } from '../../core/browse';
import { checkDatabase } from '../../core/check';
import { noExtra, optionString, pad, UsageError, type Command } from '../command';

function describeRow(r: BrowseRow): string {
  const due = r.due ? r.due.slice(0, 10) : `new #${r.position}`;
  return `${pad(String(r.id), 8)}${pad(r.state + (r.suspended ? '*' : ''), 12)}${pad(due, 12)}${pad(r.deck, 24)}${r.front}`;
}

export const collectionCommands: Command[] = [
  {
    name: 'backup',
    usage: [
      'backup [--out FILE]                    back up the collection (default: the backups folder',
      '                                       beside it, rotated 48 recent + 7 daily + 4 weekly)',
    ],
    options: { out: { type: 'string' } },
    async run(ctx) {
      noExtra(ctx, 'backup', 0);
      const out = optionString(ctx, 'out');
      const info = await backup(ctx.db, backupsFolder(ctx.dbPath), ctx.now, out === undefined ? undefined : resolve(out));
      return {
        value: { path: info.path, cards: info.cards, reviews: info.reviews },
        text: `Backed up ${info.cards} cards and ${info.reviews} reviews to ${info.path}`,
      };
    },
  },
  {
    name: 'restore',
    usage: ['restore FILE                           replace the collection with a backup (the current one is backed up first)'],
    async run(ctx) {
      noExtra(ctx, 'restore', 1);
      const [file] = ctx.args;
      if (!file) throw new UsageError('"restore" needs the backup file to restore, e.g. restore backups/stratus-2026-11-23-090000-000.stratus.');
      const r = await restoreBackup(ctx.db, resolve(file), backupsFolder(ctx.dbPath), ctx.now);
      return {
        value: { restored: r.restored, safetyBackup: r.safetyBackup.path, cards: r.cards, reviews: r.reviews },
        text: `Restored ${r.restored} (${r.cards} cards, ${r.reviews} reviews). The collection as it was is saved in ${r.safetyBackup.path}`,
      };
    },
  },
  {
    name: 'check',
    usage: ['check                                  check the database and repair what it can'],
    run(ctx) {
      noExtra(ctx, 'check', 0);
      const report = checkDatabase(ctx.db, ctx.now);
      const text = report.problems.length
        ? [report.ok ? 'Problems found and repaired:' : 'Problems found:', ...report.problems.map((p) => `  ${p.repaired ? 'repaired' : 'NOT repaired'}: ${p.message}`)].join('\n')
        : `The collection is fine (${report.counts.cards} cards, ${report.counts.reviews} reviews).`;
      return { value: { ok: report.ok, problems: report.problems }, text };
    },
  },
  {
    name: 'search',
    usage: [
      'search QUERY [--sort COLUMN] [--desc] [--limit N] [--offset N]',
      '                                       cards matching a browser query, e.g. search "deck:AWS is:due"',
    ],
    options: { sort: { type: 'string' }, desc: { type: 'boolean' }, limit: { type: 'string' }, offset: { type: 'string' } },
    run(ctx) {
      noExtra(ctx, 'search', 1);
      const query = ctx.args[0] ?? '';
      const sort = optionString(ctx, 'sort');
      if (sort !== undefined && !BROWSE_COLUMNS.includes(sort as BrowseColumn)) throw new UsageError(`--sort "${sort}" is not a column (use ${BROWSE_COLUMNS.join(', ')}).`);
      const number = (name: string, fallback: number, max: number) => {
        const text = optionString(ctx, name);
        if (text === undefined) return fallback;
        if (!/^\d+$/.test(text) || Number(text) > max) throw new UsageError(`--${name} "${text}" must be a whole number up to ${max}.`);
        return Number(text);
      };
      const page = searchCards(
        ctx.db,
        { query, ...(sort ? { sort: sort as BrowseColumn } : {}), descending: ctx.values.desc === true, offset: number('offset', 0, 10_000_000), limit: number('limit', 50, 1000) },
        ctx.now,
      );
      const text = page.rows.length
        ? [`${page.total} card${page.total === 1 ? '' : 's'} match; showing ${page.offset + 1}–${page.offset + page.rows.length}.`, ...page.rows.map(describeRow)].join('\n')
        : `No card matches "${query}".`;
      return { value: page, text };
    },
  },
];
