// CSV / TSV import: Anki's header lines, separator detection, Quizlet exports, sloppy quoting,
// rows with the wrong number of columns, and files that are not CSV at all.
import { describe, expect, it } from 'vitest';
import { keyFromGuid, guidFromKey, parseDelimited, parseDelimitedText } from '../../electron/core/import/csv';
import type { ParsedNotes } from '../../electron/core/import/types';

const parse = (text: string, file = 'cards.csv', format?: 'csv' | 'tsv'): ParsedNotes => parseDelimitedText(text, file, format ? { format } : {});
const sides = (p: ParsedNotes) => p.notes.map((n) => [n.cards[0]!.front, n.cards[0]!.back]);
const bytes = (s: string) => new TextEncoder().encode(s);

describe('separators', () => {
  it.each([
    ['comma', 'Region,A physical location\nAZ,One or more data centres\n'],
    ['semicolon', 'Region;A physical location\nAZ;One or more data centres\n'],
    ['tab', 'Region\tA physical location\nAZ\tOne or more data centres\n'],
    ['pipe', 'Region|A physical location\nAZ|One or more data centres\n'],
  ])('detects %s', (_name, text) => {
    expect(sides(parse(text))).toEqual([
      ['Region', 'A physical location'],
      ['AZ', 'One or more data centres'],
    ]);
  });

  it('prefers the separator that splits every line the same way', () => {
    // Commas inside the text, tabs between the columns.
    const p = parse('Region\tA location, with data centres\nAZ\tOne, two or three data centres\n');
    expect(p.format).toBe('tsv');
    expect(sides(p)).toEqual([
      ['Region', 'A location, with data centres'],
      ['AZ', 'One, two or three data centres'],
    ]);
  });

  it('reads a .tsv file as tab-separated even when the text holds commas', () => {
    expect(sides(parse('a, b\tc, d\n', 'x.tsv', 'tsv'))).toEqual([['a, b', 'c, d']]);
  });

  it('refuses a file with one column and names the line', () => {
    expect(() => parse('just some words\nand more words\n', 'words.csv')).toThrow('words.csv, line 1: no separator found');
  });
});

describe('Quizlet exports', () => {
  it('reads term<TAB>definition lines, quotes in the text included', () => {
    const p = parse('S3\t"Simple" Storage Service\nEC2\tElastic Compute Cloud — virtual "servers"\n', 'quizlet.txt');
    expect(sides(p)).toEqual([
      ['S3', '"Simple" Storage Service'],
      ['EC2', 'Elastic Compute Cloud — virtual "servers"'],
    ]);
    expect(p.skipped).toEqual([]);
  });
});

describe('sloppy quoting', () => {
  it('accepts a space before an opening quote', () => {
    expect(sides(parse('Region, "A place, with zones"\nAZ,  "Data centres, one or more"  \n'))).toEqual([
      ['Region', 'A place, with zones'],
      ['AZ', 'Data centres, one or more'],
    ]);
  });

  it('accepts curly quotes as field quotes around a separator, and keeps them as text elsewhere', () => {
    expect(sides(parse('\u201cRegion, AWS\u201d,\u201cA place, with zones\u201d\nAZ,\u201dData centres\u201d\n'))).toEqual([
      ['Region, AWS', 'A place, with zones'],
      ['AZ', '\u201dData centres\u201d'],
    ]);
  });

  it('keeps stray quotes inside a quoted field as text instead of swallowing the next rows', () => {
    const p = parse('"He said "hi" there",greeting\nnext,row\n');
    expect(sides(p)).toEqual([
      ['"He said "hi" there"', 'greeting'],
      ['next', 'row'],
    ]);
  });

  it('reads well-formed quoting as CSV defines it: doubled quotes, separators and newlines inside quotes', () => {
    const p = parse('"Say ""cheese""","one,\ntwo"\nnext,row\n');
    expect(sides(p)).toEqual([
      ['Say "cheese"', 'one,\ntwo'],
      ['next', 'row'],
    ]);
    expect(p.notes.map((n) => n.source.line)).toEqual([1, 3]);
  });

  it('turns <br> into line breaks in plain-text files and keeps HTML in HTML files', () => {
    expect(sides(parse('Front,one<br>two<BR/>three\n'))).toEqual([['Front', 'one\ntwo\nthree']]);
    expect(sides(parse('Front,<b>one</b><br>two\n'))).toEqual([['Front', '<b>one</b><br>two']]);
    expect(sides(parse('#html:false\nFront,<i>one</i><br>two\n'))).toEqual([['Front', '<i>one</i>\ntwo']]);
  });

  it('reads CRLF files and a UTF-8 byte order mark', () => {
    const p = parseDelimited(bytes('\uFEFFFront,Back\r\nRegion,A place\r\n'), 'win.csv');
    expect(sides(p)).toEqual([['Region', 'A place']]);
    expect(p.notes[0]!.source.line).toBe(2);
  });
});

