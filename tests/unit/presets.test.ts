import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCollection } from '../../electron/core/db/collection';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { createDeck } from '../../electron/core/deckAdmin';
import { addNote } from '../../electron/core/edit';
import { createPreset, deckOptions, deletePreset, getPreset, listPresets, presetOfDeck, setDeckPreset, updatePreset } from '../../electron/core/presets';
import { DEFAULT_SETTINGS, getAppSettings, getSettings, updateAppSettings, updateSettings } from '../../electron/core/settings';
import { Study } from '../../electron/core/study';
import { MINUTE } from '../../electron/core/time';
import { undoLatest } from '../../electron/core/undoLog';
import { TestClock } from './helpers';

const NOW = Date.parse('2026-03-02T08:00:00Z');

function twoDecks() {
  const db = openCollection(':memory:');
  const clock = new TestClock(NOW);
  const study = new Study(db, clock.read);
  const a = createDeck(db, 'A', NOW).id;
  const b = createDeck(db, 'B', NOW).id;
  const fill = (deckId: number, n: number, kind: 'basic' | 'reversed' = 'basic') =>
    Array.from({ length: n }, (_, i) => addNote(db, { deckId, kind, fields: [`Q${deckId}-${i}`, `A${deckId}-${i}`], tags: [] }, NOW));
  return { db, clock, study, a, b, fill };
}

describe('the Default preset', () => {
  it('takes over the old global deck options when a collection is upgraded', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'stratus-presets-')), 'c.stratus');
    const old = openCollection(file, { migrations: MIGRATIONS.slice(0, 5) });
    const put = old.prepare('INSERT INTO setting (key, value) VALUES (?, ?)');
    put.run('newPerDay', '5');
    put.run('learningSteps', '["2m","20m"]');
    put.run('desiredRetention', '"broken"');
    put.run('dayStartHour', '6');
    old.close();
    const db = openCollection(file);
    expect(getPreset(db, 1)).toMatchObject({ name: 'Default', isDefault: true, options: { newPerDay: 5, learningSteps: ['2m', '20m'], desiredRetention: 0.9 } });
    expect(db.prepare('SELECT key FROM setting ORDER BY key').pluck().all()).toEqual(['dayStartHour']);
    expect(getSettings(db)).toMatchObject({ newPerDay: 5, learningSteps: ['2m', '20m'], dayStartHour: 6, theme: 'system' });
    db.close();
  });

  it('keeps getSettings / updateSettings working: deck options go to Default, app settings to the setting table', () => {
    const { db } = twoDecks();
    expect(getSettings(db)).toEqual(DEFAULT_SETTINGS);
    updateSettings(db, { newPerDay: 3, dayStartHour: 5, weights: null });
    expect(getPreset(db, 1).options.newPerDay).toBe(3);
    expect(getAppSettings(db).dayStartHour).toBe(5);
    expect(() => updateSettings(db, { newPerDay: 3, fontSize: 99 })).toThrow('The setting "fontSize" must be a whole number from 12 to 28.');
    expect(getPreset(db, 1).options.newPerDay).toBe(3);
    expect(() => updateSettings(db, { colour: 'red' })).toThrow('"colour" is not a setting.');
  });
});

describe('app settings', () => {
  it('persist theme, language, font size and the next day\u2019s start, with defaults', () => {
    const { db } = twoDecks();
    expect(getAppSettings(db)).toEqual({ dayStartHour: 4, theme: 'system', language: 'system', fontSize: 16 });
    expect(updateAppSettings(db, { theme: 'dark', language: 'nl', fontSize: 20, dayStartHour: 0 })).toEqual({ dayStartHour: 0, theme: 'dark', language: 'nl', fontSize: 20 });
    expect(() => updateAppSettings(db, { theme: 'blue' })).toThrow('The setting "theme" must be one of "system", "light", "dark".');
    expect(() => updateAppSettings(db, { language: 'de' })).toThrow(/"language" must be one of "system", "en", "nl"/);
    expect(() => updateAppSettings(db, { newPerDay: 3 })).toThrow('"newPerDay" is not an app setting.');
    db.prepare("UPDATE setting SET value = '{broken' WHERE key = 'theme'").run();
    expect(getAppSettings(db).theme).toBe('system');
  });
});

