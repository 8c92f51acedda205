// Bad .apkg input: each is refused with one sentence naming the file, and random or mutated
// packages (fast-check) never crash the parser or hang it: the answer is ParsedNotes or a
// StratusError.
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { StratusError } from '../../electron/core/errors';
import { parseApkg, type ApkgOptions } from '../../electron/core/import/apkg';
import { writeMessage } from '../../electron/core/import/anki/protobuf';
import { BASIC, CLOZE, REVERSED, buildApkg, buildCollection, zstdStored, type FixtureNote } from './fixtures/apkg/build';

const NOTES: FixtureNote[] = [
  { guid: 'a', notetype: BASIC, fields: ['Front A', 'Back A'], tags: ['t'], deck: 'P::C', cards: [{ ord: 0, queue: 2, revlog: [{ id: 1_700_000_000_000, ease: 3 }] }] },
  { guid: 'b', notetype: REVERSED, fields: ['B1', 'B2'] },
  { guid: 'c', notetype: CLOZE, fields: ['{{c1::x}} and {{c2::y::hint}}', ''] },
];
const collection = buildCollection({ schema: 11, notes: NOTES });
const valid = buildApkg({ collection, media: 2 });

function message(bytes: Uint8Array, options: ApkgOptions = {}): string {
  try {
    parseApkg(bytes, 'bad.apkg', options);
  } catch (err) {
    expect(err).toBeInstanceOf(StratusError);
    return (err as Error).message;
  }
  throw new Error('parseApkg accepted the input');
}

describe('parseApkg refuses bad packages with a clear message', () => {
  it('an empty file', () => {
    expect(message(new Uint8Array())).toBe('bad.apkg: the file is empty.');
  });

  it('a file that is not a zip', () => {
    expect(message(strToU8('front,back\nWhat is S3?,Object storage\n'))).toBe('bad.apkg: the file is not an Anki package (it is not a zip file).');
  });

  it('a truncated package', () => {
    const expected = 'bad.apkg: the file is damaged or incomplete (the zip directory at its end is missing; was the download cut short?).';
    expect(message(valid.subarray(0, Math.floor(valid.length * 0.6)))).toBe(expected);
    expect(message(valid.subarray(0, valid.length - 5))).toBe(expected);
  });

  it('a zip without an Anki collection', () => {
    expect(message(zipSync({ 'readme.txt': strToU8('hello') }))).toBe(
      'bad.apkg: the file has no Anki collection inside (no collection.anki2, collection.anki21 or collection.anki21b); is it an Anki deck package?',
    );
  });

  it('a zip bomb that declares a huge size, refused before inflating', () => {
    const bomb = valid.slice();
    setDeclaredSize(bomb, 'collection.anki2', 0xfffffff0);
    expect(message(bomb)).toBe(
      'bad.apkg: the file would expand to more than 1 GiB ("collection.anki2" alone declares 4.0 GiB), so it was not unpacked (a zip bomb?).',
    );
  });

  it('a real zip bomb above the limit', () => {
    const zeros = zipSync({ 'collection.anki2': [new Uint8Array(32 * 2 ** 20), { level: 9 }] });
    expect(zeros.length).toBeLessThan(100_000);
    expect(message(zeros, { maxExpandedBytes: 8 * 2 ** 20 })).toBe(
      'bad.apkg: the file would expand to more than 8 MiB ("collection.anki2" alone declares 32 MiB), so it was not unpacked (a zip bomb?).',
    );
  });

  it('a zip whose declared size is smaller than what it inflates to (cut off, then reported as damaged)', () => {
    const liar = valid.slice();
    setDeclaredSize(liar, 'collection.anki2', 4096);
    expect(message(liar)).toMatch(/^bad\.apkg: the file has a damaged "collection\.anki2" \(.+\)\.$/);
  });

  it('too many entries', () => {
    const files: Record<string, Uint8Array> = { 'collection.anki2': collection };
    for (let i = 0; i < 50; i++) files[String(i)] = strToU8('x');
    expect(message(zipSync(files), { maxEntries: 20 })).toBe(
      'bad.apkg: the file has more than 20 files inside, which is more than an Anki package holds (a zip bomb?), so it was not opened.',
    );
  });

  it('a zstd bomb in collection.anki21b', () => {
    // 200 RLE blocks of 128 KiB each: 12 bytes of input per 25 MiB of output.
    const blocks: number[] = [];
    for (let i = 0; i < 200; i++) {
      const header = ((128 * 1024) << 3) | (1 << 1) | (i === 199 ? 1 : 0);
      blocks.push(header & 0xff, (header >> 8) & 0xff, (header >> 16) & 0xff, 0);
    }
    const frame = Uint8Array.from([0x28, 0xb5, 0x2f, 0xfd, 0x00, 0x38, ...blocks]);
    const apkg = zipSync({ 'collection.anki21b': frame, meta: writeMessage([[1, 3]]) });
    expect(message(apkg, { maxExpandedBytes: 16 * 2 ** 20 })).toBe(
      'bad.apkg: the file would expand "collection.anki21b" to up to 16.1 MiB, more than the 16 MiB allowed, so it was not unpacked (a zip bomb?).',
    );
  });

  it('a zstd frame declaring a huge size or window', () => {
    // Frame content size flag 3 (8 bytes) = 2^40, single segment.
    const header = [0x28, 0xb5, 0x2f, 0xfd, 0xe0, 0, 0, 0, 0, 0, 1, 0, 0];
    const apkg = zipSync({ 'collection.anki21b': Uint8Array.from([...header, 1, 0, 0]), meta: writeMessage([[1, 3]]) });
    expect(message(apkg)).toBe('bad.apkg: the file asks for a 1024 GiB window to unpack "collection.anki21b", more than the 1 GiB allowed, so it was not unpacked.');
  });

  it('a damaged zstd stream', () => {
    const frame = zstdStored(collection);
    const apkg = zipSync({ 'collection.anki21b': frame.subarray(0, frame.length - 100), meta: writeMessage([[1, 3]]) });
    expect(message(apkg)).toBe('bad.apkg: the file has a damaged "collection.anki21b" (zstd: truncated block).');
  });

  it('a package from a newer Anki', () => {
    expect(message(zipSync({ 'collection.anki21b': zstdStored(collection), meta: writeMessage([[1, 4]]) }))).toBe(
      'bad.apkg: the file was made by a newer Anki than this app can read (export it again with "Support older Anki versions" ticked).',
    );
  });

  it('a collection that is not an SQLite database', () => {
    expect(message(zipSync({ 'collection.anki2': strToU8('x'.repeat(4096)) }))).toBe(
      'bad.apkg: the file has a damaged "collection.anki2" (it is not an SQLite database).',
    );
  });

  it('a corrupt SQLite collection', () => {
    const corrupt = collection.slice();
    for (let i = 100; i < corrupt.length; i += 7) corrupt[i] = 0xa5;
    expect(message(buildApkg({ collection: corrupt }))).toMatch(/^bad\.apkg: the file has a damaged "collection\.anki2" \((database disk image is malformed|file is not a database)\)\.$/);
  });

  it('an SQLite database that is not an Anki collection', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE col (ver); CREATE TABLE cards (id); CREATE VIEW notes AS SELECT 1 AS id');
    const other = new Uint8Array(db.serialize());
    db.close();
    expect(message(buildApkg({ collection: other }))).toBe('bad.apkg: the file has no Anki collection in "collection.anki2" (its "notes" table is missing).');
  });
});

