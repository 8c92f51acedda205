// The "Edit exam" panel with the fake api: the exam's fields with errors next to the field, the
// domain list (rename, re-weight with shares, reorder, add, remove with confirmation) and tag
// mappings with the tag picker and the membership rule.
import '@testing-library/svelte/vitest';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, within } from '@testing-library/svelte';
import { FakeApi } from './fakeApi';
import { renderApp, settle } from './helpers';
import { i18n } from '../../renderer/src/lib/i18n.svelte';

const NOW = new Date(2026, 2, 18, 10, 0, 0).getTime();

beforeEach(() => {
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
});

afterEach(() => i18n.use('en'));

async function openEditor(api = new FakeApi()) {
  api.clock = () => NOW;
  renderApp(api, () => NOW);
  await fireEvent.click(await screen.findByTestId('nav-exam'));
  await screen.findByTestId('exam-hero');
  const toggle = screen.getByTestId('edit-exam');
  expect(toggle.getAttribute('aria-expanded')).toBe('false');
  await fireEvent.click(toggle);
  expect(toggle.getAttribute('aria-expanded')).toBe('true');
  await screen.findByTestId('exam-editor');
  return api;
}

const domainNames = () => screen.getAllByTestId('domain-name').map((i) => (i as HTMLInputElement).value);

