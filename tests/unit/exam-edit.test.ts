import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Database } from 'better-sqlite3';
import { forgetting_curve, generatorParameters } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/run';
import { openCollection } from '../../electron/core/db/collection';
import { MIGRATIONS, SCHEMA_VERSION } from '../../electron/core/db/migrations';
import { parseDeckSource } from '../../electron/core/deckSource';
import { installDeckSource } from '../../electron/core/decks';
import {
  addDomain,
  collectionTags,
  createBlankExam,
  mapTagToDomain,
  moveDomain,
  normaliseTag,
  removeDomain,
  resetToPreset,
  unmapTag,
  updateDomain,
  updateExamDetails,
} from '../../electron/core/exam/editExam';
import { cardDomains, domainMapping, tagDomains } from '../../electron/core/exam/membership';
import { generateQuestions } from '../../electron/core/exam/practice';
import { createExam, getActiveExam, getExam, installClfC02Preset, mapDeckToDomain, type ExamProfile } from '../../electron/core/exam/profile';
import { computeProjection } from '../../electron/core/exam/projection';
import { computeReadiness } from '../../electron/core/exam/readiness';
import { DAY, HOUR } from '../../electron/core/time';
import { sampleCollection } from './helpers';

const MONDAY_9 = Date.parse('2026-03-02T08:00:00Z');
const EXAM_DATE = '2026-03-20';
const EXAM_START = new Date(2026, 2, 20, 4, 0, 0, 0).getTime();
const W = generatorParameters().w;

function deckText(id: string, name: string, n: number): string {
  const lines = Array.from({ length: n }, (_, i) => `${name} question ${i + 1} :: ${name} answer number ${i + 1}`);
  return `---\nid: ${id}\nname: ${name}\n---\n## Basics\n${lines.join('\n')}\n`;
}

function threeDomainExam(db: Database): ExamProfile {
  return createExam(
    db,
    {
      name: 'Test exam',
      examDate: EXAM_DATE,
      passMark: 700,
      totalQuestions: 12,
      scoredQuestions: 10,
      domains: [
        { name: 'Alpha', weight: 50 },
        { name: 'Beta', weight: 30 },
        { name: 'Gamma', weight: 20 },
      ],
    },
    MONDAY_9,
  );
}

const tableRows = (db: Database) => ({
  exam: db.prepare('SELECT * FROM exam ORDER BY id').all(),
  domains: db.prepare('SELECT * FROM exam_domain ORDER BY id').all(),
  decks: db.prepare('SELECT * FROM deck_domain ORDER BY deck_id').all(),
  tags: db.prepare('SELECT * FROM tag_domain ORDER BY tag').all(),
});

