import { fireEvent, render, screen } from '@testing-library/svelte';
import App from '../../renderer/src/App.svelte';
import { DECK_ID, FakeApi } from './fakeApi';

export function renderApp(api: FakeApi = new FakeApi(), now?: () => number) {
  const result = render(App, { props: { api, now } });
  return { api, ...result };
}

/** A key press with focus on the page body (not on a control). */
export async function press(
  key: string,
  modifiers: Partial<Pick<KeyboardEvent, 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey' | 'repeat'>> = {},
) {
  await fireEvent.keyDown(document.body, { key, ...modifiers });
}

/** Render the app and open the three-card deck on its first question. */
export async function startStudy(api: FakeApi = new FakeApi(), now?: () => number) {
  const rendered = renderApp(api, now);
  await fireEvent.click(await screen.findByTestId(`study-${DECK_ID}`));
  await screen.findByTestId('show-answer');
  return rendered;
}

export function front(): string {
  return screen.getByTestId('card-front').textContent?.trim() ?? '';
}

/** Let pending promise callbacks and Svelte updates run. */
export async function settle(rounds = 5) {
  for (let i = 0; i < rounds; i++) await new Promise((r) => setTimeout(r, 0));
}
