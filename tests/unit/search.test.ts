import { describe, expect, it } from 'vitest';
import { searchCardIds } from '../../electron/core/browse';
import { compileQuery, parseQuery } from '../../electron/core/search';
import { browseFixture } from './browse-fixture';

const f = browseFixture();
const { card } = f;
const search = (query: string) => searchCardIds(f.db, { query }, f.now).sort((a, b) => a - b);
const ids = (...list: number[]) => [...list].sort((a, b) => a - b);

describe('query language: matches', () => {
  it.each([
    ['', Object.values(card)],
    ['storage', [card.s3, card.blob]],
    ['STORAGE', [card.s3, card.blob]],
    ['"object storage"', [card.s3, card.blob]],
    ['"object storage in"', [card.blob]],
    ['-storage', [card.iam, card.ec2, card.ec2Reverse, card.cloze1, card.cloze2]],
    ['S3', [card.s3, card.cloze1, card.cloze2]],
    ['Ama_on', [card.s3]],
    ['Vir*servers', [card.ec2, card.ec2Reverse]],
    ['storage object', [card.s3, card.blob]],
    ['storage Azure', [card.blob]],
  ])('free text %j', (query, expected) => {
    expect(search(query)).toEqual(ids(...expected));
  });

  it.each([
    ['deck:AWS', [card.s3, card.iam, card.ec2, card.ec2Reverse, card.cloze1, card.cloze2]],
    ['deck:aws::security', [card.iam]],
    ['deck:"AWS::Security"', [card.iam]],
    ['"deck:AWS::Security"', [card.iam]],
    ['deck:aws::sec*', [card.iam]],
    ['deck:Az*', [card.blob]],
    ['deck:*', Object.values(card)],
    ['-deck:AWS', [card.blob]],
    ['deck:nothing', []],
    ['deck:AW', []],
  ])('decks %j (children included, as in Anki)', (query, expected) => {
    expect(search(query)).toEqual(ids(...expected));
  });

  it.each([
    ['tag:storage', [card.s3, card.cloze1, card.cloze2]],
    ['tag:STORAGE', [card.s3, card.cloze1, card.cloze2]],
    ['tag:aws', [card.s3]],
    ['tag:aws::s3', [card.s3]],
    ['tag:s3', []],
    ['tag:stor*', [card.s3, card.cloze1, card.cloze2]],
    ['tag:*::s3', [card.s3]],
    ['tag:none', [card.blob]],
    ['-tag:none', [card.s3, card.iam, card.ec2, card.ec2Reverse, card.cloze1, card.cloze2]],
  ])('tags %j', (query, expected) => {
    expect(search(query)).toEqual(ids(...expected));
  });

  it.each([
    ['is:new', [card.blob, card.ec2Reverse, card.cloze1, card.cloze2]],
    ['is:learn', [card.ec2]],
    ['is:review', [card.s3, card.iam, card.ec2]],
    ['is:suspended', [card.ec2Reverse]],
    ['is:buried', [card.cloze2]],
    ['is:due', [card.iam, card.ec2]],
    ['is:flagged', [card.ec2, card.cloze2]],
    ['flag:1', [card.ec2]],
    ['flag:3', [card.cloze2]],
    ['flag:0', [card.s3, card.iam, card.blob, card.ec2Reverse, card.cloze1]],
  ])('states and flags %j', (query, expected) => {
    expect(search(query)).toEqual(ids(...expected));
  });

  it.each([
    ['prop:s>10', [card.s3]],
    ['prop:s<=3', [card.iam, card.ec2]],
    ['prop:d>=7', [card.iam, card.ec2]],
    ['prop:d!=7', [card.s3, card.ec2]],
    ['prop:r<0.8', [card.iam]],
    ['prop:r>0.95', [card.ec2]],
    ['prop:r>0.9', [card.s3, card.ec2]],
    ['prop:ivl>=15', [card.s3]],
    ['prop:due=5', [card.s3]],
    ['prop:due<0', [card.iam]],
    ['prop:reps>=4', [card.s3, card.ec2]],
    ['prop:lapses>0', [card.s3, card.ec2]],
  ])('properties %j', (query, expected) => {
    expect(search(query)).toEqual(ids(...expected));
  });

  it.each([
    ['added:1', Object.values(card)],
    ['edited:1', Object.values(card)],
    ['front:EC2', [card.ec2]],
    ['back:ec2', [card.ec2Reverse]],
    ['front:*IAM*', [card.iam]],
    ['front:IAM', []],
  ])('fields and dates %j', (query, expected) => {
    expect(search(query)).toEqual(ids(...expected));
  });

  it('finds cards and notes by id', () => {
    expect(search(`cid:${card.s3},${card.blob}`)).toEqual(ids(card.s3, card.blob));
    expect(search(`nid:${f.notes.ec2.id}`)).toEqual(ids(card.ec2, card.ec2Reverse));
  });

  it.each([
    ['tag:compute or deck:Azure', [card.ec2, card.ec2Reverse, card.blob]],
    ['tag:compute OR deck:Azure', [card.ec2, card.ec2Reverse, card.blob]],
    ['is:new (deck:Azure or tag:storage)', [card.blob, card.cloze1, card.cloze2]],
    ['-(is:new or is:suspended)', [card.s3, card.iam, card.ec2]],
    ['is:new and -is:buried', [card.blob, card.ec2Reverse, card.cloze1]],
    ['is:new -is:buried -is:suspended deck:AWS', [card.cloze1]],
    ['((deck:Azure))', [card.blob]],
    ['deck:Azure or deck:AWS::Security or flag:3', [card.blob, card.iam, card.cloze2]],
  ])('boolean logic %j', (query, expected) => {
    expect(search(query)).toEqual(ids(...expected));
  });

  it('rated:N finds cards answered in the last N days, rated:N:R with that rating', () => {
    const g = browseFixture();
    g.study.answer({ cardId: g.card.blob, rating: 'hard', durationMs: 1000 });
    const s = (q: string) => searchCardIds(g.db, { query: q }, g.now);
    expect(s('rated:1')).toEqual([g.card.blob]);
    expect(s('rated:1:2')).toEqual([g.card.blob]);
    expect(s('rated:1:3')).toEqual([]);
    // Two study days later, rated:1 no longer includes it; rated:3 does.
    expect(searchCardIds(g.db, { query: 'rated:1' }, g.now + 2 * 86_400_000)).toEqual([]);
    expect(searchCardIds(g.db, { query: 'rated:3' }, g.now + 2 * 86_400_000)).toEqual([g.card.blob]);
  });

  it('escapes make wildcards and colons literal', () => {
    const g = browseFixture();
    g.db.prepare("UPDATE card SET front = 'a_b c*d e:f 100%' WHERE id = ?").run(g.card.blob);
    const s = (q: string) => searchCardIds(g.db, { query: q }, g.now);
    expect(s('a\\_b')).toEqual([g.card.blob]);
    expect(s('c\\*d')).toEqual([g.card.blob]);
    expect(s('e\\:f')).toEqual([g.card.blob]);
    expect(s('100%')).toEqual([g.card.blob]);
    expect(s('axb')).toEqual([]);
    expect(s('10%')).toEqual([]);
  });
});