describe('rows with the wrong number of columns', () => {
  it('imports the good rows and reports the bad ones with their line', () => {
    const p = parse('Region,A place\nAZ,Data centres,extra\nEdge,A cache site\nalone\n');
    expect(sides(p)).toEqual([
      ['Region', 'A place'],
      ['Edge', 'A cache site'],
    ]);
    expect(p.skipped).toMatchObject([
      { file: 'cards.csv', line: 2, reason: expect.stringContaining('the row has 3 columns where this file\'s rows have 2') },
      { file: 'cards.csv', line: 4, reason: expect.stringContaining('the row has 1 column where') },
    ]);
  });

  it('accepts a trailing separator and a missing tags column', () => {
    const p = parse('#separator:comma\n#tags column:3\nRegion,A place,geo\nAZ,Data centres,\nEdge,A cache site\n');
    expect(sides(p)).toHaveLength(3);
    expect(p.notes.map((n) => n.tags)).toEqual([['geo'], [], []]);
    expect(p.skipped).toEqual([]);
  });

  it('reports empty fronts and backs, comment lines and duplicate fronts', () => {
    const p = parse('Region,A place\n,no front\nAZ,\n# a comment\nregion ,Another place\n');
    expect(sides(p)).toEqual([['Region', 'A place']]);
    expect(p.skipped.map((s) => [s.line, s.reason])).toEqual([
      [2, 'the front is empty.'],
      [3, 'the back is empty (a card needs an answer).'],
      [4, 'the line starts with "#", which marks a comment in Anki text files.'],
      [5, 'the row has the same front as line 1; only the first is imported.'],
    ]);
  });
});

