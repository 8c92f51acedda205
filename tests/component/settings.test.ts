// Settings with the fake api: app settings applied at once (theme on <html>, language, font size)
// and at start-up, deck option presets (with the core's refusals), which decks use which preset,
// and backups, restore and the database check.
import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import App from '../../renderer/src/App.svelte';
import type { Command, StratusShell } from '../../electron/shared/contract';
import { i18n } from '../../renderer/src/lib/i18n.svelte';
import { appearance } from '../../renderer/src/lib/settings/appearance.svelte';
import { parseOption } from '../../renderer/src/lib/settings/settings.svelte';
import { FakeApi } from './fakeApi';
import { installDomStubs, openView, within } from './browseHelpers';
import { renderApp, settle } from './helpers';

installDomStubs();

async function openSettings(tab: 'general' | 'options' | 'backups' = 'general', api = new FakeApi()) {
  const rendered = await openView('settings', api);
  if (tab !== 'general') await fireEvent.click(screen.getByTestId(`settings-tab-${tab}`));
  await settle(10);
  return rendered;
}

const lastCall = (api: FakeApi, method: keyof FakeApi) => api.calls.filter((c) => c.method === method).at(-1)?.args[0];

describe('app settings', () => {
  it('applies the theme at once through data-theme on <html>, and stores it', async () => {
    const { api } = await openSettings();
    await fireEvent.click(screen.getByTestId('theme-dark'));
    await settle(10);
    expect(lastCall(api, 'updateAppSettings')).toEqual({ theme: 'dark' });
    expect(document.documentElement.getAttribute('data-theme')).toBe('dark');
    await fireEvent.click(screen.getByTestId('theme-light'));
    await settle(10);
    expect(document.documentElement.getAttribute('data-theme')).toBe('light');
    await fireEvent.click(screen.getByTestId('theme-system'));
    await settle(10);
    expect(document.documentElement.hasAttribute('data-theme')).toBe(false);
    expect(api.collection.state.settings.theme).toBe('system');
  });

  it('switches the language at once (the whole UI speaks Dutch)', async () => {
    const { api } = await openSettings();
    expect(screen.getByTestId('nav-settings').textContent?.trim()).toBe('Settings');
    await fireEvent.change(screen.getByTestId('language'), { target: { value: 'nl' } });
    await settle(10);
    expect(lastCall(api, 'updateAppSettings')).toEqual({ language: 'nl' });
    expect(i18n.lang).toBe('nl');
    expect(document.documentElement.lang).toBe('nl');
    expect(screen.getByTestId('nav-settings').textContent?.trim()).toBe('Instellingen');
    expect(screen.getByTestId('settings-tab-options').textContent?.trim()).toBe('Deckopties');
    await fireEvent.change(screen.getByTestId('language'), { target: { value: 'system' } });
    await settle(10);
    expect(i18n.lang).toBe('en'); // jsdom's system language
  });

  it('sets the text size for the whole app when the slider is let go', async () => {
    const { api } = await openSettings();
    const slider = screen.getByTestId('font-size');
    await fireEvent.input(slider, { target: { value: '20' } });
    expect(slider.closest('.setting')!.textContent).toContain('20 px');
    expect(api.count('updateAppSettings')).toBe(0);
    await fireEvent.change(slider, { target: { value: '20' } });
    await settle(10);
    expect(lastCall(api, 'updateAppSettings')).toEqual({ fontSize: 20 });
    expect(document.documentElement.style.fontSize).toBe('20px');
    expect(appearance.fontSize).toBe(20);
  });

  it('stores when the next day starts', async () => {
    const { api } = await openSettings();
    const select = screen.getByTestId('day-start') as HTMLSelectElement;
    expect(select.value).toBe('4');
    await fireEvent.change(select, { target: { value: '6' } });
    await settle(10);
    expect(lastCall(api, 'updateAppSettings')).toEqual({ dayStartHour: 6 });
  });

  it('applies the stored theme, language and font size when the app starts', async () => {
    const api = new FakeApi();
    api.collection.state.settings = { dayStartHour: 4, theme: 'dark', language: 'nl', fontSize: 18 };
    renderApp(api);
    await waitFor(() => expect(i18n.lang).toBe('nl'));
    expect(document.documentElement.getAttribute('data-theme')).toBe('dark');
    expect(document.documentElement.style.fontSize).toBe('18px');
    expect((await screen.findByTestId('nav-browse')).textContent?.trim()).toBe('Bladeren');
  });
});

