// Export with the fake api: from a deck row and from File → Export…, the deck and format choices,
// the Save dialog (cancelled, or a path), the confirmation with the path, and the core's sentence
// when writing fails.
import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import type { Command, StratusShell } from '../../electron/shared/contract';
import App from '../../renderer/src/App.svelte';
import { DECK_ID, EMPTY_DECK_ID, FakeApi } from './fakeApi';
import { installDomStubs } from './browseHelpers';
import { settle } from './helpers';

installDomStubs();

function setup() {
  const api = new FakeApi();
  let listener: ((c: Command) => void) | null = null;
  const shell: StratusShell = {
    onCommand: (l) => {
      listener = l;
      return () => (listener = null);
    },
    setMenuLanguage: () => {},
    pathForFile: () => '',
    onImportProgress: () => () => {},
  };
  render(App, { props: { api, shell } });
  return { api, send: async (c: Command) => (listener?.(c), await settle(10)) };
}

const deckSelect = () => screen.getByTestId('export-deck') as HTMLSelectElement;

describe('export', () => {
  it('exports a deck row’s deck as CSV to the path chosen in the Save dialog', async () => {
    const { api } = setup();
    // The row's Export… names its deck for screen readers (its visible label first).
    expect((await screen.findByTestId(`export-${EMPTY_DECK_ID}`)).textContent?.trim()).toBe('Export…');
    await fireEvent.click(screen.getByRole('button', { name: 'Export… Azure Fundamentals' }));
    expect(screen.getByRole('heading', { name: 'Export a deck' })).toBeTruthy();
    expect(deckSelect().value).toBe(String(EMPTY_DECK_ID));
    expect(document.activeElement).toBe(deckSelect());
    expect((screen.getByTestId('export-format-json') as HTMLInputElement).checked).toBe(true);
    expect(screen.queryByTestId('export-scheduling')).toBeNull();

    await fireEvent.click(screen.getByTestId('export-format-csv'));
    api.transfer.queueSave('/home/sam/Documents/Azure Fundamentals.csv');
    await fireEvent.click(screen.getByTestId('export-save'));
    await settle(10);

    expect(api.calls.find((c) => c.method === 'chooseExportFile')?.args).toEqual([{ format: 'csv', deckName: 'Azure Fundamentals' }]);
    expect(api.transfer.exports).toEqual([{ deckId: EMPTY_DECK_ID, format: 'csv', path: '/home/sam/Documents/Azure Fundamentals.csv' }]);
    expect(screen.getByRole('heading', { name: 'Deck exported' })).toBeTruthy();
    expect(screen.getByTestId('export-done').textContent).toContain('Azure Fundamentals: 40 cards exported.');
    expect(screen.getByTestId('export-path').textContent).toBe('/home/sam/Documents/Azure Fundamentals.csv');
    const done = screen.getByTestId('export-close');
    expect(document.activeElement).toBe(done);
    await fireEvent.click(done);
    expect(screen.queryByTestId('export-dialog')).toBeNull();
  });

  it('File → Export… keeps the choices when the Save dialog is cancelled; .apkg can leave out scheduling', async () => {
    const { api, send } = setup();
    await screen.findAllByTestId('deck-row');
    await send('file:export');
    expect(deckSelect().value).toBe(String(DECK_ID));

    await fireEvent.click(screen.getByTestId('export-format-apkg'));
    const scheduling = screen.getByTestId('export-scheduling') as HTMLInputElement;
    expect(scheduling.checked).toBe(true);
    await fireEvent.click(scheduling);

    // Cancel in the Save dialog: back to the form, nothing written.
    await fireEvent.click(screen.getByTestId('export-save'));
    await settle(10);
    expect(api.count('chooseExportFile')).toBe(1);
    expect(api.count('exportDeck')).toBe(0);
    expect((screen.getByTestId('export-format-apkg') as HTMLInputElement).checked).toBe(true);
    expect((screen.getByTestId('export-save') as HTMLButtonElement).disabled).toBe(false);

    api.transfer.queueSave('/tmp/aws.apkg');
    await fireEvent.click(screen.getByTestId('export-save'));
    await settle(10);
    expect(api.transfer.exports).toEqual([{ deckId: DECK_ID, format: 'apkg', path: '/tmp/aws.apkg', includeScheduling: false }]);
  });

  it('shows the core’s sentence when the file can’t be written, and Esc closes', async () => {
    const { api, send } = setup();
    await screen.findAllByTestId('deck-row');
    await send('file:export');
    api.transfer.queueSave('/read-only/aws.json');
    api.failNext('exportDeck', '/read-only/aws.json could not be written: permission denied.');
    await fireEvent.click(screen.getByTestId('export-save'));
    await settle(10);
    expect(screen.getByTestId('export-error').textContent).toBe('/read-only/aws.json could not be written: permission denied.');
    expect(screen.getByTestId('export-dialog')).toBeTruthy();

    await fireEvent.keyDown(screen.getByTestId('export-dialog'), { key: 'Escape' });
    await settle(2);
    expect(screen.queryByTestId('export-dialog')).toBeNull();
  });
});