describe('query language: compiling', () => {
  it('never splices user text into the SQL', () => {
    const evil = `'; DROP TABLE card; -- "x" ) OR 1=1`;
    const compiled = compileQuery(f.db, `"${evil.replace(/"/g, '\\"')}" tag:${"o'neil"} deck:"a'b" front:${"x'y"}`, f.now);
    expect(compiled.where).not.toMatch(/DROP|o'neil|a'b|x'y/);
    expect(compiled.params).toContain(`%${evil.replace(/\\/g, '')}%`);
    expect(search(`"${evil.replace(/"/g, '\\"')}"`)).toEqual([]);
    expect(f.db.prepare('SELECT count(*) FROM card').pluck().get()).toBe(7);
  });

  it('parses precedence like Anki: and binds tighter than or', () => {
    expect(parseQuery('a b or c')).toEqual({
      type: 'or',
      items: [
        { type: 'and', items: [{ type: 'term', key: null, value: 'a', text: 'a' }, { type: 'term', key: null, value: 'b', text: 'b' }] },
        { type: 'term', key: null, value: 'c', text: 'c' },
      ],
    });
    expect(parseQuery('-"a b"')).toEqual({ type: 'not', item: { type: 'term', key: null, value: 'a b', text: '"a b"' } });
    expect(parseQuery('')).toEqual({ type: 'and', items: [] });
  });
});

describe('query language: errors name the bad token', () => {
  it.each([
    ['foo:bar', /"foo:bar": "foo:" is not a search key/],
    ['is:nope', /"is:nope": use is:new/],
    ['flag:9', /"flag:9": a flag is a number from 0/],
    ['prop:x>1', /"prop:x>1": "x" is not a property/],
    ['prop:s', /"prop:s": write prop:/],
    ['prop:s>>1', /"prop:s>>1"/],
    ['rated:0', /"rated:0"/],
    ['rated:2:5', /"rated:2:5"/],
    ['added:x', /"added:x"/],
    ['cid:1,x', /"cid:1,x"/],
    ['deck:', /"deck:" needs a value/],
    ['"open', /The quote in "\\"open" is never closed/],
    ['(a', /"\(" is never closed/],
    ['a)', /"\)" without a matching "\("/],
    ['or a', /"or" needs a search term before it/],
    ['a or', /"or" needs a search term after it/],
    ['a and', /"and" needs a search term on both sides/],
    ['()', /parentheses "\(\)" are empty/],
    ['- a', /./],
  ])('%j', (query, message) => {
    if (query === '- a') {
      // A lone "-" followed by a space is plain text, as in Anki: no error.
      expect(() => search(query)).not.toThrow();
      return;
    }
    expect(() => search(query)).toThrow(message);
  });
});
