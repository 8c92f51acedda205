// The core's sentences (electron/core/messages.ts) and the renderer's catalogues of them
// (renderer/src/locales/{en,nl}/core.json): every id is in both catalogues with the same
// {{placeholders}}, the English catalogue is the core's own English, and an error made with msg()
// keeps its English sentence while carrying id and params across IPC.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatMessage, isCoreMessage, MESSAGES, msg } from '../../electron/core/messages';
import { InvalidArgumentError, NotFoundError, CollectionError } from '../../electron/core/errors';
import { ImportFileError } from '../../electron/core/import/text';
import { markdownSkipMessage } from '../../electron/core/import/markdown';
import { compileQuery } from '../../electron/core/search';
import { registerIpc, type Handlers, type IpcEventLike } from '../../electron/main/ipc';
import { CHANNEL_PREFIX } from '../../electron/shared/contract';
import { sampleCollection } from './helpers';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

const catalogue = (lang: 'en' | 'nl') => flatten(JSON.parse(readFileSync(resolve('renderer/src/locales', lang, 'core.json'), 'utf8')) as Tree);
const catalogues = { en: catalogue('en'), nl: catalogue('nl') };
const placeholders = (s: string) => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();
const ids = Object.keys(MESSAGES);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const path = join(dir, f);
    return statSync(path).isDirectory() ? files(path) : f.endsWith('.ts') ? [path] : [];
  });
}

describe('core message catalogues', () => {
  it('have every core message id in English and Dutch, and nothing else', () => {
    for (const lang of ['en', 'nl'] as const) {
      expect(ids.filter((id) => !catalogues[lang].has(id)), `missing in ${lang}`).toEqual([]);
      expect([...catalogues[lang].keys()].filter((k) => !(k in MESSAGES)), `unknown in ${lang}`).toEqual([]);
    }
  });

  it('keep the core template’s placeholders in both languages', () => {
    for (const [id, template] of Object.entries(MESSAGES)) {
      expect(placeholders(catalogues.en.get(id) ?? ''), `en ${id}`).toEqual(placeholders(template));
      expect(placeholders(catalogues.nl.get(id) ?? ''), `nl ${id}`).toEqual(placeholders(template));
    }
  });

  it('use the core’s own English in the English catalogue', () => {
    for (const [id, template] of Object.entries(MESSAGES)) expect(catalogues.en.get(id), id).toBe(template);
  });

  it('write no literal "{{" that i18next would read as a placeholder, and no empty Dutch', () => {
    for (const [id, template] of Object.entries(MESSAGES)) {
      expect(template.replace(/\{\{\w+\}\}/g, ''), id).not.toMatch(/\{\{|\}\}/);
      expect(catalogues.nl.get(id)!.replace(/\{\{\w+\}\}/g, ''), `nl ${id}`).not.toMatch(/\{\{|\}\}/);
      expect(catalogues.nl.get(id)!.trim(), `nl ${id}`).not.toBe('');
    }
  });

  it('have both plural forms wherever one is used', () => {
    for (const id of ids) {
      const base = id.replace(/_(one|other)$/, '');
      if (base !== id) expect([`${base}_one` in MESSAGES, `${base}_other` in MESSAGES], id).toEqual([true, true]);
    }
  });

  it('has every id used somewhere outside messages.ts (no dead sentences)', () => {
    // Everything under electron/ except the table itself (messages.ts's helpers count).
    const source = files(resolve('electron'))
      .map((f) => readFileSync(f, 'utf8'))
      .map((text) => text.replace(/export const MESSAGES = \{[\s\S]*?\} as const/, ''))
      .join('\n');
    const unused = [...new Set(ids.map((id) => id.replace(/_(one|other)$/, '')))].filter((id) => !source.includes(`'${id}'`));
    expect(unused).toEqual([]);
  });
});