describe('editing the exam', () => {
  it('changes the name, pass mark, maximum score and question counts, and refuses bad values without changing anything', () => {
    const { db } = sampleCollection(MONDAY_9);
    const exam = threeDomainExam(db);
    const e = updateExamDetails(db, exam.id, { name: '  My exam  ', passMark: 72, maxScore: 100, totalQuestions: 40, scoredQuestions: 30 });
    expect(e).toMatchObject({ name: 'My exam', passMark: 72, maxScore: 100, totalQuestions: 40, scoredQuestions: 30, examDate: EXAM_DATE });
    const before = tableRows(db);
    expect(() => updateExamDetails(db, exam.id, { name: '   ' })).toThrow('An exam needs a name.');
    expect(() => updateExamDetails(db, exam.id, { passMark: 101 })).toThrow('The pass mark must be a whole number from 1 to 100.');
    expect(() => updateExamDetails(db, exam.id, { maxScore: 50 })).toThrow('The pass mark must be a whole number from 1 to 50.');
    expect(() => updateExamDetails(db, exam.id, { passMark: 7.5 })).toThrow('The pass mark must be a whole number');
    expect(() => updateExamDetails(db, exam.id, { scoredQuestions: 41 })).toThrow('The number of scored questions must be a whole number from 1 to 40.');
    expect(() => updateExamDetails(db, exam.id, { totalQuestions: 0 })).toThrow('The number of questions must be a whole number above 0.');
    expect(() => updateExamDetails(db, exam.id, { name: 'x'.repeat(121) })).toThrow('longer than 120 characters');
    expect(() => updateExamDetails(db, 999, { name: 'x' })).toThrow('There is no exam with id 999.');
    expect(tableRows(db)).toEqual(before);
  });

  it('adds, renames, re-weights, reorders and removes domains; names are unique without case and one domain always stays', () => {
    const { db, deckId } = sampleCollection(MONDAY_9);
    const exam = threeDomainExam(db);
    const [alpha, beta, gamma] = exam.domains as [ExamProfile['domains'][0], ExamProfile['domains'][0], ExamProfile['domains'][0]];
    let e = addDomain(db, exam.id, { name: ' Delta ', weight: 12.5 });
    expect(e.domains.map((d) => [d.name, d.weight])).toEqual([['Alpha', 50], ['Beta', 30], ['Gamma', 20], ['Delta', 12.5]]);
    expect(() => addDomain(db, exam.id, { name: 'ALPHA', weight: 1 })).toThrow('The exam already has a domain called "Alpha".');
    expect(() => addDomain(db, exam.id, { name: 'Eps', weight: 0 })).toThrow('The weight of the domain "Eps" must be a number above 0');
    expect(() => addDomain(db, exam.id, { name: 'Eps', weight: Number.NaN })).toThrow('must be a number above 0');
    expect(() => addDomain(db, exam.id, { name: ' ', weight: 1 })).toThrow('Every exam domain needs a name.');

    e = updateDomain(db, beta.id, { name: 'Bravo', weight: 35 });
    expect(e.domains[1]).toMatchObject({ id: beta.id, name: 'Bravo', weight: 35 });
    // Renaming a domain to its own name in another case is allowed; to another's is not.
    expect(updateDomain(db, beta.id, { name: 'BRAVO' }).domains[1]!.name).toBe('BRAVO');
    expect(() => updateDomain(db, beta.id, { name: 'gamma' })).toThrow('The exam already has a domain called "Gamma".');
    expect(() => updateDomain(db, beta.id, { weight: -1 })).toThrow('The weight of the domain "BRAVO"');

    expect(moveDomain(db, gamma.id, 'up').domains.map((d) => d.name)).toEqual(['Alpha', 'Gamma', 'BRAVO', 'Delta']);
    expect(moveDomain(db, alpha.id, 'up').domains.map((d) => d.name)).toEqual(['Alpha', 'Gamma', 'BRAVO', 'Delta']);
    const delta = e.domains[3]!;
    expect(moveDomain(db, delta.id, 'down').domains.map((d) => d.name)).toEqual(['Alpha', 'Gamma', 'BRAVO', 'Delta']);
    expect(moveDomain(db, alpha.id, 'down').domains.map((d) => d.name)).toEqual(['Gamma', 'Alpha', 'BRAVO', 'Delta']);

    // Removing a domain drops its deck and tag mappings, never the deck or the notes.
    mapDeckToDomain(db, deckId, alpha.id);
    mapTagToDomain(db, 'aws::security', alpha.id);
    mapTagToDomain(db, 'billing', gamma.id);
    const cards = db.prepare('SELECT count(*) FROM card').pluck().get();
    e = removeDomain(db, alpha.id);
    expect(e.domains.map((d) => d.name)).toEqual(['Gamma', 'BRAVO', 'Delta']);
    expect(tableRows(db).decks).toEqual([]);
    expect(tableRows(db).tags).toEqual([{ exam_id: exam.id, tag: 'billing', domain_id: gamma.id }]);
    expect(db.prepare('SELECT count(*) FROM card').pluck().get()).toBe(cards);
    removeDomain(db, beta.id);
    removeDomain(db, delta.id);
    expect(() => removeDomain(db, gamma.id)).toThrow('"Gamma" is the exam\u2019s only domain; an exam needs at least one.'.replace('\u2019', "'"));
    expect(() => removeDomain(db, 9999)).toThrow('There is no exam domain with id 9999.');
  });

  it('maps tags to domains (one domain per tag, case-insensitive), unmaps them, and refuses tags with spaces', () => {
    const { db } = sampleCollection(MONDAY_9);
    const exam = threeDomainExam(db);
    const [alpha, beta] = exam.domains as [ExamProfile['domains'][0], ExamProfile['domains'][0]];
    mapTagToDomain(db, ' aws::security ', alpha.id);
    let e = mapTagToDomain(db, 'AWS::Security', beta.id);
    expect(e.domains.map((d) => d.tags)).toEqual([[], ['AWS::Security'], []]);
    expect(normaliseTag('::aws::')).toBe('aws');
    expect(() => mapTagToDomain(db, 'two words', alpha.id)).toThrow('The tag "two words" contains a space');
    expect(() => mapTagToDomain(db, '  ', alpha.id)).toThrow('The tag to map is empty.');
    e = unmapTag(db, exam.id, 'aws::SECURITY');
    expect(e.domains.every((d) => d.tags.length === 0)).toBe(true);
  });

  it('starts again from the CLF-C02 preset (keeping the date) or from a blank exam', () => {
    const { db } = sampleCollection(MONDAY_9);
    const preset = installClfC02Preset(db, MONDAY_9, '2026-06-01');
    updateExamDetails(db, preset.id, { name: 'Renamed', passMark: 500 });
    removeDomain(db, preset.domains[0]!.id);
    mapTagToDomain(db, 'aws', preset.domains[1]!.id);
    const blank = createBlankExam(db, MONDAY_9, { name: 'Own exam', domain: 'Everything' });
    expect(blank).toMatchObject({ name: 'Own exam', preset: null, examDate: '2026-06-01', passMark: 500, domains: [{ name: 'Everything', weight: 100, decks: [], tags: [] }] });
    expect(getActiveExam(db)!.id).toBe(blank.id);
    const reset = resetToPreset(db, MONDAY_9);
    expect(reset).toMatchObject({ id: preset.id, name: 'AWS Certified Cloud Practitioner (CLF-C02)', passMark: 700, maxScore: 1000, examDate: '2026-06-01' });
    expect(reset.domains.map((d) => [d.name, d.weight, d.tags])).toEqual([
      ['Cloud Concepts', 24, []],
      ['Security and Compliance', 30, []],
      ['Cloud Technology and Services', 34, []],
      ['Billing, Pricing and Support', 12, []],
    ]);
    expect(getActiveExam(db)!.id).toBe(preset.id);
    expect(db.prepare('SELECT count(*) FROM exam WHERE active = 1').pluck().get()).toBe(1);
  });

  it('lists the collection\u2019s tags with parents, once per note', () => {
    const { db } = sampleCollection(MONDAY_9);
    db.prepare("UPDATE note SET tags = 'aws::security::iam aws::security' WHERE id = 1").run();
    db.prepare("UPDATE note SET tags = 'AWS::billing' WHERE id = 2").run();
    const tags = collectionTags(db);
    const count = (t: string) => tags.find((x) => x.tag.toLowerCase() === t)?.notes;
    expect(count('aws')).toBe(2);
    expect(count('aws::security')).toBe(1);
    expect(count('aws::security::iam')).toBe(1);
    expect(count('aws::billing')).toBe(1);
  });
});

