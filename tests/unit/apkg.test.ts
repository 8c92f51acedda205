// Anki .apkg import: packages built in the test (fixtures/apkg/build.ts) in each collection
// layout, read back into ParsedNotes.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { parseApkg } from '../../electron/core/import/apkg';
import { BASIC, CLOZE, REVERSED, buildApkg, buildCollection, type FixtureNote, type FixtureNotetype } from './fixtures/apkg/build';

const T0 = Date.UTC(2025, 0, 6, 9, 0, 0);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const NOTES: FixtureNote[] = [
  { guid: 'basic-1', notetype: BASIC, fields: ['What does <b>IAM</b> stand for?', 'Identity and Access Management'], tags: ['aws', 'iam::basics'], deck: 'AWS::Security' },
  { guid: 'rev-1', notetype: REVERSED, fields: ['S3', 'Simple Storage Service'], deck: 'AWS' },
  {
    guid: 'cloze-1',
    notetype: CLOZE,
    fields: ['{{c1::EC2}} runs {{c2::virtual machines::what?}} in a {{c1::region}}.', 'See the EC2 docs.'],
    tags: ['compute'],
    deck: 'AWS::Compute',
  },
];

const layouts = [
  ['collection.anki2', 11],
  ['collection.anki21', 11],
  ['collection.anki21b', 18],
] as const;

describe.each(layouts)('parseApkg with %s (schema %i)', (entry, schema) => {
  const apkg = buildApkg({ entry, collection: buildCollection({ schema, notes: NOTES }), media: 3 });
  const parsed = parseApkg(apkg, 'aws.apkg');

  it('reads every note with its key, kind, deck, fields and tags', () => {
    expect(parsed.format).toBe('apkg');
    expect(parsed.skipped).toEqual([]);
    expect(parsed.notes.map((n) => [n.key, n.kind, n.deck, n.tags])).toEqual([
      ['anki:basic-1', 'basic', 'AWS::Security', ['aws', 'iam::basics']],
      ['anki:rev-1', 'reversed', 'AWS', []],
      ['anki:cloze-1', 'cloze', 'AWS::Compute', ['compute']],
    ]);
    expect(parsed.notes[0]!.fields).toEqual(NOTES[0]!.fields);
    expect(parsed.notes[0]!.source).toEqual({ file: 'aws.apkg', line: null });
    expect(parsed.defaultDeck).toBe('aws');
  });

  it('renders Basic cards from the templates, keeping the fields HTML', () => {
    expect(parsed.notes[0]!.cards).toEqual([
      { ord: 0, front: 'What does <b>IAM</b> stand for?', back: 'Identity and Access Management', suspended: false, history: [] },
    ]);
  });

  it('gives a reversed note a card in each direction', () => {
    expect(parsed.notes[1]!.cards.map((c) => [c.ord, c.front, c.back])).toEqual([
      [0, 'S3', 'Simple Storage Service'],
      [1, 'Simple Storage Service', 'S3'],
    ]);
  });

  it('makes one card per cloze number, hiding that cloze (with its hint) on the front', () => {
    expect(parsed.notes[2]!.cards.map((c) => [c.ord, c.front, c.back])).toEqual([
      [0, '[...] runs virtual machines in a [...].', 'EC2; region<br>\nSee the EC2 docs.'],
      [1, 'EC2 runs [what?] in a region.', 'virtual machines<br>\nSee the EC2 docs.'],
    ]);
  });

  it('counts the media files it skipped', () => {
    expect(parsed.notices).toContain('3 media files were skipped (images and sounds are not imported yet).');
  });
});