describe("Anki's header lines", () => {
  const ANKI = [
    '#separator:tab',
    '#html:true',
    '#tags:aws exam',
    '#deck:Fallback deck',
    '#guid column:1',
    '#notetype column:2',
    '#deck column:3',
    '#tags column:6',
    'f00Gu1d\tBasic\tAWS::Storage\tWhat is <b>S3</b>?\tObject storage\ts3',
    'r3v3rs3\tBasic (and reversed card)\t\tEBS\tBlock storage\t',
    'cl0z3\tCloze\tAWS::Storage\t{{c1::Glacier}} is for {{c2::archives::what?}}\tCheap\t',
  ].join('\n');

  it('reads separator, HTML, tags, deck, note type and guid columns', () => {
    const p = parse(ANKI, 'anki-export.txt');
    expect(p.format).toBe('tsv');
    expect(p.skipped).toEqual([]);
    expect(p.notes.map((n) => ({ key: n.key, deck: n.deck, kind: n.kind, tags: n.tags, line: n.source.line }))).toEqual([
      { key: 'anki:f00Gu1d', deck: 'AWS::Storage', kind: 'basic', tags: ['aws', 'exam', 's3'], line: 9 },
      { key: 'anki:r3v3rs3', deck: 'Fallback deck', kind: 'reversed', tags: ['aws', 'exam'], line: 10 },
      { key: 'anki:cl0z3', deck: 'AWS::Storage', kind: 'cloze', tags: ['aws', 'exam'], line: 11 },
    ]);
    expect(p.notes[0]!.cards).toEqual([{ ord: 0, front: 'What is <b>S3</b>?', back: 'Object storage' }]);
    expect(p.notes[1]!.cards).toEqual([
      { ord: 0, front: 'EBS', back: 'Block storage' },
      { ord: 1, front: 'Block storage', back: 'EBS' },
    ]);
    expect(p.notes[2]!.fields).toEqual(['{{c1::Glacier}} is for {{c2::archives::what?}}', 'Cheap']);
    expect(p.notes[2]!.cards).toEqual([
      { ord: 0, front: '[...] is for archives', back: 'Glacier\n\nCheap' },
      { ord: 1, front: 'Glacier is for [what?]', back: 'archives\n\nCheap' },
    ]);
    expect(p.defaultDeck).toBe('Fallback deck');
  });

  it('reads #columns and a global #notetype, and the legacy "tags:" first line', () => {
    const p = parse('tags:legacy\n#separator:semicolon\n#columns:Tags;Front;Back\n#notetype:Basic (and reversed card)\nt1;Q;A\n', 'cols.csv');
    expect(p.notes).toEqual([
      expect.objectContaining({ kind: 'reversed', tags: ['legacy', 't1'], fields: ['Q', 'A'], cards: [{ ord: 0, front: 'Q', back: 'A' }, { ord: 1, front: 'A', back: 'Q' }] }),
    ]);
  });

  it('reads a first row of column names as a header and says so', () => {
    const p = parse('Term,Definition,Tags\nRegion,A place,geo\n');
    expect(sides(p)).toEqual([['Region', 'A place']]);
    expect(p.notes[0]!.tags).toEqual(['geo']);
    expect(p.notices).toEqual(['Line 1 was read as column names (Term, Definition, Tags), not as a card.']);
  });

  it('takes a third unnamed column as tags, as Anki does', () => {
    expect(parse('Region,A place,geo aws\n').notes[0]!.tags).toEqual(['geo', 'aws']);
  });

  it('reports a cloze row without a cloze deletion', () => {
    const p = parse('#separator:comma\n#notetype:Cloze\nNo deletion here,extra\n{{c1::Yes}},\n');
    expect(p.notes).toHaveLength(1);
    expect(p.skipped).toMatchObject([{ file: 'cards.csv', line: 3, reason: 'the note type is Cloze but the text has no cloze deletion like {{c1::answer}}.' }]);
  });

  it.each([
    ['#separator:dash\na-b\n', 'cards.csv, line 1: "#separator:dash" is not a separator'],
    ['#html:maybe\na,b\n', 'cards.csv, line 1: "#html:" must be true or false'],
    ['#separator:comma\n#guid column:zero\na,b\n', 'cards.csv, line 2: "#guid column:" needs a column number'],
    ['#separator:comma\n#html:true\n', 'cards.csv: the file has no rows of cards'],
  ])('refuses a broken header: %j', (text, message) => {
    expect(() => parse(text)).toThrow(message);
  });

  it('gives Stratus keys and Anki guids back as they were', () => {
    expect(keyFromGuid(guidFromKey('md:notes/vpc.md:subnet'))).toBe('md:notes/vpc.md:subnet');
    expect(keyFromGuid(guidFromKey('anki:Ab#1'))).toBe('anki:Ab#1');
    expect(guidFromKey('anki:Ab#1')).toBe('Ab#1');
  });
});

describe('identity', () => {
  it('keys a row without a guid by file name and front, ignoring case and spacing', () => {
    const a = parse('Region,A place\n', 'folder/aws.csv').notes[0]!.key;
    const b = parse('  region ,A different place\n', 'elsewhere/aws.csv').notes[0]!.key;
    expect(a).toBe('csv:aws.csv:region');
    expect(b).toBe(a);
  });
});

describe('files that are not CSV', () => {
  it.each([
    [new Uint8Array(), 'x.csv: the file is empty.'],
    [bytes('a,b\n\0\0\0'), 'x.csv, line 2: the file contains binary data'],
    [new Uint8Array([0x61, 0x2c, 0x62, 0x0a, 0xc3, 0x28]), 'x.csv, line 2: the file is not valid UTF-8'],
    [new Uint8Array([0xff, 0xfe, 0x61, 0x00]), 'x.csv: the file is UTF-16 text'],
    [bytes(`a,${'b'.repeat(200_001)}\n`), 'x.csv, line 1: the line is 200,003 characters long'],
    [bytes('\n\n   \n'), 'x.csv: the file has only blank lines.'],
    [bytes('\x01\x02\x03\x04a,b\x05\x06\x07'), 'x.csv, line 1: the file is full of control characters'],
  ])('refuses %#', (input, message) => {
    expect(() => parseDelimited(input, 'x.csv')).toThrow(message);
  });
});
