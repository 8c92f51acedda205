// The recovery screen with the fake api: shown instead of the app when the collection could not be
// opened, it says why and where the file is, lists the backups, restores one after a confirmation
// that says where the unusable file is kept, and then the app opens normally; "Try again" and
// "Quit"; a newer-version collection is pointed to an update first; menu commands and shortcuts
// do nothing meanwhile.
import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import App from '../../renderer/src/App.svelte';
import type { Command, StratusShell } from '../../electron/shared/contract';
import { FakeApi } from './fakeApi';
import { backupEntry, COLLECTION_PATH, RecoveryFake, recovering } from './fakeRecovery';
import { installDomStubs } from './browseHelpers';
import { press, settle } from './helpers';

installDomStubs();

const NEWEST = backupEntry('2026-03-02T09:00:00', 1234, 56789);
const OLDER = backupEntry('2026-03-01T18:30:00', 1200, 55000);

function recoveryApi(fake: RecoveryFake): FakeApi {
  const api = new FakeApi();
  api.recovery = fake;
  return api;
}

async function renderRecovery(fake = new RecoveryFake(recovering('not-stratus', [NEWEST, OLDER])), shell?: StratusShell) {
  const api = recoveryApi(fake);
  const rendered = render(App, { props: { api, shell } });
  await screen.findByTestId('recovery');
  return { api, fake, ...rendered };
}

const rows = () => screen.getAllByTestId('recovery-backup');
const restoreButton = (file: string) => rows().find((r) => r.dataset.file === file)!.querySelector<HTMLButtonElement>('[data-testid="recovery-restore"]')!;