describe('deck option presets', () => {
  it('reads typed values (decimal comma too) and refuses what is not a number', () => {
    expect(parseOption('desiredRetention', '0,85')).toEqual({ ok: true, value: 0.85 });
    expect(parseOption('newPerDay', '12.5')).toEqual({ ok: false, error: 'Enter a whole number.' });
    expect(parseOption('maximumInterval', '')).toEqual({ ok: false, error: 'Enter a number.' });
    expect(parseOption('learningSteps', ' 1m  10m, 1h ')).toEqual({ ok: true, value: ['1m', '10m', '1h'] });
  });

  it('stores each option when the field is left, and shows the core’s sentence for a value out of range', async () => {
    const { api } = await openSettings('options');
    expect((screen.getByTestId('preset') as HTMLSelectElement).value).toBe('1');
    expect(screen.getByTestId('preset-used-by').textContent).toBe('Used by 2 decks: AWS Solutions Architect, Azure Fundamentals.');

    const perDay = screen.getByTestId('option-newPerDay') as HTMLInputElement;
    expect(perDay.value).toBe('20');
    perDay.value = '30';
    await fireEvent.change(perDay);
    await settle(10);
    expect(lastCall(api, 'updatePreset')).toEqual({ presetId: 1, options: { newPerDay: 30 } });
    expect(perDay.closest('.setting')!.textContent).toContain('Saved');

    const retention = screen.getByTestId('option-desiredRetention') as HTMLInputElement;
    expect(retention.value).toBe('0.90');
    retention.value = '1.5';
    await fireEvent.change(retention);
    await settle(10);
    expect(screen.getByTestId('option-error-desiredRetention').textContent).toBe('The deck option "desiredRetention" must be a number from 0.70 to 0.99.');
    expect(retention.getAttribute('aria-invalid')).toBe('true');
    expect(api.collection.state.presets[0]!.options.desiredRetention).toBe(0.9);

    const steps = screen.getByTestId('option-learningSteps') as HTMLInputElement;
    expect(steps.value).toBe('1m 10m');
    steps.value = '1m 10x';
    await fireEvent.change(steps);
    await settle(10);
    expect(screen.getByTestId('option-error-learningSteps').textContent).toContain('has an invalid step "10x"');
    steps.value = '2m 15m 1h';
    await fireEvent.keyDown(steps, { key: 'Enter' });
    await settle(10);
    expect(lastCall(api, 'updatePreset')).toEqual({ presetId: 1, options: { learningSteps: ['2m', '15m', '1h'] } });
    expect(screen.queryByTestId('option-error-learningSteps')).toBeNull();

    await fireEvent.click(screen.getByTestId('option-burySiblings'));
    await settle(10);
    expect(lastCall(api, 'updatePreset')).toEqual({ presetId: 1, options: { burySiblings: false } });
  });

  it('switches presets, creates one as a copy, renames and deletes it', async () => {
    const { api } = await openSettings('options');
    await fireEvent.change(screen.getByTestId('preset'), { target: { value: '2' } });
    await settle(5);
    expect((screen.getByTestId('option-newPerDay') as HTMLInputElement).value).toBe('50');
    expect(screen.getByTestId('preset-used-by').textContent).toBe('Used by AWS Solutions Architect::Security.');

    await fireEvent.click(screen.getByTestId('preset-create'));
    const d = screen.getByTestId('preset-dialog');
    expect(d.textContent).toContain('starts as a copy of “Exam cram”');
    await fireEvent.input(within(d).getByTestId('preset-name'), { target: { value: 'Default' } });
    await fireEvent.click(within(d).getByTestId('preset-dialog-confirm'));
    await settle(5);
    expect(within(d).getByRole('alert').textContent).toBe('There is already a preset called "Default".');
    await fireEvent.input(within(d).getByTestId('preset-name'), { target: { value: 'Last week' } });
    await fireEvent.click(within(d).getByTestId('preset-dialog-confirm'));
    await settle(10);
    expect(lastCall(api, 'createPreset')).toEqual({ name: 'Last week', copyFrom: 2 });
    expect((screen.getByTestId('preset') as HTMLSelectElement).selectedOptions[0]!.textContent).toBe('Last week');
    expect((screen.getByTestId('option-newPerDay') as HTMLInputElement).value).toBe('50');

    await fireEvent.click(screen.getByTestId('preset-rename'));
    await fireEvent.input(within(screen.getByTestId('preset-dialog')).getByTestId('preset-name'), { target: { value: 'Final week' } });
    await fireEvent.click(within(screen.getByTestId('preset-dialog')).getByTestId('preset-dialog-confirm'));
    await settle(10);
    expect((screen.getByTestId('preset') as HTMLSelectElement).selectedOptions[0]!.textContent).toBe('Final week');

    await fireEvent.click(screen.getByTestId('preset-delete'));
    expect(screen.getByTestId('preset-dialog').textContent).toContain('Delete the preset “Final week”?');
    await fireEvent.click(within(screen.getByTestId('preset-dialog')).getByTestId('preset-dialog-confirm'));
    await settle(10);
    expect(api.collection.state.presets.map((p) => p.name)).toEqual(['Default', 'Exam cram']);
    expect((screen.getByTestId('preset') as HTMLSelectElement).value).toBe('1');
    // The Default preset can't be deleted.
    expect((screen.getByTestId('preset-delete') as HTMLButtonElement).disabled).toBe(true);
  });

  it('assigns a preset to a deck', async () => {
    const { api } = await openSettings('options');
    const azure = screen.getByTestId('deck-preset-2') as HTMLSelectElement;
    expect(azure.value).toBe('1');
    await fireEvent.change(azure, { target: { value: '2' } });
    await settle(10);
    expect(lastCall(api, 'setDeckPreset')).toEqual({ deckIds: [2], presetId: 2 });
    expect(screen.getByTestId('preset-used-by').textContent).toBe('Used by AWS Solutions Architect.');
  });
});

