// Markdown notes import: one file, several files, a folder (recursively), stable keys, and what
// reading paths does with unreadable or unsupported files.
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMarkdownFiles } from '../../electron/core/import/markdown';
import { formatOf, looksDelimited, readImportSources } from '../../electron/core/import/read';

const bytes = (s: string) => new TextEncoder().encode(s);
const FIXTURES = join(__dirname, 'fixtures/notes');

const NOTE = `# Networking

## Key terms

- **VPC**: A private network in the AWS cloud.
- **Subnet**: A range of IP addresses in a VPC.

What is a NAT gateway?::It lets private subnets reach the internet.
`;

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'stratus-md-'));
}

describe('Markdown notes', () => {
  it('makes one note per generated card, keyed by file and term, with the source line and tags', () => {
    const p = parseMarkdownFiles([{ path: 'aws/vpc.md', bytes: bytes(NOTE) }], { defaultDeck: 'aws' });
    expect(p.format).toBe('markdown');
    expect(p.defaultDeck).toBe('aws');
    const byFront = Object.fromEntries(p.notes.map((n) => [n.cards[0]!.front, n]));
    expect(byFront.VPC).toMatchObject({
      key: 'md:aws/vpc.md:vpc',
      deck: null,
      kind: 'generated',
      fields: ['VPC', 'A private network in the AWS cloud.'],
      tags: ['networking', 'key-terms'],
      source: { file: 'aws/vpc.md', line: 5 },
      cards: [{ ord: 0, front: 'VPC', back: 'A private network in the AWS cloud.' }],
    });
    expect(byFront.Subnet?.source.line).toBe(6);
    expect(byFront['What is a NAT gateway?']?.cards[0]?.back).toBe('It lets private subnets reach the internet.');
  });

  it('keeps the same keys when the note is edited around a term', () => {
    const before = parseMarkdownFiles([{ path: 'vpc.md', bytes: bytes(NOTE) }]).notes.find((n) => n.cards[0]!.front === 'Subnet')!;
    const edited = NOTE.replace('# Networking', '# Networking\n\nSome intro text.\n').replace('A range of IP addresses', 'A block of IP addresses');
    const after = parseMarkdownFiles([{ path: 'vpc.md', bytes: bytes(edited) }]).notes.find((n) => n.cards[0]!.front === 'Subnet')!;
    expect(after.key).toBe(before.key);
    expect(after.source.line).toBe(before.source.line! + 3);
  });

  // How many and which cards each seed gives is tests/unit/notes.test.ts's business; here: every
  // seed imports, and what it skips is reported with its file and line.
  it('yields cards for every seed note, and reports what it skipped with file and line', () => {
    for (const name of ['000_5a741492ac9e5253.txt', '001_bb368d2d4c4262a5.txt', '002_74fe2def9db6d69b.txt', '003_9b584a1210178e5e.txt', '004_460012b02a8b11d8.txt']) {
      const p = parseMarkdownFiles([{ path: name, bytes: readFileSync(join(FIXTURES, name)) }]);
      expect(p.notes.length, name).toBeGreaterThan(0);
      for (const n of p.notes) expect(n.source.file).toBe(name);
      for (const s of p.skipped) expect(s).toMatchObject({ file: name, line: expect.any(Number), reason: expect.any(String) });
    }
  });

  it('says when a note has no cards', () => {
    const p = parseMarkdownFiles([{ path: 'todo.md', bytes: bytes('# Todo\n\nJust prose without terms.\n') }]);
    expect(p.notes).toEqual([]);
    expect(p.notices[0]).toMatch(/^No cards were found in todo\.md/);
  });

  it('refuses a named file that is not text, or skips it inside a folder', () => {
    const junk = { path: 'junk.md', bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1, 2]) };
    expect(() => parseMarkdownFiles([junk])).toThrow('junk.md, line 1: the file contains binary data');
    const p = parseMarkdownFiles([junk, { path: 'ok.md', bytes: bytes(NOTE) }], { tolerant: true });
    expect(p.skipped[0]).toEqual({ file: 'junk.md', line: 1, reason: expect.stringContaining('binary data'), reasonMessage: expect.objectContaining({ id: 'import.text.binary' }) });
    expect(p.notes.length).toBeGreaterThan(0);
  });
});