describe('edit exam panel', () => {
  it('saves the name, pass mark and question counts, and shows a refusal next to its field', async () => {
    const api = await openEditor();
    expect(screen.getByLabelText('Name')).toBe(screen.getByTestId('exam-edit-name'));
    await fireEvent.input(screen.getByLabelText('Name'), { target: { value: '  My cloud exam ' } });
    await fireEvent.input(screen.getByLabelText('Pass mark'), { target: { value: '720' } });
    await fireEvent.click(screen.getByTestId('exam-edit-save'));
    await settle();
    expect(api.exam.profile).toMatchObject({ name: 'My cloud exam', passMark: 720 });
    expect(screen.getByTestId('exam-name').textContent).toBe('My cloud exam');

    await fireEvent.input(screen.getByLabelText('Scored questions'), { target: { value: '80' } });
    await fireEvent.click(screen.getByTestId('exam-edit-save'));
    await settle();
    const scored = screen.getByLabelText('Scored questions');
    expect(scored.getAttribute('aria-invalid')).toBe('true');
    const error = document.getElementById(scored.getAttribute('aria-describedby')!)!;
    expect(error.textContent).toBe('The number of scored questions must be a whole number from 1 to 65.');
    expect(screen.getByLabelText('Pass mark').getAttribute('aria-invalid')).toBeNull();
    expect(api.exam.profile.scoredQuestions).toBe(50);
  });

  it('renames, re-weights (shares follow), reorders, adds and removes domains after confirmation', async () => {
    const api = await openEditor();
    const list = screen.getByTestId('exam-edit-domains');
    expect(domainNames()).toEqual(['Cloud Concepts', 'Security and Compliance', 'Cloud Technology and Services', 'Billing, Pricing and Support']);
    expect(screen.getAllByTestId('domain-share').map((s) => s.textContent)).toEqual(['24%', '30%', '34%', '12%']);

    await fireEvent.change(screen.getByLabelText('Weight of Cloud Concepts'), { target: { value: '124' } });
    await settle();
    expect(screen.getAllByTestId('domain-share').map((s) => s.textContent)).toEqual(['62%', '15%', '17%', '6%']);

    await fireEvent.change(screen.getByLabelText('Name of domain 2'), { target: { value: 'Security' } });
    await settle();
    expect(domainNames()[1]).toBe('Security');
    // A duplicate name is refused under its row; nothing changes.
    await fireEvent.change(screen.getByLabelText('Name of domain 3'), { target: { value: 'security' } });
    await settle();
    expect(within(list).getByRole('alert').textContent).toBe('The exam already has a domain called "Security".');
    expect(api.exam.profile.domains[2]!.name).toBe('Cloud Technology and Services');

    await fireEvent.click(screen.getByRole('button', { name: 'Move Billing, Pricing and Support up' }));
    await settle();
    expect(domainNames()).toEqual(['Cloud Concepts', 'Security', 'Billing, Pricing and Support', 'Cloud Technology and Services']);
    expect((screen.getByRole('button', { name: 'Move Cloud Concepts up' }) as HTMLButtonElement).disabled).toBe(true);

    await fireEvent.input(screen.getByLabelText('New domain'), { target: { value: 'Networking' } });
    await fireEvent.input(screen.getByLabelText('Weight'), { target: { value: '10' } });
    await fireEvent.click(screen.getByTestId('add-domain'));
    await settle();
    expect(domainNames().at(-1)).toBe('Networking');

    const rows = screen.getAllByTestId('exam-edit-domain');
    await fireEvent.click(within(rows.at(-1)!).getByTestId('domain-remove'));
    const confirm = within(rows.at(-1)!).getByRole('group', { name: 'Confirm removing Networking' });
    expect(confirm.textContent).toContain('Its deck and tag mappings go with it');
    expect(domainNames()).toHaveLength(5);
    await fireEvent.click(within(confirm).getByTestId('domain-remove-confirm'));
    await settle();
    expect(domainNames()).toHaveLength(4);
    expect(api.calls.filter((c) => c.method === 'removeExamDomain')).toHaveLength(1);
  });

  it('maps a tag picked from the collection\u2019s tags, changes and removes it, and states the rule', async () => {
    const api = await openEditor();
    expect(screen.getByTestId('membership-rule').textContent).toMatch(/^A card counts in the domain of its most specific mapped tag/);
    const options = [...document.querySelectorAll('#exam-tag-options option')].map((o) => (o as HTMLOptionElement).value);
    expect(options).toEqual(['aws', 'aws::billing', 'aws::security', 'aws::security::iam']);
    expect(screen.getByLabelText('Tag').getAttribute('list')).toBe('exam-tag-options');

    await fireEvent.input(screen.getByLabelText('Tag'), { target: { value: 'aws::security' } });
    await fireEvent.click(screen.getByTestId('map-tag'));
    expect(screen.getByRole('alert').textContent).toBe('Choose the domain the tag feeds.');
    await fireEvent.change(screen.getByLabelText('Domain'), { target: { value: '2' } });
    await fireEvent.click(screen.getByTestId('map-tag'));
    await settle();
    expect(api.exam.profile.domains[1]!.tags).toEqual(['aws::security']);
    // The domain list of the readiness page shows the tag as the browser searches it.
    const select = screen.getByLabelText('Domain of the tag aws::security') as HTMLSelectElement;
    expect(select.value).toBe('2');
    await fireEvent.change(select, { target: { value: '3' } });
    await settle();
    expect(api.exam.profile.domains[2]!.tags).toEqual(['aws::security']);
    await fireEvent.change(screen.getByLabelText('Domain of the tag aws::security'), { target: { value: '' } });
    await settle();
    expect(api.exam.profile.domains.every((d) => d.tags.length === 0)).toBe(true);
    expect(screen.getByText('No tag is mapped yet.')).toBeTruthy();
  });

  it('starts again from the preset only after confirmation', async () => {
    const api = await openEditor();
    await fireEvent.input(screen.getByLabelText('Name'), { target: { value: 'Renamed' } });
    await fireEvent.click(screen.getByTestId('exam-edit-save'));
    await settle();
    await fireEvent.click(screen.getByTestId('exam-reset'));
    expect(api.calls.some((c) => c.method === 'resetExam')).toBe(false);
    await fireEvent.click(screen.getByTestId('exam-reset-confirm'));
    await settle();
    expect(api.calls.filter((c) => c.method === 'resetExam').map((c) => c.args)).toEqual([[{ to: 'preset' }]]);
    expect(screen.getByTestId('exam-name').textContent).toBe('AWS Certified Cloud Practitioner (CLF-C02)');
  });

  it('shows a refusal next to its field in Dutch when the UI is in Dutch', async () => {
    const api = await openEditor();
    i18n.use('nl'); // after start-up, which applies the collection's language setting
    await settle();
    await fireEvent.input(screen.getByLabelText('Vragen die meetellen'), { target: { value: '80' } });
    await fireEvent.click(screen.getByTestId('exam-edit-save'));
    await settle();
    // The core's message (exam.badScoredQuestions) is translated and still finds its field.
    const scored = screen.getByLabelText('Vragen die meetellen');
    expect(scored.getAttribute('aria-invalid')).toBe('true');
    const error = document.getElementById(scored.getAttribute('aria-describedby')!)!;
    expect(error.textContent).toBe('Het aantal vragen dat meetelt moet een geheel getal van 1 tot en met 65 zijn.');
    expect(api.exam.profile.scoredQuestions).toBe(50);

    await fireEvent.input(screen.getByLabelText('Vragen die meetellen'), { target: { value: '50' } });
    await fireEvent.input(screen.getByLabelText('Naam'), { target: { value: '   ' } });
    await fireEvent.click(screen.getByTestId('exam-edit-save'));
    await settle();
    const name = screen.getByLabelText('Naam');
    expect(name.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(name.getAttribute('aria-describedby')!)!.textContent).toBe('Een examen heeft een naam nodig.');
    expect(screen.getByLabelText('Vragen die meetellen').getAttribute('aria-invalid')).toBeNull();
  });
});