describe('the membership rule', () => {
  const mapping = domainMapping({
    domains: [
      { id: 1, name: 'A', weight: 1, decks: [{ id: 10, name: 'Deck ten' }], tags: ['aws'] },
      { id: 2, name: 'B', weight: 1, decks: [], tags: ['aws::security', 'Billing'] },
      { id: 3, name: 'C', weight: 1, decks: [{ id: 11, name: 'Deck eleven' }], tags: [] },
    ],
  });

  it('gives each tag the domain of its most specific mapped tag, case-insensitively, and sub-tags follow their parent', () => {
    expect(tagDomains('aws::security::iam', mapping)).toEqual([2]);
    expect(tagDomains('aws::compute', mapping)).toEqual([1]);
    expect(tagDomains('AWS', mapping)).toEqual([1]);
    expect(tagDomains('billing::support', mapping)).toEqual([2]);
    // "awsx" is not a sub-tag of "aws".
    expect(tagDomains('awsx aws-security', mapping)).toEqual([]);
    // Tags reaching several domains count in each, once.
    expect(tagDomains('aws::compute aws::security billing', mapping)).toEqual([1, 2]);
  });

  it('prefers tags over the deck, and falls back to the deck', () => {
    expect(cardDomains(11, 'aws::security', mapping)).toEqual([2]);
    expect(cardDomains(11, 'unrelated', mapping)).toEqual([3]);
    expect(cardDomains(12, '', mapping)).toEqual([]);
    expect(cardDomains(10, '', mapping)).toEqual([1]);
  });
});

