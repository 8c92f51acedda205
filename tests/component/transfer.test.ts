// Import with the fake api: the Open dialog (menu, deck list), the preview (counts that filter the
// table, rows paged on demand, the deck field, notices), nothing written before Import, progress,
// the summary and its Study button, a re-import that changes nothing, a bad file's sentence, drops
// of files on the window, and Esc at every step.
import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import type { Command, ImportProgress, StratusShell } from '../../electron/shared/contract';
import App from '../../renderer/src/App.svelte';
import { i18n } from '../../renderer/src/lib/i18n.svelte';
import { FakeApi } from './fakeApi';
import type { FakeFile } from './fakeTransfer';
import { installDomStubs } from './browseHelpers';
import { settle } from './helpers';

installDomStubs();

const NOTES = '/home/sam/notes/shared-responsibility.md';
const CSV = '/home/sam/quizlet.csv';

const notes = (): FakeFile => ({
  deck: 'Shared Responsibility Model',
  cards: [
    { front: 'Security of the cloud', back: 'AWS protects the infrastructure that runs the services.' },
    { front: 'Security in the cloud', back: 'The customer secures what they put in the cloud.' },
    { front: 'Inherited controls', back: 'Controls a customer fully inherits from AWS.' },
  ],
  skipped: [
    { line: 17, reason: 'image' },
    { line: 36, reason: 'sources section' },
  ],
  notices: ['2 media files were skipped.'],
});

