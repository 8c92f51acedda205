// Packaging: electron-builder (electron-builder.yml) really produces an app that holds what Stratus
// needs at run time. Offline: the Electron binary cannot be downloaded here, so a stand-in
// "unpacked Electron distribution" is passed as electronDist (electron-builder copies it and
// renames its `electron` executable); download mirrors point at a closed local port and Node-side
// HTTP is blocked by tests/security/no-network.cjs, so nothing can reach the network.
//
// Steps: `node scripts/native.mjs electron` (Electron-ABI better-sqlite3 into .native/electron/),
// then `electron-builder --linux --dir` into a temp folder, then look inside the result.
// Needs out/ built (`npm test` builds it in pretest; otherwise `npm run build`).
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as asar from '@electron/asar';

const ROOT = resolve(__dirname, '../..');
const NO_NETWORK = join(ROOT, 'tests/security/no-network.cjs');
const BUILT = ['out/main/index.js', 'out/preload/index.js', 'out/renderer/index.html'];
const ELECTRON_VERSION: string = JSON.parse(readFileSync(join(ROOT, 'node_modules/electron/package.json'), 'utf8')).version;
/** Nothing listens on the discard port: any download attempt fails at once, locally. */
const DEAD_MIRROR = 'http://127.0.0.1:9/';

const work = mkdtempSync(join(tmpdir(), 'stratus-pkg-'));
const electronDist = join(work, 'electron-dist');
const output = join(work, 'dist');
const unpacked = join(output, 'linux-unpacked');
const resources = join(unpacked, 'resources');
const archive = join(resources, 'app.asar');

let asarFiles: Set<string>;
const timings: string[] = [];

function run(label: string, args: string[], env: NodeJS.ProcessEnv = {}): void {
  const started = Date.now();
  const r = spawnSync(process.execPath, args, {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 540_000,
    env: { ...process.env, ...env },
  });
  timings.push(`${label}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const log = `${label} exited ${r.status}${r.signal ? ` (${r.signal})` : ''}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;
  if (r.error) throw new Error(`${log}\n${r.error.message}`);
  if (r.status !== 0) throw new Error(log);
}

/** Looks enough like Electron's linux-x64 zip, unpacked, for electron-builder: it copies the folder and renames `electron`. */
function makeStandInElectronDist(): void {
  mkdirSync(join(electronDist, 'resources'), { recursive: true });
  mkdirSync(join(electronDist, 'locales'), { recursive: true });
  writeFileSync(join(electronDist, 'electron'), '#!/bin/sh\necho "stand-in Electron for the packaging test"\n');
  chmodSync(join(electronDist, 'electron'), 0o755);
  writeFileSync(join(electronDist, 'version'), `${ELECTRON_VERSION}\n`);
  writeFileSync(join(electronDist, 'LICENSE'), 'Stand-in for Electron\'s LICENSE (packaging test).\n');
  writeFileSync(join(electronDist, 'LICENSES.chromium.html'), '<!doctype html><title>stand-in</title>\n');
  writeFileSync(join(electronDist, 'locales', 'en-US.pak'), '');
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => relative(ROOT, join(d.parentPath, d.name)).split(sep).join('/'));
}