/** A history on three decks; Other's notes are tagged so tags can move its cards between domains. */
function taggedCollection() {
  const c = sampleCollection(MONDAY_9);
  const extra = installDeckSource(c.db, parseDeckSource(deckText('extra', 'Extra', 5), 'extra.md'), MONDAY_9).deckId;
  const other = installDeckSource(c.db, parseDeckSource(deckText('other', 'Other', 6), 'other.md'), MONDAY_9).deckId;
  const ids = (deck: number) => c.db.prepare('SELECT id FROM card WHERE deck_id = ? ORDER BY id').pluck().all(deck) as number[];
  const answer = (cardId: number, rating: 'again' | 'hard' | 'good' | 'easy') => c.study.answer({ cardId, rating, durationMs: 0 });
  const [s1, s2] = ids(c.deckId) as [number, number];
  const [e1, e2] = ids(extra) as [number, number];
  const [o1, o2, o3] = ids(other) as [number, number, number];
  answer(s1, 'good');
  answer(o1, 'easy');
  answer(e1, 'good');
  c.clock.advance(DAY + 3 * HOUR);
  answer(s2, 'hard');
  answer(o2, 'good');
  answer(o3, 'again');
  c.clock.advance(3 * DAY);
  answer(e2, 'easy');
  answer(o1, 'good');
  const note = (card: number) => c.db.prepare('SELECT note_id FROM card WHERE id = ?').pluck().get(card) as number;
  const tag = (card: number, tags: string) => c.db.prepare('UPDATE note SET tags = ? WHERE id = ?').run(tags, note(card));
  tag(o1, 'aws::security::iam');
  tag(o2, 'AWS::Security other');
  tag(o3, 'aws::billing aws::security');
  tag(e1, 'aws::security');
  return { ...c, extra, other };
}

function direct(db: Database, exam: ExamProfile, at: number) {
  const rows = db
    .prepare('SELECT c.id, c.deck_id, c.state, c.stability, c.last_review, n.tags FROM card c JOIN note n ON n.id = c.note_id WHERE c.suspended = 0')
    .all() as { id: number; deck_id: number; state: number; stability: number; last_review: number | null; tags: string }[];
  const mapping = domainMapping(exam);
  return rows.map((r) => {
    const reviewed = r.state !== 0 && r.last_review !== null;
    return { domains: cardDomains(r.deck_id, r.tags, mapping), deck: r.deck_id, reviewed, recall: reviewed ? forgetting_curve(W, (at - r.last_review!) / DAY, r.stability) : 0 };
  });
}