/** Rewrites an entry's uncompressed size in the zip's central directory. */
function setDeclaredSize(zip: Uint8Array, name: string, size: number): void {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  for (let i = 0; i < zip.length - 46; i++) {
    if (view.getUint32(i, true) !== 0x02014b50) continue;
    const nameLength = view.getUint16(i + 28, true);
    if (new TextDecoder().decode(zip.subarray(i + 46, i + 46 + nameLength)) === name) {
      view.setUint32(i + 24, size, true);
      return;
    }
  }
  throw new Error(`no central directory entry for ${name}`);
}

// --- fuzzing ----------------------------------------------------------------------------------

/** Runs per property; raise it (APKG_FUZZ_RUNS=20000) for a longer hunt. */
const RUNS = Number(process.env.APKG_FUZZ_RUNS ?? 300);

/** ParsedNotes or a StratusError, within a time bound; anything else fails the property. */
function parsesOrRefuses(bytes: Uint8Array): void {
  const started = performance.now();
  try {
    const parsed = parseApkg(bytes, 'fuzz.apkg', { maxExpandedBytes: 64 * 2 ** 20 });
    expect(Array.isArray(parsed.notes)).toBe(true);
  } catch (err) {
    if (!(err instanceof StratusError)) throw err;
    expect(err.message.startsWith('fuzz.apkg: the file ')).toBe(true);
  }
  expect(performance.now() - started).toBeLessThan(5000);
}

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }) }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(source: Uint8Array, mutations: Mutation[]): Uint8Array {
  let out = source.slice();
  for (const m of mutations) {
    const at = out.length ? m.at % out.length : 0;
    if (m.kind === 'set') out[at] = m.value;
    else if (m.kind === 'cut') out = out.slice(0, at);
    else out = Uint8Array.from([...out.subarray(0, at), ...m.bytes, ...out.subarray(at)]);
  }
  return out;
}

describe('parseApkg under fuzzing', () => {
  it('random bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 4096 }), (bytes) => parsesOrRefuses(bytes)), { numRuns: RUNS });
  });

  it('random bytes behind a zip signature', () => {
    const pk = fc.uint8Array({ minLength: 22, maxLength: 4096 }).map((b) => Uint8Array.from([0x50, 0x4b, 0x03, 0x04, ...b]));
    fc.assert(fc.property(pk, (bytes) => parsesOrRefuses(bytes)), { numRuns: RUNS });
  });

  it('mutated valid packages (deflated and stored)', () => {
    const stored = zipSync({ 'collection.anki2': [collection, { level: 0 }], media: strToU8('{}') });
    const source = fc.constantFrom(valid, stored);
    fc.assert(fc.property(source, fc.array(mutation, { minLength: 1, maxLength: 8 }), (s, ms) => parsesOrRefuses(mutate(s, ms))), { numRuns: RUNS });
  });

  it('valid zips around mutated collections (schema 11 and 18, zstd)', () => {
    const modern = buildCollection({ schema: 18, notes: NOTES });
    const pack = (entry: 'collection.anki2' | 'collection.anki21b', db: Uint8Array) =>
      entry === 'collection.anki2' ? zipSync({ [entry]: db }) : zipSync({ [entry]: zstdStored(db), meta: writeMessage([[1, 3]]) });
    fc.assert(
      fc.property(fc.constantFrom(['collection.anki2', collection] as const, ['collection.anki21b', modern] as const), fc.array(mutation, { minLength: 1, maxLength: 6 }), ([entry, db], ms) =>
        parsesOrRefuses(pack(entry, mutate(db, ms.filter((m) => m.kind === 'set')))),
      ),
      { numRuns: RUNS },
    );
  });
});