describe('backups and the database check', () => {
  it('backs up now, lists the backups newest first, and restores one after a confirmation', async () => {
    const { api } = await openSettings('backups');
    expect(screen.getByTestId('no-backups').textContent).toBe('There are no backups yet.');
    await fireEvent.click(screen.getByTestId('backup-now'));
    await settle(10);
    expect(screen.getByTestId('backup-result').textContent).toMatch(/^Backed up 7 cards and 6 reviews to backup-.*\.stratus\.$/);
    expect(screen.getAllByTestId('restore')).toHaveLength(1);

    // Change the collection after the backup, then go back to it.
    api.collection.bulkAction([11], { kind: 'delete' });
    const decksBefore = api.count('listDecks');
    await fireEvent.click(screen.getByTestId('restore'));
    const d = screen.getByTestId('restore-dialog');
    expect(d.textContent).toContain('Your current collection is backed up first');
    expect(document.activeElement).toBe(within(d).getByTestId('restore-cancel'));
    await fireEvent.click(within(d).getByTestId('restore-confirm'));
    await settle(10);
    expect(screen.queryByTestId('restore-dialog')).toBeNull();
    expect(lastCall(api, 'restoreBackup')).toEqual({ file: api.collection.backups[0]!.file });
    expect(api.collection.state.cards.some((c) => c.id === 11)).toBe(true);
    expect(screen.getByTestId('restore-result').textContent).toMatch(/^Restored backup-.*: 7 cards and 6 reviews\. Your collection as it was is saved as backup-.*\.stratus\.$/);
    // The safety backup is listed too, and the rest of the app reloaded.
    expect(screen.getAllByTestId('restore')).toHaveLength(2);
    expect(api.count('listDecks')).toBeGreaterThan(decksBefore);
  });

  it('shows a refused restore inside the dialog', async () => {
    const { api } = await openSettings('backups');
    await fireEvent.click(screen.getByTestId('backup-now'));
    await settle(10);
    await fireEvent.click(screen.getByTestId('restore'));
    api.failNext('restoreBackup', 'backup.stratus is damaged (SQLite integrity check: malformed).');
    await fireEvent.click(screen.getByTestId('restore-confirm'));
    await settle(10);
    expect(within(screen.getByTestId('restore-dialog')).getByRole('alert').textContent).toBe('backup.stratus is damaged (SQLite integrity check: malformed).');
  });

  it('checks the database and reports what it found and repaired', async () => {
    const api = new FakeApi();
    await openSettings('backups', api);
    await fireEvent.click(screen.getByTestId('check-database'));
    await settle(10);
    expect(screen.getByTestId('check-report').textContent).toContain('No problems found.');
    expect(screen.getByTestId('check-report').textContent).toContain('3 decks, 5 notes, 7 cards, 6 reviews.');

    api.collection.checkProblems = [{ code: 'orphan-reviews', message: '2 reviews belonged to no card; they were removed.', count: 2, repaired: true }];
    await fireEvent.click(screen.getByTestId('check-database'));
    await settle(10);
    const report = screen.getByTestId('check-report');
    expect(report.textContent).toContain('Problems found and repaired.');
    expect(report.textContent).toContain('Repaired');
    expect(report.textContent).toContain('2 reviews belonged to no card; they were removed.');
  });

  it('File → Back Up (the menu) backs up and shows it on the Backups tab', async () => {
    const api = new FakeApi();
    let send: ((command: Command) => void) | null = null;
    const shell: StratusShell = {
      onCommand: (listener) => {
        send = listener;
        return () => {};
      },
      setMenuLanguage: () => {},
      pathForFile: () => '',
      onImportProgress: () => () => {},
    };
    render(App, { props: { api, shell } });
    await screen.findByTestId('nav-decks');
    send!('file:backup');
    await waitFor(() => expect(screen.getByTestId('backup-result')).toBeTruthy());
    expect(screen.getByTestId('settings-tab-backups').getAttribute('aria-selected')).toBe('true');
    expect(api.count('backupNow')).toBe(1);
  });
});