describe('msg()', () => {
  it('fills in params, nested messages, English digit grouping and plurals', () => {
    expect(msg('deck.exists', { name: 'AWS' }).text).toBe('There is already a deck called "AWS".');
    expect(msg('note.fieldTooLong', { field: '2', max: 200_000 }).text).toBe('Field 2 is longer than 200,000 characters.');
    expect(msg('check.badTags', { count: 1 }).text).toBe('1 note had badly separated tags; tidied.');
    expect(msg('check.badTags', { count: 3 }).text).toBe('3 notes had badly separated tags; tidied.');
    const nested = msg('file.lineDetail', { file: 'a.csv', line: '4', detail: msg('import.csv.badHtml', { value: 'yes' }) });
    expect(nested.text).toBe('a.csv, line 4: "#html:" must be true or false, not "yes".');
    expect(nested.params.detail).toMatchObject({ id: 'import.csv.badHtml', params: { value: 'yes' } });
    expect(msg('note.clozeEmpty', { example: '{{c1::answer}}' }).text).toBe('The cloze text has no deletion; mark one like {{c1::answer}}.');
    expect(() => formatMessage('no.such.id')).toThrow(/Unknown core message/);
    expect(isCoreMessage(nested)).toBe(true);
    expect(isCoreMessage('text')).toBe(false);
  });

  it('makes errors whose English is unchanged and which carry id and params', () => {
    const e = new InvalidArgumentError(msg('deck.nameTooLong', { max: 200 }));
    expect(e.message).toBe('A deck name can be at most 200 characters long.');
    expect([e.id, e.params, e.coreMessage?.text]).toEqual(['deck.nameTooLong', { max: 200 }, e.message]);
    // Plain strings still work (parts of the core that have not adopted messages yet).
    expect(new NotFoundError('Plain.').coreMessage).toBeNull();
    const c = new CollectionError('/x.stratus', msg('collection.notStratus'));
    expect(c.message).toBe('/x.stratus: is not a Stratus collection.');
    expect(c.coreMessage).toMatchObject({ id: 'file.detail', params: { file: '/x.stratus', detail: { id: 'collection.notStratus' } } });
    const f = new ImportFileError('a.md', 3, msg('import.text.notUtf8'));
    expect([f.message, f.detail, f.detailMessage?.id]).toEqual([
      'a.md, line 3: the file is not valid UTF-8 text; save it as UTF-8 and import it again.',
      'the file is not valid UTF-8 text; save it as UTF-8 and import it again.',
      'import.text.notUtf8',
    ]);
  });

  it('turns the Markdown generator’s skip labels into messages, and leaves unknown ones English', () => {
    expect(markdownSkipMessage('link only')).toMatchObject({ id: 'import.skip.md.linkOnly', text: 'link only' });
    expect(markdownSkipMessage('duplicate of the card on line 12')).toMatchObject({ id: 'import.skip.md.duplicate', params: { line: '12' } });
    expect(markdownSkipMessage('term: placeholder')).toMatchObject({ id: 'import.skip.md.kindJunk', text: 'term: placeholder' });
    expect(markdownSkipMessage('something new')).toBeNull();
  });
});

describe('core messages over IPC', () => {
  const ours: IpcEventLike = { sender: { id: 'ours' }, senderFrame: { url: 'app://stratus/' } };

  function call(handler: (...args: unknown[]) => unknown) {
    const channels = new Map<string, (event: IpcEventLike, ...args: unknown[]) => unknown>();
    const handlers = new Proxy({}, { get: () => handler }) as Handlers;
    registerIpc({ handle: (c, l) => channels.set(c, l) }, handlers, (e) => e === ours, () => undefined);
    return (name: string, event: IpcEventLike, ...args: unknown[]) => channels.get(CHANNEL_PREFIX + name)!(event, ...args);
  }

  it('sends the English sentence with the id and params of a search mistake', async () => {
    const { db } = sampleCollection(Date.UTC(2026, 0, 1));
    let thrown: unknown;
    try {
      compileQuery(db, 'colour:red', Date.UTC(2026, 0, 1));
    } catch (err) {
      thrown = err;
    }
    db.close();
    expect(thrown).toBeInstanceOf(InvalidArgumentError);
    const reply = await call(() => {
      throw thrown;
    })('listDecks', ours);
    expect(reply).toEqual({
      ok: false,
      error: {
        code: 'invalid-argument',
        message: expect.stringMatching(/^"colour:red": "colour:" is not a search key \(use deck:, tag:/),
        id: 'search.unknownKey',
        params: { text: 'colour:red', key: 'colour', keys: expect.stringContaining('deck:') },
      },
    });
  });

  it('words refused senders, bad arguments and internal failures as core messages', async () => {
    const send = call(() => {
      throw new Error('boom');
    });
    expect(await send('listDecks', { sender: { id: 'evil' }, senderFrame: null })).toMatchObject({ ok: false, error: { id: 'ipc.untrusted' } });
    expect(await send('nextCard', ours, { deckId: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-argument', id: 'ipc.invalidRequest', params: { channel: 'nextCard', detail: expect.stringContaining('deckId') } },
    });
    expect(await send('listDecks', ours)).toEqual({
      ok: false,
      error: { code: 'internal', message: 'Something went wrong inside Stratus; your data was not changed.', id: 'ipc.internal', params: {} },
    });
  });
});
