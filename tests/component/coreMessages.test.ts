// Sentences made in the core, said in the UI's language: errorMessage() and coreText() translate
// a core message (its id under `core.` in locales/<lang>/core.json, nested params translated,
// numbers in the UI's locale), find it again for an Error that crossed the context bridge with
// only its message, and fall back to the English for ids they don't know. The card browser shows
// a bad search in Dutch.
import { afterEach, describe, expect, it } from 'vitest';
import { screen, fireEvent, waitFor } from '@testing-library/svelte';
import { msg } from '../../electron/core/messages';
import { coreSentence, coreText, errorMessage, useCoreMessageLookup } from '../../renderer/src/lib/format';
import { i18n } from '../../renderer/src/lib/i18n.svelte';
import { FakeApi } from './fakeApi';
import { installDomStubs, openView, rowIds } from './browseHelpers';
import { settle } from './helpers';

installDomStubs();

/** What the preload does: an Error with the English message, whose id and params it remembers. */
function acrossTheBridge(said: ReturnType<typeof msg>): Error {
  useCoreMessageLookup((message) => (message === said.text ? said : null));
  return new Error(said.text);
}

afterEach(() => {
  useCoreMessageLookup(null);
  i18n.use('en');
});

describe('core messages in the UI language', () => {
  it('translates an error by its id, nested messages and numbers included', () => {
    const said = msg('file.lineDetail', { file: 'kaarten.csv', line: '12', detail: msg('import.text.lineTooLong', { length: 250_000, max: 200_000 }) });
    const error = Object.assign(new Error(said.text), { id: said.id, params: said.params });
    expect(errorMessage(error)).toBe('kaarten.csv, line 12: the line is 250,000 characters long, more than the 200,000 allowed; is this really a text file?');
    i18n.use('nl');
    expect(errorMessage(error)).toBe('kaarten.csv, regel 12: de regel is 250.000 tekens lang, meer dan de toegestane 200.000; is dit wel een tekstbestand?');
  });

  it('picks the Dutch plural by count', () => {
    i18n.use('nl');
    expect(coreText(msg('check.badTags', { count: 1 }))).toBe('1 notitie had slecht gescheiden labels; opgeschoond.');
    expect(coreText(msg('check.badTags', { count: 4 }))).toBe('4 notities hadden slecht gescheiden labels; opgeschoond.');
  });

  it('finds the message of an Error that kept only its English across the context bridge', () => {
    const error = acrossTheBridge(msg('deck.exists', { name: 'AWS::S3' }));
    i18n.use('nl');
    expect(errorMessage(error)).toBe('Er is al een deck met de naam "AWS::S3".');
    // Electron's prefix is stripped before the lookup.
    const prefixed = new Error(`Error invoking remote method 'stratus:createDeck': Error: ${error.message}`);
    expect(errorMessage(prefixed)).toBe('Er is al een deck met de naam "AWS::S3".');
  });

  it('falls back to the English for an unknown id or a plain error', () => {
    i18n.use('nl');
    expect(errorMessage(Object.assign(new Error('A sentence from the future.'), { id: 'future.thing', params: {} }))).toBe('A sentence from the future.');
    expect(errorMessage(new Error('That card is not the one being studied.'))).toBe('That card is not the one being studied.');
    expect(coreSentence('the file is empty.', null)).toBe('the file is empty.');
    expect(coreSentence('the file is empty.', msg('import.text.empty'))).toBe('het bestand is leeg.');
  });
});

describe('card browser in Dutch', () => {
  it('shows a mistake in the search query in Dutch under the search box', async () => {
    const api = new FakeApi();
    const said = msg('search.unknownKey', { text: 'colour:red', key: 'colour', keys: 'deck:, tag:, is:' });
    const search = api.searchCardIds.bind(api);
    api.searchCardIds = async (input) => {
      if (input.query === 'colour:red') throw acrossTheBridge(said);
      return search(input);
    };
    await openView('browse', api);
    await waitFor(() => expect(rowIds().length).toBeGreaterThan(0));
    const before = rowIds();
    i18n.use('nl');
    const input = screen.getByTestId('browse-search') as HTMLInputElement;
    await fireEvent.input(input, { target: { value: 'colour:red' } });
    await fireEvent.submit(input.closest('form')!);
    await settle(10);
    await waitFor(() =>
      expect(screen.getByTestId('query-error').textContent).toBe(
        '"colour:red": "colour:" is geen zoeksleutel (gebruik deck:, tag:, is:; schrijf \\: voor een gewone dubbele punt).',
      ),
    );
    expect(rowIds()).toEqual(before);
  });
});

describe('import preview in Dutch', () => {
  it('shows the core’s skip reasons and notices in Dutch, and unknown ones in English', async () => {
    const { render } = await import('@testing-library/svelte');
    const { default: App } = await import('../../renderer/src/App.svelte');
    const api = new FakeApi();
    const path = '/notes/aws.csv';
    const columns = msg('import.skip.columns', { count: 3, width: '2' });
    const media = msg('import.notice.media', { count: 2 });
    api.transfer.files.set(path, {
      deck: 'AWS',
      cards: [{ front: 'Region', back: 'A place' }],
      skipped: [
        { line: 2, reason: columns.text, reasonMessage: columns },
        { line: 5, reason: 'a reason from an older core' },
      ],
      notices: [media.text, 'A notice without a message.'],
      noticeMessages: [media],
    });
    const shell = { onCommand: () => () => undefined, setMenuLanguage: () => undefined, pathForFile: () => '', onImportProgress: () => () => undefined };
    render(App, { props: { api, shell } });
    await screen.findAllByTestId('deck-row');
    i18n.use('nl'); // after start-up, which applies the collection's language setting (the system's)
    api.transfer.queueOpen([path]);
    await fireEvent.click(await screen.findByTestId('import-files'));
    await settle(10);
    const reasons = screen.getAllByTestId('skip-reason').map((r) => r.textContent!.trim());
    expect(reasons).toEqual([
      'de rij heeft 3 kolommen, terwijl de rijen van dit bestand er 2 hebben; ontbreekt er een scheidingsteken, of staat er een in een veld zonder aanhalingstekens?',
      'a reason from an older core',
    ]);
    const notices = screen.getByTestId('import-notices').textContent!;
    expect(notices).toContain('2 mediabestanden zijn overgeslagen (afbeeldingen en geluiden worden nog niet geïmporteerd).');
    expect(notices).toContain('A notice without a message.');
  });
});
