// The note editor (Add and Edit) and card info, opened from the card browser: Markdown fields, a
// live preview rendered by the core (never by the renderer), cloze deletions, notes edited card by
// card, the core's refusals, unsaved changes, and the card's memory and history.
import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/svelte';
import { wrapCloze, highestCloze } from '../../renderer/src/lib/editor/cloze';
import { parseTags } from '../../renderer/src/lib/editor/editor.svelte';
import { FakeApi } from './fakeApi';
import { installDomStubs, openView, row, rowIds, within } from './browseHelpers';
import { settle } from './helpers';

installDomStubs();

async function openEditorOn(cardId: number, api = new FakeApi()) {
  const rendered = await openView('browse', api);
  await waitFor(() => expect(rowIds().length).toBeGreaterThan(0));
  await fireEvent.dblClick(row(cardId));
  const editor = await screen.findByTestId('editor');
  await waitFor(() => expect(within(editor).queryByTestId('editor-field-0')).not.toBeNull());
  return { ...rendered, editor };
}

async function openAdd(api = new FakeApi()) {
  const rendered = await openView('browse', api);
  await waitFor(() => expect(rowIds().length).toBeGreaterThan(0));
  await fireEvent.click(screen.getByTestId('browse-add'));
  const editor = await screen.findByTestId('editor');
  await waitFor(() => expect(within(editor).queryByTestId('editor-field-0')).not.toBeNull());
  return { ...rendered, editor };
}

const field = (editor: HTMLElement, i: number) => within(editor).getByTestId(`editor-field-${i}`) as HTMLTextAreaElement;
const type = (el: HTMLElement, value: string) => fireEvent.input(el, { target: { value } });
const preview = async (editor: HTMLElement) => {
  await settle(5);
  await new Promise((r) => setTimeout(r, 200)); // the preview follows typing after a short pause
  await settle(5);
  return within(editor).queryByTestId('editor-preview');
};

describe('cloze helpers', () => {
  it('wrap the selection in the next number, or the highest with sameNumber', () => {
    expect(highestCloze('no gaps')).toBe(0);
    expect(wrapCloze('S3 stores objects', 0, 2)).toEqual({ text: '{{c1::S3}} stores objects', selectionStart: 6, selectionEnd: 8 });
    const once = wrapCloze('S3 stores objects', 0, 2).text;
    expect(wrapCloze(once, once.length - 7, once.length).text).toBe('{{c1::S3}} stores {{c2::objects}}');
    expect(wrapCloze(once, once.length - 7, once.length, true).text).toBe('{{c1::S3}} stores {{c1::objects}}');
    // Nothing selected: an empty gap with the cursor inside it.
    expect(wrapCloze('ab', 1, 1)).toEqual({ text: 'a{{c1::}}b', selectionStart: 7, selectionEnd: 7 });
  });

  it('tags are split on spaces and commas', () => {
    expect(parseTags(' aws::s3  exam,storage ')).toEqual(['aws::s3', 'exam', 'storage']);
    expect(parseTags('')).toEqual([]);
  });
});