describe('readiness, projection and practice with tag mappings', () => {
  it('per-domain and overall readiness equal a per-card ts-fsrs computation under the rule', () => {
    const { db, deckId, extra, other } = taggedCollection();
    const exam0 = threeDomainExam(db);
    const [alpha, beta, gamma] = exam0.domains as [ExamProfile['domains'][0], ExamProfile['domains'][0], ExamProfile['domains'][0]];
    mapDeckToDomain(db, deckId, alpha.id);
    mapDeckToDomain(db, extra, alpha.id);
    mapDeckToDomain(db, other, beta.id);
    mapTagToDomain(db, 'aws::security', gamma.id);
    mapTagToDomain(db, 'aws::billing', alpha.id);
    const exam = getExam(db, exam0.id);
    const r = computeReadiness(db, exam, { now: MONDAY_9 });
    const cards = direct(db, exam, EXAM_START);
    const mean = (xs: number[]) => xs.reduce((a, x) => a + x, 0) / xs.length;
    for (const d of r.perDomain) {
      const mine = cards.filter((c) => c.domains.includes(d.domainId));
      expect(d.cards).toBe(mine.length);
      expect(d.reviewed).toBe(mine.filter((c) => c.reviewed).length);
      expect(d.predictedRecall).toBeCloseTo(mean(mine.map((c) => c.recall)), 12);
    }
    // Tag over deck: the security-tagged Other and Extra cards left Beta and Alpha for Gamma; the
    // billing+security card counts in both Alpha and Gamma.
    expect(r.perDomain.map((d) => d.cards)).toEqual([6 + 4 + 1, 3, 4]);
    expect(r.perDomain[2]).toMatchObject({ covered: true, decks: 0, tags: 1 });
    // Overall coverage counts each card once.
    const mapped = cards.filter((c) => c.domains.length);
    expect(r.cards).toBe(mapped.length);
    expect(r.coverage).toBeCloseTo(mapped.filter((c) => c.reviewed).length / mapped.length, 12);
    expect(r.predictedRecall).toBeCloseTo(r.perDomain.reduce((a, d) => a + d.weight * d.predictedRecall!, 0), 12);
    // Per-deck readiness stays per deck.
    const otherDeck = r.perDeck.find((d) => d.deckId === other)!;
    const otherCards = cards.filter((c) => c.deck === other);
    expect(otherDeck).toMatchObject({ domain: 'Beta', cards: otherCards.length });
    expect(otherDeck.predictedRecall).toBeCloseTo(mean(otherCards.map((c) => c.recall)), 12);
  });

  it('the projection groups cards the same way: tags that follow the decks give the deck mapping\u2019s figures', () => {
    const a = taggedCollection();
    const b = taggedCollection();
    for (const c of [a, b]) {
      c.db.prepare("UPDATE note SET tags = 'deck::other' WHERE deck_id = ?").run(c.other);
      c.db.prepare("UPDATE note SET tags = '' WHERE deck_id != ?").run(c.other);
    }
    const setUp = (c: typeof a, byTag: boolean) => {
      const e = threeDomainExam(c.db);
      mapDeckToDomain(c.db, c.deckId, e.domains[0]!.id);
      if (byTag) mapTagToDomain(c.db, 'deck', e.domains[1]!.id);
      else mapDeckToDomain(c.db, c.other, e.domains[1]!.id);
      return getExam(c.db, e.id);
    };
    const pa = computeProjection(a.db, setUp(a, true), { now: a.clock.read() });
    const pb = computeProjection(b.db, setUp(b, false), { now: b.clock.read() });
    expect(pa.totalAnswers).toBeGreaterThan(0);
    expect(pa.perDomain).toEqual(pb.perDomain);
    expect(pa.predictedRecall).toBeCloseTo(pb.predictedRecall!, 12);
  });

  it('practice questions come from the cards the rule puts in each domain', () => {
    const { db, extra, other } = taggedCollection();
    const exam0 = threeDomainExam(db);
    const [alpha, beta, gamma] = exam0.domains as [ExamProfile['domains'][0], ExamProfile['domains'][0], ExamProfile['domains'][0]];
    mapDeckToDomain(db, extra, alpha.id);
    mapDeckToDomain(db, other, beta.id);
    mapTagToDomain(db, 'aws::security', gamma.id);
    const exam = getExam(db, exam0.id);
    let seed = 1;
    const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const questions = generateQuestions(db, exam, { questions: 10 }, rand);
    // Some cards can't be asked (fewer than 3 other different answers near them); most can.
    expect(questions.length).toBeGreaterThanOrEqual(6);
    const mapping = domainMapping(exam);
    for (const q of questions) {
      const row = db.prepare('SELECT c.deck_id, n.tags FROM card c JOIN note n ON n.id = c.note_id WHERE c.id = ?').get(q.cardId) as { deck_id: number; tags: string };
      expect(cardDomains(row.deck_id, row.tags, mapping)).toContain(q.domainId);
    }
    // Gamma has no deck: its questions come from the security-tagged cards of Extra and Other.
    // (Beta keeps 3 cards, too few for 3 different distractors each.)
    expect(new Set(questions.map((q) => q.domain))).toEqual(new Set(['Alpha', 'Gamma']));
  });
});