/** A desktop shell the test drives: menu commands, import progress, paths of dropped Files. */
class FakeShell implements StratusShell {
  readonly paths = new Map<File, string>();
  #command: ((c: Command) => void) | null = null;
  #progress: ((p: ImportProgress) => void) | null = null;
  onCommand(listener: (c: Command) => void) {
    this.#command = listener;
    return () => (this.#command = null);
  }
  setMenuLanguage(): void {}
  pathForFile(file: File): string {
    return this.paths.get(file) ?? '';
  }
  onImportProgress(listener: (p: ImportProgress) => void) {
    this.#progress = listener;
    return () => (this.#progress = null);
  }
  async send(command: Command) {
    this.#command?.(command);
    await settle(10);
  }
  progress(p: ImportProgress) {
    this.#progress?.(p);
  }
}

function setup(files: Record<string, FakeFile> = { [NOTES]: notes() }) {
  const api = new FakeApi();
  for (const [path, file] of Object.entries(files)) api.transfer.files.set(path, file);
  const shell = new FakeShell();
  render(App, { props: { api, shell } });
  return { api, shell };
}

const dialog = () => screen.getByTestId('import-dialog');
const rows = () => screen.queryAllByTestId('import-row');
const count = (f: string) => screen.getByTestId(`count-${f}`).querySelector('.value')!.textContent;

/** The deck list's Import… button, answered with these paths. */
async function importFrom(api: FakeApi, paths: string[]) {
  api.transfer.queueOpen(paths);
  await fireEvent.click(await screen.findByTestId('import-files'));
  await settle(10);
}

describe('import: the preview', () => {
  it('opens the Open dialog from File → Import…; cancelling it changes nothing', async () => {
    const { api, shell } = setup();
    await screen.findAllByTestId('deck-row');
    await shell.send('file:import');
    expect(api.calls.find((c) => c.method === 'chooseImportFiles')?.args).toEqual([{ folder: false }]);
    expect(screen.queryByTestId('import-dialog')).toBeNull();
    expect(api.count('previewImport')).toBe(0);
  });

  it('shows what would be added and skipped, with reasons and lines, before anything is written', async () => {
    const { api } = setup();
    await screen.findAllByTestId('deck-row');
    await importFrom(api, [NOTES]);

    expect(api.calls.find((c) => c.method === 'previewImport')?.args).toEqual([{ paths: [NOTES] }]);
    expect(dialog().querySelector('.subtitle')?.textContent).toBe('shared-responsibility.md');
    expect(count('add')).toBe('3');
    expect(count('update')).toBe('0');
    expect(count('unchanged')).toBe('0');
    expect(count('skip')).toBe('2');
    expect(count('all')).toBe('5');

    expect(rows().map((r) => r.dataset.action)).toEqual(['add', 'add', 'add', 'skip', 'skip']);
    expect(rows()[0]!.textContent).toContain('Security of the cloud');
    expect(rows()[0]!.textContent).toContain('AWS protects the infrastructure');
    expect(rows()[0]!.textContent).toContain('shared-responsibility.md:1');
    expect(within(rows()[3]!).getByTestId('skip-reason').textContent).toContain('image');
    expect(rows()[3]!.textContent).toContain('shared-responsibility.md:17');
    expect(screen.getByTestId('import-notices').textContent).toContain('2 media files were skipped.');

    const deck = screen.getByTestId('import-deck') as HTMLInputElement;
    expect(deck.value).toBe('Shared Responsibility Model');
    expect(screen.getByTestId('import-deck-hint').textContent).toContain('A new deck; it is created when you import.');
    expect(screen.getByTestId('rows-shown').textContent).toBe('Showing 5 of 5 rows');

    const apply = screen.getByTestId('import-apply') as HTMLButtonElement;
    expect(apply.textContent?.trim()).toBe('Import 3 cards');
    expect(document.activeElement).toBe(apply);
    // Nothing was written: no import, and the deck list is as it was.
    expect(api.count('applyImport')).toBe(0);
    expect(api.decks.map((d) => d.name)).toEqual(['AWS Solutions Architect', 'Azure Fundamentals']);
  });

  it('filters the table by action and loads more rows on demand', async () => {
    const many: FakeFile = {
      deck: 'Big deck',
      cards: Array.from({ length: 450 }, (_, i) => ({ front: `Term ${i + 1}`, back: `Definition ${i + 1}` })),
      skipped: [{ line: 999, reason: 'empty definition' }],
    };
    const { api } = setup({ '/data/big.csv': many });
    await screen.findAllByTestId('deck-row');
    await importFrom(api, ['/data/big.csv']);

    expect(rows()).toHaveLength(200);
    expect(screen.getByTestId('rows-shown').textContent).toBe('Showing 200 of 451 rows');
    await fireEvent.click(screen.getByTestId('rows-more'));
    await settle(10);
    expect(rows()).toHaveLength(400);
    expect(api.calls.filter((c) => c.method === 'importPreviewRows').at(-1)?.args[0]).toMatchObject({ offset: 200, limit: 200 });
    expect(screen.getByTestId('rows-more').textContent?.trim()).toBe('Show 51 more');
    await fireEvent.click(screen.getByTestId('rows-more'));
    await settle(10);
    expect(rows()).toHaveLength(451);
    expect(screen.queryByTestId('rows-more')).toBeNull();

    // The Skipped count shows only what was skipped.
    await fireEvent.click(screen.getByTestId('count-skip'));
    await settle(10);
    expect(screen.getByTestId('count-skip').getAttribute('aria-pressed')).toBe('true');
    expect(api.calls.filter((c) => c.method === 'importPreviewRows').at(-1)?.args[0]).toMatchObject({ offset: 0, action: 'skip' });
    expect(rows().map((r) => r.dataset.action)).toEqual(['skip']);
    expect(rows()[0]!.textContent).toContain('big.csv:999');
    // Counts with nothing behind them can't be chosen.
    expect((screen.getByTestId('count-update') as HTMLButtonElement).disabled).toBe(true);
    await fireEvent.click(screen.getByTestId('count-all'));
    await settle(10);
    expect(rows()).toHaveLength(200);
  });

  it('plans again when another deck is typed, and drops the old preview', async () => {
    const { api } = setup();
    await screen.findAllByTestId('deck-row');
    await importFrom(api, [NOTES]);
    const first = (api.calls.find((c) => c.method === 'previewImport') && api.transfer.previews.keys().next().value)!;

    const deck = screen.getByTestId('import-deck') as HTMLInputElement;
    await fireEvent.input(deck, { target: { value: 'AWS Solutions Architect' } });
    await fireEvent.keyDown(deck, { key: 'Enter' });
    await fireEvent.change(deck);
    await settle(10);

    const previews = api.calls.filter((c) => c.method === 'previewImport');
    expect(previews).toHaveLength(2); // Enter and the change that follows it ask once
    expect(previews[1]!.args).toEqual([{ paths: [NOTES], deck: 'AWS Solutions Architect' }]);
    expect(api.transfer.cancelled).toEqual([first]);
    expect(screen.getByTestId('import-deck-hint').textContent).toContain('New cards are added to this deck.');
    expect((screen.getByTestId('import-deck') as HTMLInputElement).value).toBe('AWS Solutions Architect');
  });

  it('shows the core’s sentence for a file it can’t read, and nothing changes', async () => {
    const bad = '/home/sam/broken.apkg';
    const { api } = setup({ [bad]: { deck: '', cards: [], error: `${bad}: this is not an Anki package (it is not a zip file); export the deck from Anki again.` } });
    await screen.findAllByTestId('deck-row');
    await importFrom(api, [bad]);

    const error = screen.getByTestId('import-error');
    expect(error.getAttribute('role')).toBe('alert');
    expect(screen.getByTestId('import-error-message').textContent).toBe(
      `${bad}: this is not an Anki package (it is not a zip file); export the deck from Anki again.`,
    );
    expect(error.textContent).toContain('Nothing was imported; your collection is as it was.');
    expect(screen.queryByTestId('import-apply')).toBeNull();
    expect(document.activeElement).toBe(screen.getByTestId('import-choose'));
    expect(api.count('applyImport')).toBe(0);

    // Choosing another file from there goes on to its preview.
    api.transfer.files.set(NOTES, notes());
    api.transfer.queueOpen([NOTES]);
    await fireEvent.click(screen.getByTestId('import-choose'));
    await settle(10);
    expect(count('add')).toBe('3');
  });

  it('Esc and Cancel drop the preview without importing', async () => {
    const { api } = setup();
    await screen.findAllByTestId('deck-row');
    await importFrom(api, [NOTES]);
    await fireEvent.keyDown(dialog(), { key: 'Escape' });
    await settle(5);
    expect(screen.queryByTestId('import-dialog')).toBeNull();
    expect(api.transfer.cancelled).toHaveLength(1);
    expect(api.count('applyImport')).toBe(0);

    await importFrom(api, [NOTES]);
    await fireEvent.click(screen.getByTestId('import-cancel'));
    await settle(5);
    expect(screen.queryByTestId('import-dialog')).toBeNull();
    expect(api.transfer.cancelled).toHaveLength(2);
  });
});

describe('import: writing it', () => {
  it('imports, shows the summary, lists the new deck, and studies it', async () => {
    const { api } = setup();
    await screen.findAllByTestId('deck-row');
    await importFrom(api, [NOTES]);
    await fireEvent.click(screen.getByTestId('import-apply'));
    await settle(10);

    expect(api.count('applyImport')).toBe(1);
    expect(screen.getByRole('heading', { name: 'Import complete' })).toBeTruthy();
    expect(screen.getByTestId('summary-deck').textContent).toBe('Imported into Shared Responsibility Model');
    expect(screen.getByTestId('summary-added').textContent).toBe('3');
    expect(screen.getByTestId('summary-updated').textContent).toBe('0');
    expect(screen.getByTestId('summary-unchanged').textContent).toBe('0');
    expect(screen.getByTestId('summary-skipped').textContent).toBe('2');
    expect(screen.getByText('What was skipped (2 items)')).toBeTruthy();
    const study = screen.getByTestId('import-study');
    expect(study.textContent?.trim()).toBe('Study Shared Responsibility Model');
    expect(document.activeElement).toBe(study);

    // The deck list behind the summary already shows the new deck.
    await waitFor(() => expect(screen.getAllByTestId('deck-row').map((r) => r.querySelector('.deck-name')?.textContent?.trim())).toContain('Shared Responsibility Model'));

    await fireEvent.click(study);
    await settle(10);
    expect(screen.queryByTestId('import-dialog')).toBeNull();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Shared Responsibility Model');
    const deckId = api.decks.find((d) => d.name === 'Shared Responsibility Model')!.id;
    expect(api.calls.filter((c) => c.method === 'nextCard').at(-1)?.args).toEqual([{ deckId }]);
  });

  it('a second import of the same file finds everything unchanged and offers nothing to import', async () => {
    const { api } = setup();
    await screen.findAllByTestId('deck-row');
    await importFrom(api, [NOTES]);
    await fireEvent.click(screen.getByTestId('import-apply'));
    await settle(10);
    await fireEvent.click(screen.getByTestId('import-close'));
    await settle(5);

    await importFrom(api, [NOTES]);
    expect(count('add')).toBe('0');
    expect(count('unchanged')).toBe('3');
    expect(rows().filter((r) => r.dataset.action === 'unchanged')).toHaveLength(3);
    const apply = screen.getByTestId('import-apply') as HTMLButtonElement;
    expect(apply.disabled).toBe(true);
    expect(apply.textContent?.trim()).toBe('Nothing to import');
    expect(screen.getByTestId('import-nothing').textContent).toBe('Everything in these files is already in your collection.');
    expect(screen.getByTestId('import-deck-hint').textContent).toContain('Cards you already have stay in their deck.');
  });

  it('shows progress while importing, ignores Esc meanwhile, and keeps the preview when the import fails', async () => {
    const { api, shell } = setup();
    await screen.findAllByTestId('deck-row');
    await importFrom(api, [NOTES]);

    api.hold('applyImport');
    await fireEvent.click(screen.getByTestId('import-apply'));
    await settle(5);
    // Until main reports, the bar is indeterminate (no value) and the dialog is busy.
    const bar = () => screen.getByRole('progressbar', { name: 'Import progress' });
    expect(bar().getAttribute('aria-valuenow')).toBeNull();
    expect(dialog().querySelector('[aria-busy="true"]')).not.toBeNull();
    shell.progress({ done: 1000, total: 4000 });
    await settle(2);
    expect(bar().getAttribute('aria-valuenow')).toBe('1000');
    expect(bar().getAttribute('aria-valuemax')).toBe('4000');
    expect(screen.getByTestId('progress').textContent).toContain('1,000 of 4,000 notes');
    await fireEvent.keyDown(dialog(), { key: 'Escape' });
    expect(screen.getByTestId('import-dialog')).toBeTruthy();
    expect((screen.getByTestId('import-cancel') as HTMLButtonElement).disabled).toBe(true);
    api.release('applyImport');
    await settle(10);
    expect(screen.getByTestId('import-summary')).toBeTruthy();

    // A failed import: main wrote nothing and kept the preview, so it can be tried again.
    await fireEvent.click(screen.getByTestId('import-close'));
    api.transfer.files.set(CSV, { deck: 'Quizlet', cards: [{ front: 'VPC', back: 'Virtual Private Cloud' }] });
    await importFrom(api, [CSV]);
    api.failNext('applyImport', 'The collection is locked by another program; close it and try again.');
    await fireEvent.click(screen.getByTestId('import-apply'));
    await settle(10);
    expect(screen.getByTestId('import-apply-error').textContent).toBe('The collection is locked by another program; close it and try again.');
    expect(count('add')).toBe('1');
    await fireEvent.click(screen.getByTestId('import-apply'));
    await settle(10);
    expect(screen.getByTestId('summary-added').textContent).toBe('1');
  });
});

describe('import: dropping files on the window', () => {
  function drag(type: string, files: File[]) {
    const event = new Event(type, { bubbles: true, cancelable: true });
    Object.defineProperty(event, 'dataTransfer', { value: { types: ['Files'], files, dropEffect: 'none' } });
    window.dispatchEvent(event);
    return event;
  }

  it('shows the drop target while files hover and previews what was dropped', async () => {
    const { api, shell } = setup({ [NOTES]: notes(), [CSV]: { deck: 'Quizlet', cards: [{ front: 'VPC', back: 'Virtual Private Cloud' }] } });
    await screen.findAllByTestId('deck-row');
    const files = [new File([''], 'shared-responsibility.md'), new File([''], 'quizlet.csv')];
    shell.paths.set(files[0]!, NOTES);
    shell.paths.set(files[1]!, CSV);

    const over = drag('dragenter', files);
    expect(over.defaultPrevented).toBe(true);
    drag('dragover', files);
    await settle(2);
    expect(screen.getByTestId('drop-overlay').textContent).toContain('Drop to import');
    drag('dragleave', files);
    await settle(2);
    expect(screen.queryByTestId('drop-overlay')).toBeNull();

    drag('dragenter', files);
    drag('dragover', files);
    drag('drop', files);
    await settle(10);
    expect(screen.queryByTestId('drop-overlay')).toBeNull();
    expect(api.calls.find((c) => c.method === 'previewImport')?.args).toEqual([{ paths: [NOTES, CSV] }]);
    expect(dialog().querySelector('.subtitle')?.textContent).toBe('shared-responsibility.md and 1 more');
    expect(count('add')).toBe('4');
    // The files name two decks: the deck field is empty and says so.
    expect((screen.getByTestId('import-deck') as HTMLInputElement).value).toBe('');
    expect(screen.getByTestId('import-deck-hint').textContent).toContain('The files name 2 decks: Shared Responsibility Model, Quizlet.');

    // Another drop while the dialog is open is not taken.
    drag('drop', files);
    await settle(5);
    expect(api.count('previewImport')).toBe(1);
  });

  it('says so when what was dropped is not a file on disk', async () => {
    const { api } = setup();
    await screen.findAllByTestId('deck-row');
    drag('drop', [new File(['x'], 'made-by-a-page.txt')]);
    await settle(5);
    expect(screen.getByRole('alert').textContent).toContain('Only files and folders from your computer can be imported');
    expect(api.count('previewImport')).toBe(0);
  });

  it('speaks Dutch in the preview', async () => {
    const { api } = setup();
    await screen.findAllByTestId('deck-row');
    i18n.use('nl'); // after the app applied its stored setting ('system', English here)
    await importFrom(api, [NOTES]);
    expect(screen.getByTestId('import-apply').textContent?.trim()).toBe('3 kaarten importeren');
    expect(screen.getByTestId('import-deck-hint').textContent).toContain('Een nieuw deck; het wordt aangemaakt als je importeert.');
    expect(screen.getByTestId('count-skip').textContent).toContain('Overgeslagen');
  });
});