describe('reading paths', () => {
  it('walks a folder recursively, keys notes by their path from the folder, and leaves out other files', async () => {
    const dir = tempDir();
    const root = join(dir, 'aws-notes');
    mkdirSync(join(root, 'week1', 'deep'), { recursive: true });
    mkdirSync(join(root, '.obsidian'));
    writeFileSync(join(root, 'week1', 'vpc.md'), NOTE);
    writeFileSync(join(root, 'week1', 'deep', 'iam.markdown'), '- **IAM**: Identity and Access Management.\n');
    writeFileSync(join(root, 'terms.txt'), 'S3\tObject storage\nEBS\tBlock storage\n');
    writeFileSync(join(root, 'diagram.png'), new Uint8Array([0x89, 0x50, 0x4e, 0x47]));
    writeFileSync(join(root, '.obsidian', 'app.md'), '- **Hidden**: must not be read.\n');
    writeFileSync(join(root, 'broken.md'), new Uint8Array([0xc3, 0x28]));
    symlinkSync(root, join(root, 'week1', 'loop'));

    const [md, tsv, ...rest] = await readImportSources([root]);
    expect(rest).toEqual([]);
    expect(md!.format).toBe('markdown');
    expect(md!.defaultDeck).toBe('aws-notes');
    expect(new Set(md!.notes.map((n) => n.source.file))).toEqual(new Set(['aws-notes/week1/vpc.md', 'aws-notes/week1/deep/iam.markdown']));
    expect(md!.notes.map((n) => n.key)).toContain('md:aws-notes/week1/vpc.md:vpc');
    expect(md!.skipped).toContainEqual({ file: 'aws-notes/broken.md', line: 1, reason: expect.stringContaining('not valid UTF-8'), reasonMessage: expect.objectContaining({ id: 'import.text.notUtf8' }) });
    expect(md!.notices).toContainEqual(expect.stringMatching(/^1 file in .* is not notes and was left out \(aws-notes\/diagram\.png\)\.$/));
    expect(tsv!.format).toBe('tsv');
    expect(tsv!.notes.map((n) => n.cards[0]!.front)).toEqual(['S3', 'EBS']);
  });

  it('merges several named Markdown files into one import', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.md'), NOTE);
    writeFileSync(join(dir, 'b.md'), '- **IAM**: Identity and Access Management.\n');
    const sources = await readImportSources([join(dir, 'a.md'), join(dir, 'b.md')]);
    expect(sources).toHaveLength(1);
    expect(new Set(sources[0]!.notes.map((n) => n.source.file))).toEqual(new Set(['a.md', 'b.md']));
  });

  it('refuses what it cannot import, naming the path', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'slides.pdf'), '%PDF-1.7');
    writeFileSync(join(dir, 'backup.colpkg'), 'PK');
    mkdirSync(join(dir, 'empty'));
    await expect(readImportSources([join(dir, 'missing.md')])).rejects.toThrow(`${join(dir, 'missing.md')}: there is no such file or folder.`);
    await expect(readImportSources([join(dir, 'slides.pdf')])).rejects.toThrow("this is a .pdf file, which Stratus can't import");
    await expect(readImportSources([join(dir, 'backup.colpkg')])).rejects.toThrow('an Anki collection backup (.colpkg)');
    await expect(readImportSources([join(dir, 'empty')])).rejects.toThrow('the folder has no notes');
    await expect(readImportSources([])).rejects.toThrow('no file or folder was given');
  });

  it('tells text exports from Markdown notes in .txt files', () => {
    expect(formatOf('notes.txt', bytes('# Title\n\n- **Term**: definition\n'))).toBe('markdown');
    expect(formatOf('quizlet.txt', bytes('term\tdefinition\nother\tmeaning\n'))).toBe('tsv');
    expect(looksDelimited(bytes('#separator:comma\na,b\n'))).toBe(true);
    expect(formatOf('deck.apkg')).toBe('apkg');
    expect(formatOf('deck.JSON')).toBe('json');
    expect(formatOf('photo.jpeg')).toBeNull();
  });
});

describe('text exports in .txt files', () => {
  it('detects the separator of a .txt export that does not name one', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'export.txt'), '#html:false\nRegion;A place\nAZ;Data centres\n');
    const [p] = await readImportSources([join(dir, 'export.txt')]);
    expect(p!.notes.map((n) => [n.cards[0]!.front, n.cards[0]!.back])).toEqual([
      ['Region', 'A place'],
      ['AZ', 'Data centres'],
    ]);
  });
});