describe('parseApkg details', () => {
  const parse = (notes: FixtureNote[], extra: { schedVer?: number; media?: number; notetypes?: FixtureNotetype[] } = {}) =>
    parseApkg(
      buildApkg({ collection: buildCollection({ schema: 11, notes, schedVer: extra.schedVer, notetypes: extra.notetypes }), media: extra.media }),
      'deck.apkg',
    );

  it('reads the review history oldest first, and leaves out manual reschedules and unanswered entries', () => {
    const parsed = parse([
      {
        guid: 'h',
        notetype: BASIC,
        fields: ['Q', 'A'],
        cards: [
          {
            ord: 0,
            queue: 2,
            revlog: [
              { id: T0 + 3 * DAY, ease: 3, time: 4000, type: 1 },
              { id: T0, ease: 1, time: 12000, type: 0 },
              { id: T0 + 10 * 60_000, ease: 3, time: 6000, type: 0 },
              { id: T0 + 4 * DAY, ease: 0, time: 0, type: 4 }, // manual: "set due date"
              { id: T0 + 5 * DAY, ease: 3, time: 0, type: 5 }, // rescheduled
              { id: T0 + 9 * DAY, ease: 4, time: 61_000, type: 1 },
            ],
          },
        ],
      },
    ]);
    expect(parsed.notes[0]!.cards[0]!.history).toEqual([
      { reviewedAt: T0, rating: 1, durationMs: 12000 },
      { reviewedAt: T0 + 10 * 60_000, rating: 3, durationMs: 6000 },
      { reviewedAt: T0 + 3 * DAY, rating: 3, durationMs: 4000 },
      { reviewedAt: T0 + 9 * DAY, rating: 4, durationMs: 61_000 },
    ]);
    expect(parsed.notices).toContain(
      '2 Anki review-log entries were left out of the history (manual reschedules, entries without an answer, or reviews of cards not in the package).',
    );
  });

  it("maps the old v1 scheduler's three learning buttons to again / good / easy", () => {
    const parsed = parse(
      [
        {
          guid: 'v1',
          notetype: BASIC,
          fields: ['Q', 'A'],
          cards: [
            {
              ord: 0,
              revlog: [
                { id: T0, ease: 2, type: 0 }, // v1 learning "good"
                { id: T0 + HOUR, ease: 3, type: 0 }, // v1 learning "easy"
                { id: T0 + 3 * DAY, ease: 2, type: 1 }, // review "hard" stays hard
              ],
            },
          ],
        },
      ],
      { schedVer: 1 },
    );
    expect(parsed.notes[0]!.cards[0]!.history!.map((r) => r.rating)).toEqual([3, 4, 2]);
  });

  it('marks suspended cards and puts cards of a filtered deck back in their own deck', () => {
    const parsed = parse([
      { guid: 's', notetype: REVERSED, fields: ['A', 'B'], deck: 'Main', cards: [{ ord: 0, queue: -1 }, { ord: 1 }] },
      { guid: 'f', notetype: BASIC, fields: ['C', 'D'], cards: [{ ord: 0, deck: 'Filtered Deck 1', originalDeck: 'Home::Sub' }] },
    ]);
    expect(parsed.notes[0]!.cards.map((c) => c.suspended)).toEqual([true, false]);
    expect(parsed.notes[1]!.deck).toBe('Home::Sub');
  });

  it('renders custom note types through their templates: sections, filters, special fields', () => {
    const custom: FixtureNotetype = {
      id: 2001,
      name: 'Vocab',
      fields: ['Word', 'Meaning', 'Example', 'Audio'],
      templates: [
        {
          name: 'Recognise',
          qfmt: '{{Word}}{{Audio}}{{#Example}}<br><i>{{Example}}</i>{{/Example}}',
          afmt: '{{FrontSide}}<hr id=answer>{{Meaning}}{{^Example}} (no example){{/Example}} {{type:Word}}<small>{{Type}} / {{Card}}</small>',
        },
        { name: 'Plain', qfmt: '{{text:Meaning}}?', afmt: '{{hint:Word}}' },
      ],
    };
    const parsed = parse([{ guid: 'v', notetype: custom, fields: ['Wolke', '<b>cloud</b>', '', '[sound:wolke.mp3]'], tags: ['de'] }]);
    // Word → Meaning and Meaning → Word: a reversed pair, whatever the templates add around them.
    expect(parsed.notes[0]!.kind).toBe('reversed');
    expect(parsed.notes[0]!.cards.map((c) => [c.front, c.back])).toEqual([
      ['Wolke', '<b>cloud</b> (no example) <small>Vocab / Recognise</small>'],
      ['cloud?', '<details><summary>Hint</summary>Wolke</details>'],
    ]);
  });

  it('classifies two mirrored templates as reversed whatever the field names', () => {
    const mirrored: FixtureNotetype = {
      id: 2002,
      name: 'Term both ways',
      fields: ['Term', 'Definition'],
      templates: [
        { name: 'Forward', qfmt: '<div>{{Term}}</div>', afmt: '{{FrontSide}}<hr id=answer>{{Definition}}' },
        { name: 'Backward', qfmt: '{{Definition}}', afmt: '{{FrontSide}}<hr id=answer>{{Term}}' },
      ],
    };
    expect(parse([{ guid: 'm', notetype: mirrored, fields: ['VPC', 'Virtual Private Cloud'] }]).notes[0]!.kind).toBe('reversed');
    const twoQuestions: FixtureNotetype = {
      ...mirrored,
      id: 2003,
      fields: ['Term', 'Definition', 'Example'],
      templates: [mirrored.templates[0]!, { name: 'Use', qfmt: '{{Example}}', afmt: '{{FrontSide}}<hr id=answer>{{Term}}' }],
    };
    const optional: FixtureNotetype = {
      id: 2004,
      name: 'Basic (optional reversed card)',
      fields: ['Front', 'Back', 'Add Reverse'],
      templates: [REVERSED.templates[0]!, { name: 'Card 2', qfmt: '{{#Add Reverse}}{{Back}}{{/Add Reverse}}', afmt: '{{FrontSide}}<hr id=answer>{{Front}}' }],
    };
    const both = parse([
      { guid: 'o1', notetype: optional, fields: ['A', 'B', 'y'] },
      { guid: 'o2', notetype: optional, fields: ['C', 'D', ''], cards: [{ ord: 0 }] },
    ]);
    expect(both.notes.map((n) => [n.kind, n.cards.length])).toEqual([
      ['reversed', 2],
      ['basic', 1],
    ]);
    expect(parse([{ guid: 'u', notetype: twoQuestions, fields: ['VPC', 'Virtual Private Cloud', 'A ___ per region'] }]).notes[0]!.kind).toBe('basic');
  });

  it('skips, with the reason, cards whose front is only an image or a sound', () => {
    const parsed = parse([
      { guid: 'img', notetype: BASIC, fields: ['<img src="diagram.png">', 'The diagram'] },
      { guid: 'ok', notetype: BASIC, fields: ['Kept', 'yes'] },
    ]);
    expect(parsed.notes.map((n) => n.key)).toEqual(['anki:ok']);
    expect(parsed.skipped).toMatchObject([
      { file: 'deck.apkg', line: null, reason: 'note "diagram.png": card 1 ("Card 1") has an empty front once images and sounds are left out' },
    ]);
  });

  it('skips notes whose note type is missing, naming the note', () => {
    const ghost: FixtureNotetype = { ...BASIC, id: 9999 };
    const collection = buildCollection({ schema: 11, notes: [{ guid: 'g', notetype: ghost, fields: ['Orphan', 'x'] }], notetypes: [] });
    // Drop the note type from col.models after the fact.
    const parsed = parseApkg(buildApkg({ collection: withoutModels(collection) }), 'deck.apkg');
    expect(parsed.notes).toEqual([]);
    expect(parsed.skipped[0]!.reason).toBe('note "Orphan": its note type (id 9999) is missing from the package');
  });

  it('prefers collection.anki21 over the dummy collection.anki2 that newer packages carry', () => {
    const real = buildCollection({ schema: 11, notes: [NOTES[0]!] });
    const dummy = buildCollection({ schema: 11, notes: [{ guid: 'dummy', notetype: BASIC, fields: ['Please update to the latest Anki version', ''] }] });
    const parsed = parseApkg(buildApkg({ entry: 'collection.anki21', collection: real, extra: { 'collection.anki2': dummy } }), 'deck.apkg');
    expect(parsed.notes.map((n) => n.key)).toEqual(['anki:basic-1']);
  });

  it('reads a note as Anki shows it when its Stratus export data is damaged or not ours', () => {
    const parsed = parse([
      { guid: 'd1', notetype: BASIC, fields: ['Shown', 'as is'], data: '{"stratus":{"v":1,"key":"","kind":"basic","fields":[],"cards":[]}}' },
      { guid: 'd2', notetype: BASIC, fields: ['Also', 'as is'], data: '{"stratus": not json' },
      {
        guid: 'd3',
        notetype: BASIC,
        fields: ['HTML <b>in Anki</b>', 'x'],
        data: JSON.stringify({ stratus: { v: 1, key: 'md:note#1', kind: 'generated', fields: [], cards: [{ ord: 2, ankiOrd: 0, front: 'Markdown **in Stratus**', back: 'x' }] } }),
      },
    ]);
    expect(parsed.notes.map((n) => [n.key, n.kind, n.cards.map((c) => [c.ord, c.front])])).toEqual([
      ['anki:d1', 'basic', [[0, 'Shown']]],
      ['anki:d2', 'basic', [[0, 'Also']]],
      ['md:note#1', 'generated', [[2, 'Markdown **in Stratus**']]],
    ]);
  });

  it('has no media notice when there is no media', () => {
    expect(parse([NOTES[0]!]).notices).toEqual([]);
  });
});

function withoutModels(collection: Uint8Array): Uint8Array {
  const db = new Database(Buffer.from(collection));
  db.prepare("UPDATE col SET models = '{}'").run();
  const out = db.serialize();
  db.close();
  return new Uint8Array(out);
}