describe('presets', () => {
  it('are created from Default (or a copy of another), renamed, changed and listed with their decks', () => {
    const { db, a, b } = twoDecks();
    const light = createPreset(db, ' Light ', NOW);
    expect(light).toMatchObject({ name: 'Light', isDefault: false, deckIds: [], options: getPreset(db, 1).options });
    updatePreset(db, light.id, { options: { newPerDay: 5, learningSteps: ['30m'] } });
    const copy = createPreset(db, 'Light copy', NOW, light.id);
    expect(copy.options.newPerDay).toBe(5);
    setDeckPreset(db, [b], light.id, NOW);
    expect(listPresets(db).map((p) => [p.name, p.deckIds])).toEqual([['Default', [a]], ['Light', [b]], ['Light copy', []]]);
    expect(presetOfDeck(db, b).name).toBe('Light');
    expect(deckOptions(db, b)).toMatchObject({ newPerDay: 5, learningSteps: ['30m'] });
    expect(updatePreset(db, light.id, { name: 'Gentle' }).name).toBe('Gentle');
  });

  it('refuse bad names and values with a sentence naming them', () => {
    const { db } = twoDecks();
    const p = createPreset(db, 'P', NOW);
    expect(() => createPreset(db, 'default', NOW)).toThrow('There is already a preset called "default".');
    expect(() => createPreset(db, '  ', NOW)).toThrow('A preset needs a name.');
    expect(() => updatePreset(db, p.id, { options: { desiredRetention: 0.5 } })).toThrow('The deck option "desiredRetention" must be a number from 0.70 to 0.99.');
    expect(() => updatePreset(db, p.id, { options: { learningSteps: ['10x'] } })).toThrow(/"learningSteps" has an invalid step "10x"/);
    expect(() => updatePreset(db, p.id, { options: { dayStartHour: 3 } })).toThrow('"dayStartHour" is not a deck option.');
    expect(() => updatePreset(db, 99, { name: 'x' })).toThrow('There is no deck options preset with id 99.');
    expect(() => deletePreset(db, 1, NOW)).toThrow('The Default preset can\u2019t be deleted.');
    expect(() => setDeckPreset(db, [99], p.id, NOW)).toThrow('There is no deck with id 99.');
  });

  it('deleting one sends its decks back to Default; undo restores both', () => {
    const { db, study, b } = twoDecks();
    const p = createPreset(db, 'P', NOW);
    setDeckPreset(db, [b], p.id, NOW);
    expect(deletePreset(db, p.id, NOW)).toEqual({ decks: 1 });
    expect(presetOfDeck(db, b).name).toBe('Default');
    expect(undoLatest(db, study)?.step.kind).toBe('deletePreset');
    expect(presetOfDeck(db, b)).toMatchObject({ id: p.id, name: 'P' });
    expect(undoLatest(db, study)?.step.kind).toBe('setDeckPreset');
    expect(presetOfDeck(db, b).name).toBe('Default');
  });
});

describe('Study uses each deck\u2019s preset', () => {
  it('for the daily new and review limits', () => {
    const { db, study, a, b, fill } = twoDecks();
    fill(a, 30);
    fill(b, 30);
    const p = createPreset(db, 'Few', NOW);
    updatePreset(db, p.id, { options: { newPerDay: 2 } });
    setDeckPreset(db, [b], p.id, NOW);
    const decks = new Map(study.listDecks().map((d) => [d.id, d]));
    expect(decks.get(a)!.newToday).toBe(20);
    expect(decks.get(b)!.newToday).toBe(2);
    expect(study.nextCard(b).counts.new).toBe(2);
    // Changes apply at once, without reloading.
    updatePreset(db, p.id, { options: { newPerDay: 7 } });
    expect(study.nextCard(b).counts.new).toBe(7);
  });

  it('for learning steps, desired retention and burying siblings', () => {
    const { db, clock, study, a, b, fill } = twoDecks();
    fill(a, 1, 'reversed');
    fill(b, 1, 'reversed');
    const p = createPreset(db, 'Slow', NOW);
    updatePreset(db, p.id, { options: { learningSteps: ['30m'], burySiblings: false, desiredRetention: 0.8, enableFuzz: false } });
    setDeckPreset(db, [b], p.id, NOW);
    const first = (deck: number) => study.nextCard(deck).card!.id;
    const ca = first(a);
    const cb = first(b);
    expect(study.answer({ cardId: ca, rating: 'again', durationMs: 0 }).card.due).toBe(new Date(NOW + MINUTE).toISOString());
    expect(study.answer({ cardId: cb, rating: 'again', durationMs: 0 }).card.due).toBe(new Date(NOW + 30 * MINUTE).toISOString());
    const buried = (deck: number) => db.prepare('SELECT count(*) FROM card WHERE deck_id = ? AND buried_until IS NOT NULL').pluck().get(deck);
    expect(buried(a)).toBe(1);
    expect(buried(b)).toBe(0);
    // Two identical review cards: the lower desired retention schedules further out.
    db.prepare('UPDATE card SET state = 2, stability = 10, difficulty = 5, reps = 3, last_review = ?, due = ?, scheduled_days = 10, buried_until = NULL WHERE id IN (?, ?)').run(NOW - 10 * 86_400_000, NOW, ca, cb);
    updatePreset(db, 1, { options: { enableFuzz: false } });
    clock.advance(MINUTE);
    const dueA = Date.parse(study.answer({ cardId: ca, rating: 'good', durationMs: 0 }).card.due);
    const dueB = Date.parse(study.answer({ cardId: cb, rating: 'good', durationMs: 0 }).card.due);
    expect(dueB).toBeGreaterThan(dueA + 86_400_000);
  });
});