describe('adding cards', () => {
  it('adds a basic card with a live preview, keeps the dialog open for the next one, and lists it', async () => {
    const { api, editor } = await openAdd();
    expect(within(editor).getByRole('heading', { level: 2 }).textContent).toBe('Add card');
    expect(within(editor).getByTestId('editor-preview-empty').textContent).toBe('Type a question to see the card.');
    await type(field(editor, 0), 'What is **Amazon EC2**?');
    await type(field(editor, 1), 'Virtual servers');
    await type(within(editor).getByTestId('editor-tags'), 'compute aws');
    const shown = await preview(editor);
    // The preview is the core's rendering (the fake turns **x** into <strong>).
    expect(shown?.querySelector('strong')?.textContent).toBe('Amazon EC2');
    expect(api.calls.filter((c) => c.method === 'previewNote').at(-1)?.args[0]).toEqual({ kind: 'basic', fields: ['What is **Amazon EC2**?', 'Virtual servers'] });

    await fireEvent.keyDown(field(editor, 1), { key: 'Enter', ctrlKey: true });
    await settle(10);
    expect(api.calls.find((c) => c.method === 'addNote')?.args[0]).toEqual({
      deckId: 1,
      kind: 'basic',
      fields: ['What is **Amazon EC2**?', 'Virtual servers'],
      tags: ['compute', 'aws'],
    });
    expect(within(editor).getByTestId('editor-status').textContent).toContain('Added 1 card.');
    expect(field(editor, 0).value).toBe('');
    expect(document.activeElement).toBe(field(editor, 0));
    // Tags and deck stay for the next card, as in Anki.
    expect((within(editor).getByTestId('editor-tags') as HTMLInputElement).value).toBe('compute aws');

    await fireEvent.click(within(editor).getByTestId('editor-close'));
    await settle(10);
    expect(screen.queryByTestId('editor')).toBeNull();
    expect(rowIds()).toHaveLength(8);
    expect(screen.getByTestId('browse-notice').textContent).toBe('Card added.');
  });

  it('adds to the deck the browser shows', async () => {
    const api = new FakeApi();
    await openView('browse', api);
    await waitFor(() => expect(rowIds().length).toBeGreaterThan(0));
    await fireEvent.click(screen.getByTestId('deck-2'));
    await settle(10);
    await fireEvent.click(screen.getByTestId('browse-add'));
    const editor = await screen.findByTestId('editor');
    await waitFor(() => expect((within(editor).getByTestId('editor-deck') as HTMLSelectElement).value).toBe('2'));
  });

  it('makes cloze cards with the Cloze button (Ctrl+Shift+C), one card per number', async () => {
    const { api, editor } = await openAdd();
    const text = field(editor, 0);
    await type(text, 'KMS manages keys');
    text.setSelectionRange(0, 3);
    await fireEvent.keyDown(text, { key: 'C', ctrlKey: true, shiftKey: true });
    await settle(5);
    expect(field(editor, 0).value).toBe('{{c1::KMS}} manages keys');
    expect((within(editor).getByTestId('editor-kind-cloze') as HTMLInputElement).checked).toBe(true);
    expect(within(editor).getByText('Text')).toBeTruthy();
    const area = field(editor, 0);
    area.setSelectionRange(area.value.length - 4, area.value.length);
    await fireEvent.click(within(editor).getByTestId('editor-cloze'));
    await settle(5);
    expect(field(editor, 0).value).toBe('{{c1::KMS}} manages {{c2::keys}}');

    const shown = await preview(editor);
    expect(shown?.textContent).toContain('[...] manages keys');
    await fireEvent.click(within(editor).getByTestId('preview-card-1'));
    expect(within(editor).getByTestId('editor-preview').textContent).toContain('KMS manages [...]');
    await fireEvent.click(within(editor).getByTestId('editor-save'));
    await settle(10);
    expect(api.calls.find((c) => c.method === 'addNote')?.args[0]).toMatchObject({ kind: 'cloze', fields: ['{{c1::KMS}} manages {{c2::keys}}', ''] });
    expect(within(editor).getByTestId('editor-status').textContent).toContain('Added 1 card.');
  });

  it('shows the core’s refusal and keeps what was typed', async () => {
    const { api, editor } = await openAdd();
    await fireEvent.click(within(editor).getByTestId('editor-kind-cloze'));
    await type(field(editor, 0), 'no gap here');
    await fireEvent.click(within(editor).getByTestId('editor-save'));
    await settle(10);
    expect(within(editor).getByTestId('editor-error').textContent).toBe('The cloze text has no deletion; mark one like {{c1::answer}}.');
    expect(field(editor, 0).value).toBe('no gap here');
    expect(api.count('addNote')).toBe(1);
  });
});

