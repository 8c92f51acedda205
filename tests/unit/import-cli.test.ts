// The import and export commands, in-process through runCli, on file-backed collections.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/run';

const decksFolder = resolve('decks');
const NOW = '2026-11-23T09:00:00Z';
const NOTES = resolve(__dirname, 'fixtures/notes');

async function cli(args: string[]) {
  let out = '';
  let err = '';
  const status = await runCli(args, { env: {}, decksFolder, stdout: (s) => (out += s), stderr: (s) => (err += s) });
  return { status, out, err, json: () => JSON.parse(out) as Record<string, unknown> };
}

function workspace() {
  const dir = mkdtempSync(join(tmpdir(), 'stratus-transfer-'));
  const db = join(dir, 'collection.stratus');
  return { dir, db, base: ['--db', db, '--now', NOW] };
}

describe('import', () => {
  it('imports a folder of notes, prints the documented JSON, and is idempotent', async () => {
    const { base } = workspace();
    const first = await cli(['import', NOTES, '--deck', 'AWS notes', '--json', ...base]);
    expect(first.status, first.err).toBe(0);
    const value = first.json();
    expect(Object.keys(value).sort()).toEqual(['added', 'deck', 'decks', 'dryRun', 'notices', 'reviews', 'skipped', 'unchanged', 'updated']);
    expect(value).toMatchObject({ deck: 'AWS notes', decks: ['AWS notes'], updated: 0, unchanged: 0, reviews: 0, dryRun: false });
    expect(value.added).toBeGreaterThan(20);
    for (const s of value.skipped as unknown[]) expect(s).toEqual({ file: expect.stringMatching(/^notes\//), line: expect.any(Number), reason: expect.any(String) });

    const again = (await cli(['import', NOTES, '--deck', 'AWS notes', '--json', ...base])).json();
    expect(again).toMatchObject({ added: 0, updated: 0, unchanged: value.added });
    const cards = await cli(['cards', '--deck', 'AWS notes', '--json', ...base]);
    expect((cards.json() as unknown as unknown[]).length).toBe(value.added);
  });

  it('--dry-run shows the plan and writes nothing', async () => {
    const { dir, base } = workspace();
    const csv = join(dir, 'terms.csv');
    writeFileSync(csv, 'Region,A place\nAZ,Data centres,oops\nEdge,A cache site\n');
    const dry = await cli(['import', csv, '--dry-run', ...base]);
    expect(dry.status).toBe(0);
    expect(dry.out).toBe(
      [
        'Would import into "terms": 2 added, 0 updated, 0 unchanged, 1 skipped.',
        'Skipped:',
        `  ${csv}:2  the row has 3 columns where this file's rows have 2; is a separator missing, or one inside an unquoted field?`,
        'Nothing was written (--dry-run).',
        '',
      ].join('\n'),
    );
    const decks = (await cli(['decks', '--json', ...base])).json() as unknown as { name: string }[];
    expect(decks.map((d) => d.name)).not.toContain('terms');
    const real = (await cli(['import', csv, '--json', ...base])).json();
    expect(real).toMatchObject({ deck: 'terms', added: 2, skipped: [{ file: csv, line: 2 }] });
  });

  it('refuses bad calls and bad files with a message naming them', async () => {
    const { dir, base } = workspace();
    expect(await cli(['import', ...base])).toMatchObject({ status: 2, err: expect.stringContaining('"import" needs a file or folder') });
    const missing = join(dir, 'nope.csv');
    expect(await cli(['import', missing, ...base])).toMatchObject({ status: 1, err: `${missing}: there is no such file or folder.\n` });
    writeFileSync(join(dir, 'x.csv'), 'a,b\n');
    expect(await cli(['import', join(dir, 'x.csv'), '--deck', '  ', ...base])).toMatchObject({ status: 1, err: expect.stringContaining('The deck name is empty') });
  });
});

describe('export', () => {
  it.each(['json', 'csv', 'tsv', 'apkg'] as const)('writes %s that imports back into a fresh collection', async (format) => {
    const { dir, base } = workspace();
    await cli(['import', NOTES, '--deck', 'AWS notes', ...base]);
    const out = join(dir, `aws.${format}`);
    const exported = await cli(['export', '--deck', 'AWS notes', '--format', format, '--out', out, '--json', ...base]);
    expect(exported.status, exported.err).toBe(0);
    const value = exported.json();
    expect(value).toMatchObject({ deck: 'AWS notes', format, out });
    expect(existsSync(out)).toBe(true);

    const other = workspace();
    const back = (await cli(['import', out, '--json', ...other.base])).json();
    expect(back).toMatchObject({ deck: 'AWS notes', added: value.cards, updated: 0, skipped: [] });
    // The same file into the collection it came from: all unchanged.
    expect((await cli(['import', out, '--json', ...base])).json()).toMatchObject({ added: 0, updated: 0, unchanged: value.cards });
  });

  it('takes the format from the file name and refuses contradictions', async () => {
    const { dir, db, base } = workspace();
    await cli(['import', NOTES, '--deck', 'AWS notes', ...base]);
    const ok = await cli(['export', '--deck', 'AWS notes', '--out', join(dir, 'a.tsv'), ...base]);
    expect(ok.out).toMatch(/^Exported "AWS notes": \d+ cards of \d+ notes to .*a\.tsv\.\n$/);
    expect(readFileSync(join(dir, 'a.tsv'), 'utf8').startsWith('#separator:tab\n#html:true\n')).toBe(true);
    expect(await cli(['export', '--deck', 'AWS notes', '--out', join(dir, 'a.txt'), ...base])).toMatchObject({ status: 2, err: expect.stringContaining('needs --format json|csv|tsv|apkg') });
    expect(await cli(['export', '--deck', 'AWS notes', '--format', 'csv', '--out', join(dir, 'a.json'), ...base])).toMatchObject({ status: 2, err: expect.stringContaining('ends in .json but --format is csv') });
    expect(await cli(['export', '--deck', 'AWS notes', '--format', 'xml', '--out', join(dir, 'a.xml'), ...base])).toMatchObject({ status: 2, err: expect.stringContaining('"xml" is not a format') });
    expect(await cli(['export', '--out', join(dir, 'a.json'), ...base])).toMatchObject({ status: 2, err: expect.stringContaining('needs --deck') });
    expect(await cli(['export', '--deck', 'Nope', '--out', join(dir, 'a.json'), ...base])).toMatchObject({ status: 1, err: expect.stringContaining('There is no deck called "Nope"') });
    expect(await cli(['export', '--deck', 'AWS notes', '--format', 'json', '--out', db, ...base])).toMatchObject({ status: 1, err: expect.stringContaining('is the collection itself') });
    mkdirSync(join(dir, 'folder.json'));
    const intoFolder = await cli(['export', '--deck', 'AWS notes', '--out', join(dir, 'folder.json'), ...base]);
    expect(intoFolder).toMatchObject({ status: 1, err: expect.stringContaining('could not be written (it is a folder); nothing was exported.') });
    expect(await cli(['export', '--deck', 'AWS notes', '--out', join(dir, 'missing', 'a.json'), ...base])).toMatchObject({ status: 1, err: expect.stringContaining('its folder does not exist') });
  });
});