describe('the recovery screen', () => {
  afterEach(() => {
    Object.defineProperty(window.navigator, 'languages', { configurable: true, value: ['en-US', 'en'] });
  });

  it('replaces the app: why, where the file is, and the backups newest first with what they hold', async () => {
    const { api } = await renderRecovery();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Stratus can’t open your collection');
    expect(screen.getByTestId('recovery-explanation').textContent).toMatch(/^The file where Stratus keeps your collection is not a Stratus collection/);
    expect(screen.getByTestId('recovery-reason').textContent).toBe(`${COLLECTION_PATH}: is not a Stratus collection (it is not an SQLite database), so it was left untouched.`);
    expect(screen.getByTestId('recovery-path').textContent).toBe(COLLECTION_PATH);
    expect(rows().map((r) => r.dataset.file)).toEqual([NEWEST.file, OLDER.file]);
    expect(rows()[0]!.textContent).toContain('1,234 cards · 56,789 reviews · 2.3 MB');
    expect(restoreButton(NEWEST.file).getAttribute('aria-label')).toMatch(/^Restore the backup from Mar 2, 2026/);
    expect(screen.queryByTestId('recovery-update')).toBeNull();
    expect(screen.queryByTestId('recovery-retry')).toBeNull(); // nothing outside Stratus to wait for
    // Nothing of the normal app: no top bar, no calls to a collection that is not open.
    expect(screen.queryByTestId('nav-decks')).toBeNull();
    await settle();
    expect(api.count('listDecks')).toBe(0);
    expect(api.count('getAppSettings')).toBe(0);
  });

  it('restores a backup after a confirmation that says where the unusable file stays, then opens the app', async () => {
    const { api } = await renderRecovery();
    await fireEvent.click(restoreButton(OLDER.file));
    const dialog = screen.getByTestId('recovery-confirm');
    expect(dialog.textContent).toContain('Restore this backup?');
    expect(dialog.textContent).toContain('Stratus opens your collection as it was on Mar 1, 2026');
    expect(dialog.textContent).toContain('This backup holds 1,200 cards and 55,000 reviews.');
    expect(screen.getByTestId('recovery-kept-aside').textContent?.trim()).toBe(
      'The file that can’t be opened is not deleted: it stays in /home/sam/.config/Stratus, renamed to “collection.stratus.unusable-” followed by the date and time.',
    );
    // Cancel first: nothing happens.
    await fireEvent.click(screen.getByTestId('recovery-cancel'));
    expect(screen.queryByTestId('recovery-confirm')).toBeNull();
    expect(api.count('restoreBackupAtStartup')).toBe(0);

    await fireEvent.click(restoreButton(OLDER.file));
    await fireEvent.click(screen.getByTestId('recovery-confirm-restore'));
    await screen.findByTestId('nav-decks');
    expect(api.calls.find((c) => c.method === 'restoreBackupAtStartup')?.args[0]).toEqual({ file: OLDER.file });
    expect(screen.queryByTestId('recovery')).toBeNull();
    await waitFor(() => expect(api.count('listDecks')).toBe(1));
    expect(api.count('getAppSettings')).toBe(1);
    await screen.findByTestId(`study-1`);
    const notice = screen.getByTestId('recovery-notice');
    expect(notice.getAttribute('role')).toBe('status');
    expect(notice.textContent).toContain('The backup from Mar 1, 2026');
    expect(notice.textContent).toContain('is restored: 1,200 cards and 55,000 reviews.');
    expect(screen.getByTestId('recovery-notice-kept').textContent).toBe(`The file that could not be opened is kept as ${COLLECTION_PATH}.unusable-2026-03-02-091500-000.`);
    await fireEvent.click(screen.getByTestId('recovery-notice-dismiss'));
    expect(screen.queryByTestId('recovery-notice')).toBeNull();
  });

  it('keeps the dialog open with the reason when a restore fails, and the screen up to date', async () => {
    const { api } = await renderRecovery();
    api.failNext('restoreBackupAtStartup', `${OLDER.file}: is damaged (SQLite integrity check: malformed).`);
    await fireEvent.click(restoreButton(OLDER.file));
    await fireEvent.click(screen.getByTestId('recovery-confirm-restore'));
    const error = await screen.findByTestId('recovery-confirm-error');
    expect(error.getAttribute('role')).toBe('alert');
    expect(error.textContent).toBe(`${OLDER.file}: is damaged (SQLite integrity check: malformed).`);
    expect(screen.getByTestId('recovery-confirm')).toBeTruthy();
    expect(api.count('recoveryStatus')).toBe(2); // at start, and again after the failure
    // Closing the dialog leaves the reason on the screen.
    await fireEvent.click(screen.getByTestId('recovery-cancel'));
    expect(screen.getByTestId('recovery-error').textContent).toBe(`${OLDER.file}: is damaged (SQLite integrity check: malformed).`);
    expect(screen.getByTestId('recovery')).toBeTruthy();
  });

  it('points a collection from a newer Stratus to an update, and marks backups this version can’t read', async () => {
    const newerBackup = backupEntry('2026-03-02T10:00:00', null, null, 'newer-version');
    await renderRecovery(new RecoveryFake(recovering('newer-version', [newerBackup, OLDER])));
    expect(screen.getByTestId('recovery-explanation').textContent).toMatch(/newer version of Stratus/);
    expect(screen.getByTestId('recovery-update').textContent).toBe(
      'Update Stratus to open it with everything in it. Restore a backup only if you can’t update: you would lose what you did after that backup was made.',
    );
    expect(rows()[0]!.textContent).toContain('Made by a newer version of Stratus');
    expect(restoreButton(newerBackup.file).disabled).toBe(true);
    expect(restoreButton(OLDER.file).disabled).toBe(false);
  });

  it('says so when there are no backups, naming the folder', async () => {
    await renderRecovery(new RecoveryFake(recovering('damaged', [])));
    expect(screen.getByTestId('recovery-no-backups').textContent).toBe('There are no backups in /home/sam/.config/Stratus/backups, so there is nothing to restore.');
    expect(screen.queryByTestId('recovery-backups')).toBeNull();
  });

  it('tries again for a locked file: the same screen while it lasts, the app once it opens', async () => {
    const fake = new RecoveryFake(recovering('locked', [NEWEST]));
    const { api } = await renderRecovery(fake);
    expect(screen.getByTestId('recovery-explanation').textContent).toMatch(/^Another program is using your collection file/);
    await fireEvent.click(screen.getByTestId('recovery-retry'));
    expect((await screen.findByTestId('recovery-still-closed')).textContent).toBe('Stratus still can’t open your collection.');
    fake.opensOnRetry = true;
    await fireEvent.click(screen.getByTestId('recovery-retry'));
    await screen.findByTestId('nav-decks');
    expect(api.count('retryOpenAtStartup')).toBe(2);
    await waitFor(() => expect(api.count('listDecks')).toBe(1));
    expect(screen.queryByTestId('recovery-notice')).toBeNull(); // nothing was restored
  });

  it('quits', async () => {
    const { fake } = await renderRecovery();
    await fireEvent.click(screen.getByTestId('recovery-quit'));
    await settle();
    expect(fake.quits).toBe(1);
    expect(screen.getByTestId<HTMLButtonElement>('recovery-quit').disabled).toBe(true); // until main closes the window
  });

  it('ignores menu commands and shortcuts meanwhile', async () => {
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
    const { api } = await renderRecovery(undefined, shell);
    for (const command of ['view:browse', 'file:backup', 'file:import', 'help:shortcuts'] as const) send!(command);
    await press('?');
    await press('b');
    await settle();
    expect(screen.getByTestId('recovery')).toBeTruthy();
    expect(document.querySelector('dialog[open]')).toBeNull();
    expect(api.count('backupNow') + api.count('chooseImportFiles') + api.count('searchCards')).toBe(0);
  });

  it('speaks Dutch on a Dutch system', async () => {
    Object.defineProperty(window.navigator, 'languages', { configurable: true, value: ['nl-NL', 'nl'] });
    await renderRecovery(new RecoveryFake(recovering('newer-version', [OLDER])));
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Stratus kan je verzameling niet openen');
    expect(screen.getByTestId('recovery-update').textContent).toMatch(/^Werk Stratus bij/);
    expect(rows()[0]!.textContent).toContain('1.200 kaarten · 55.000 herhalingen');
    expect(screen.getByTestId('recovery-quit').textContent?.trim()).toBe('Afsluiten');
  });

  it('is not shown after a normal start', async () => {
    const api = new FakeApi();
    render(App, { props: { api } });
    await screen.findByTestId('study-1');
    expect(api.count('recoveryStatus')).toBe(1);
    expect(screen.queryByTestId('recovery')).toBeNull();
  });
});