describe('editing cards', () => {
  it('edits a note’s fields and saves them; the table follows', async () => {
    const { api, editor } = await openEditorOn(12);
    expect(within(editor).getByRole('heading', { level: 2 }).textContent).toBe('Edit card');
    expect(editor.textContent).toContain('AWS Solutions Architect · Basic');
    expect(field(editor, 1).value).toBe('Identity and Access Management');
    expect((within(editor).getByTestId('editor-save') as HTMLButtonElement).disabled).toBe(true); // nothing changed yet
    await type(field(editor, 1), 'Identity and Access Management (global)');
    expect(within(editor).getByTestId('editor-status').textContent).toContain('Unsaved changes');
    await fireEvent.click(within(editor).getByTestId('editor-save'));
    await settle(10);
    expect(api.calls.find((c) => c.method === 'updateNote')?.args[0]).toEqual({
      noteId: 2,
      fields: ['What does IAM stand for?', 'Identity and Access Management (global)'],
      tags: ['security'],
    });
    await fireEvent.click(within(editor).getByTestId('editor-close'));
    await settle(10);
    expect(row(12).querySelector('[data-column="back"]')?.textContent?.trim()).toBe('Identity and Access Management (global)');
  });

  it('never renders HTML itself: the preview shows what the core returns (markup escaped by the fake sanitizer)', async () => {
    const { editor } = await openEditorOn(12);
    await type(field(editor, 0), '<img src=x onerror="alert(1)"> IAM?');
    const shown = await preview(editor);
    expect(shown?.querySelector('img')).toBeNull();
    expect(shown?.textContent).toContain('<img src=x onerror="alert(1)"> IAM?');
  });

  it('edits the cards of a note without fields one by one', async () => {
    const { api, editor } = await openEditorOn(11);
    expect(field(editor, 0).value).toBe('Which S3 storage class is cheapest for archives?');
    await type(field(editor, 1), 'S3 Glacier Deep Archive (cheapest)');
    await fireEvent.click(within(editor).getByTestId('editor-save'));
    await settle(10);
    expect(api.calls.find((c) => c.method === 'updateNote')?.args[0]).toEqual({
      noteId: 1,
      cards: [{ id: 11, front: 'Which S3 storage class is cheapest for archives?', back: 'S3 Glacier Deep Archive (cheapest)' }],
      tags: ['aws::s3'],
    });
  });

  it('asks before throwing away unsaved changes', async () => {
    const { api, editor } = await openEditorOn(13);
    await type(field(editor, 0), 'Changed');
    await fireEvent.keyDown(field(editor, 0), { key: 'Escape' });
    expect(within(editor).getByRole('alert').textContent).toBe('Discard your changes?');
    await fireEvent.click(within(editor).getByText('Keep editing'));
    expect(field(editor, 0).value).toBe('Changed');
    await fireEvent.keyDown(field(editor, 0), { key: 'Escape' });
    await fireEvent.click(within(editor).getByTestId('editor-discard'));
    await settle(5);
    expect(screen.queryByTestId('editor')).toBeNull();
    expect(api.count('updateNote')).toBe(0);
  });

  it('closes at once with Esc when nothing changed', async () => {
    const { editor } = await openEditorOn(13);
    await fireEvent.keyDown(field(editor, 0), { key: 'Escape' });
    await settle(5);
    expect(screen.queryByTestId('editor')).toBeNull();
  });
});

describe('card info', () => {
  it('shows state, memory, recall now and on exam day, and the review history', async () => {
    const { editor } = await openEditorOn(13);
    await fireEvent.click(within(editor).getByTestId('editor-tab-info'));
    const info = await within(editor).findByTestId('card-info');
    expect(within(info).getByTestId('info-stability').textContent).toBe('15 d');
    expect(within(info).getByTestId('info-difficulty').textContent).toBe('5.1');
    expect(within(info).getByTestId('info-recall-now').textContent).toMatch(/^\d+%$/);
    expect(within(info).getByTestId('info-recall-exam').textContent).toBe('72%');
    expect(info.textContent).toContain('Recall on exam day (Apr 15, 2026)');
    expect(info.textContent).toContain('Default'); // the deck's options preset
    const history = within(info).getByTestId('info-history');
    const rows = history.querySelectorAll('tbody tr');
    expect(rows).toHaveLength(2);
    expect(rows[0]!.textContent).toContain('Good');
    expect(rows[1]!.textContent).toContain('Again');
    expect(rows[1]!.textContent).toContain('imported');
    // The tabs follow the arrow keys, as tabs do.
    await fireEvent.keyDown(within(editor).getByTestId('editor-tab-info'), { key: 'ArrowLeft' });
    expect(within(editor).getByTestId('editor-tab-edit').getAttribute('aria-selected')).toBe('true');
  });

  it('opens on the info tab from the browser’s Info button, and says when a card has no reviews or exam date', async () => {
    const api = new FakeApi();
    api.cardInfoExamDay = null;
    await openView('browse', api);
    await waitFor(() => expect(rowIds().length).toBeGreaterThan(0));
    await fireEvent.click(row(11));
    await fireEvent.click(screen.getByTestId('action-info'));
    const info = await screen.findByTestId('card-info');
    expect(within(info).getByTestId('info-no-reviews').textContent).toBe('This card has not been reviewed yet.');
    expect(within(info).getByTestId('info-recall-exam').textContent).toBe('—');
    expect(info.textContent).toContain('Set an exam date');
  });
});
