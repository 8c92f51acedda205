// The shortcut sheet in the app: `?` opens it over the deck list with focus on its close button,
// `?` or Esc or a click beside it closes it, and focus goes back where it was.
import { describe, expect, it } from 'vitest';
import { fireEvent, screen } from '@testing-library/svelte';
import { DECK_ID } from './fakeApi';
import { installDomStubs } from './browseHelpers';
import { renderApp, settle } from './helpers';

installDomStubs();

const sheet = () => screen.queryByTestId('shortcut-sheet');

async function openWithQuestionMark(): Promise<HTMLElement> {
  const study = await screen.findByTestId(`study-${DECK_ID}`);
  study.focus();
  await fireEvent.keyDown(study, { key: '?', shiftKey: true });
  await settle();
  expect(sheet()).not.toBeNull();
  return study;
}

describe('the shortcut sheet', () => {
  it('opens on ? with focus on its close button, lists the sections, and ? closes it with focus back', async () => {
    renderApp();
    const study = await openWithQuestionMark();
    expect(document.activeElement).toBe(screen.getByTestId('modal-close'));
    expect(sheet()!.querySelector('h2')!.textContent).toBe('Keyboard shortcuts');
    expect(sheet()!.textContent).toContain('Show the answer');
    await fireEvent.keyDown(screen.getByTestId('modal-close'), { key: '?', shiftKey: true });
    await settle();
    expect(sheet()).toBeNull();
    expect(document.activeElement).toBe(study);
  });

  it('Esc closes it, and so does a click on the backdrop but not one inside', async () => {
    renderApp();
    await openWithQuestionMark();
    await fireEvent.keyDown(screen.getByTestId('modal-close'), { key: 'Escape' });
    await settle();
    expect(sheet()).toBeNull();

    await openWithQuestionMark();
    await fireEvent.click(sheet()!.querySelector('dl')!);
    await settle();
    expect(sheet()).not.toBeNull();
    await fireEvent.click(sheet()!);
    await settle();
    expect(sheet()).toBeNull();
  });
});