beforeAll(() => {
  const missing = BUILT.filter((p) => !existsSync(join(ROOT, p)));
  if (missing.length > 0) {
    throw new Error(
      `The packaging test needs the built app, but ${missing.join(', ')} is missing. ` +
        'Run `npm run build` (electron-vite build) first; `npm test` does it in pretest.',
    );
  }

  run('native.mjs electron', [join(ROOT, 'scripts/native.mjs'), 'electron']);

  makeStandInElectronDist();
  run(
    'electron-builder --dir',
    [
      join(ROOT, 'node_modules/electron-builder/cli.js'),
      '--linux',
      '--dir',
      '--publish',
      'never',
      `-c.electronDist=${electronDist}`,
      '-c.npmRebuild=false',
      `-c.directories.output=${output}`,
    ],
    {
      CI: 'true',
      ELECTRON_BUILDER_OFFLINE: 'true',
      ELECTRON_SKIP_BINARY_DOWNLOAD: '1',
      ELECTRON_MIRROR: DEAD_MIRROR,
      ELECTRON_BUILDER_BINARIES_MIRROR: DEAD_MIRROR,
      ELECTRON_BUILDER_CACHE: join(work, 'cache'),
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${NO_NETWORK}`.trim(),
    },
  );

  expect(existsSync(archive), `electron-builder did not produce ${archive}`).toBe(true);
  // listPackage returns paths with a leading separator; normalise to repo-style paths.
  asarFiles = new Set(asar.listPackage(archive, { isPack: false }).map((p) => p.split(sep).join('/').replace(/^\//, '')));
}, 600_000);

afterAll(() => {
  console.log(`[packaging] ${timings.join(', ')}`);
  rmSync(work, { recursive: true, force: true });
});

describe('packaged app (electron-builder --dir, linux)', () => {
  it('renamed the Electron executable to the product', () => {
    const exe = join(unpacked, 'stratus');
    expect(existsSync(exe), `no ${exe}; found ${readdirSync(unpacked).join(', ')}`).toBe(true);
    expect(statSync(exe).mode & 0o111).not.toBe(0);
  });

  it('app.asar holds the built main, preload and renderer with all its assets', () => {
    for (const file of BUILT) expect(asarFiles, file).toContain(file);
    const renderer = filesUnder(join(ROOT, 'out/renderer'));
    expect(renderer.some((f) => f.startsWith('out/renderer/assets/') && f.endsWith('.js'))).toBe(true);
    for (const file of renderer) expect(asarFiles, file).toContain(file);
  });

  it('app.asar holds the built-in decks and package.json', () => {
    expect(asarFiles).toContain('decks/aws-shared-responsibility.md');
    for (const deck of filesUnder(join(ROOT, 'decks'))) expect(asarFiles, deck).toContain(deck);
    expect(asarFiles).toContain('package.json');
    const pkg = JSON.parse(asar.extractFile(archive, 'package.json').toString('utf8'));
    expect(pkg.main).toBe('out/main/index.js');
    expect(asarFiles, 'main entry point').toContain(pkg.main);
  });

  it('app.asar holds the runtime dependencies, and no sources, tests or dev tooling', () => {
    expect(asarFiles).toContain('node_modules/better-sqlite3/package.json');
    const stray = [...asarFiles].filter((f) =>
      /^(electron|renderer|tests|scripts|bench|\.native|dist)\//.test(f) ||
      /^node_modules\/(electron|electron-builder|vite|vitest|typescript|eslint|svelte)\//.test(f) ||
      /^node_modules\/better-sqlite3\/(deps|src)\//.test(f),
    );
    expect(stray, stray.slice(0, 20).join('\n')).toEqual([]);
  });

  it("better-sqlite3's .node is unpacked next to app.asar", () => {
    const inAsar = 'node_modules/better-sqlite3/build/Release/better_sqlite3.node';
    expect(asarFiles).toContain(inAsar);
    expect((asar.statFile(archive, inAsar) as { unpacked?: boolean }).unpacked).toBe(true);
    expect(existsSync(join(resources, 'app.asar.unpacked', inAsar))).toBe(true);
  });

  it("the FSRS optimizer's native binding ships unpacked, and main loads it from node_modules", () => {
    const inAsar = 'node_modules/@open-spaced-repetition/binding-linux-x64-gnu/fsrs-binding.linux-x64-gnu.node';
    expect(asarFiles).toContain('node_modules/@open-spaced-repetition/binding/package.json');
    expect(asarFiles).toContain(inAsar);
    expect(existsSync(join(resources, 'app.asar.unpacked', inAsar))).toBe(true);
    // Bundled, its run-time choice of platform package would break: it must stay a require().
    const main = readFileSync(join(ROOT, 'out/main/index.js'), 'utf8');
    expect(main).toMatch(/require\(["']@open-spaced-repetition\/binding["']\)|import\(["']@open-spaced-repetition\/binding["']\)/);
  });

  it('ships the Electron build of better-sqlite3 as resources/native/better_sqlite3.node', () => {
    const shipped = join(resources, 'native', 'better_sqlite3.node');
    expect(existsSync(shipped)).toBe(true);
    const built = readFileSync(join(ROOT, '.native/electron/better_sqlite3.node'));
    expect(readFileSync(shipped).equals(built), 'resources/native/better_sqlite3.node differs from .native/electron/').toBe(true);
  });
});