describe('migration 0007', () => {
  it('adds tag_domain to a version-6 collection and keeps its exam and deck mappings', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'stratus-m7-')), 'c.stratus');
    const old = openCollection(file, { migrations: MIGRATIONS.slice(0, 6) });
    const { deckId } = installDeckSource(old, parseDeckSource(deckText('m', 'Mig', 3), 'm.md'), 0);
    old.prepare("INSERT INTO exam (id, name, pass_mark, total_questions, scored_questions, active, created_at) VALUES (1, 'Old', 700, 65, 50, 1, 0)").run();
    old.prepare("INSERT INTO exam_domain (id, exam_id, name, weight, position) VALUES (1, 1, 'Only', 100, 0)").run();
    old.prepare('INSERT INTO deck_domain (exam_id, deck_id, domain_id) VALUES (1, ?, 1)').run(deckId);
    expect(old.pragma('user_version', { simple: true })).toBe(6);
    old.close();
    const db = openCollection(file);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(getActiveExam(db)).toMatchObject({ name: 'Old', domains: [{ name: 'Only', decks: [{ id: deckId }], tags: [] }] });
    mapTagToDomain(db, 'x', 1);
    // The composite key keeps a tag's domain inside its exam.
    expect(() => db.prepare("INSERT INTO tag_domain (exam_id, tag, domain_id) VALUES (2, 'y', 1)").run()).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare("INSERT INTO tag_domain (exam_id, tag, domain_id) VALUES (1, 'X', 1)").run()).toThrow(/UNIQUE/);
    db.close();
  });
});

describe('CLI: editing the exam', () => {
  const decksFolder = resolve('decks');
  async function cli(args: string[]) {
    let out = '';
    let err = '';
    const status = await runCli(args, { env: {}, decksFolder, stdout: (s) => (out += s), stderr: (s) => (err += s) });
    return { status, out, err, json: () => JSON.parse(out) as ExamProfile };
  }

  it('sets the fields, edits domains and maps tags; bad input names the field', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'stratus-exam-edit-')), 'c.stratus');
    const base = ['--db', db, '--now', '2026-11-23T09:00:00Z', '--json'];
    const set = (await cli(['exam', '--name', 'Mine', '--pass-mark', '650', '--max-score', '900', '--questions', '60', '--scored', '45', ...base])).json();
    expect(set).toMatchObject({ name: 'Mine', passMark: 650, maxScore: 900, totalQuestions: 60, scoredQuestions: 45 });
    expect((await cli(['exam', 'domain', 'add', 'Networking', '--weight', '10', ...base])).json().domains.at(-1)).toMatchObject({ name: 'Networking', weight: 10 });
    expect((await cli(['exam', 'domain', 'rename', 'networking', 'Network', ...base])).json().domains.at(-1)!.name).toBe('Network');
    expect((await cli(['exam', 'domain', 'weight', 'Network', '15', ...base])).json().domains.at(-1)!.weight).toBe(15);
    expect((await cli(['exam', 'domain', 'move', 'Network', 'up', ...base])).json().domains.map((d) => d.name).at(-2)).toBe('Network');
    const tagged = (await cli(['exam', '--map-tag', 'aws::vpc=Network', ...base])).json();
    expect(tagged.domains.find((d) => d.name === 'Network')!.tags).toEqual(['aws::vpc']);
    expect((await cli(['exam', '--map-tag', 'aws::vpc=none', ...base])).json().domains.every((d) => d.tags.length === 0)).toBe(true);
    expect((await cli(['exam', 'domain', 'remove', 'Network', ...base])).json().domains).toHaveLength(4);
    expect((await cli(['exam', '--pass-mark', '950', ...base])).err).toMatch(/The pass mark must be a whole number from 1 to 900\./);
    expect((await cli(['exam', '--scored', 'ten', ...base])).err).toMatch(/--scored "ten" must be a whole number above 0\./);
    expect((await cli(['exam', 'domain', 'add', 'X', ...base])).err).toMatch(/needs a weight/);
    expect((await cli(['exam', '--map-tag', 'a=Nope', ...base])).err).toMatch(/"Nope" is not a domain of Mine/);
    expect((await cli(['exam', 'reset', ...base])).json()).toMatchObject({ name: 'AWS Certified Cloud Practitioner (CLF-C02)', passMark: 700 });
  });
});
