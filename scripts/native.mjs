#!/usr/bin/env node
// better-sqlite3 is a native module: its .node file only loads in the runtime (ABI) it was built for.
// Node and Electron differ, so Stratus keeps two builds:
//
//   node mode      node_modules/better-sqlite3/build/Release/better_sqlite3.node, built by
//   (tests, CLI,   `npm install` for this Node. We check that it loads; if it doesn't because it
//    bench)        was built for another ABI (someone rebuilt it in place for Electron) or is
//                  missing, we run `npm rebuild better-sqlite3` and check again.
//
//   electron mode  .native/electron/better_sqlite3.node, an Electron-ABI copy built with
//   (npm start,    @electron/rebuild in a scratch folder (.native/build), so node_modules is never
//    dev, dist)    touched. The main process hands it to better-sqlite3 through the `nativeBinding`
//                  option; electron-builder ships it as resources/native/better_sqlite3.node.
//                  A stamp (.native/electron/electron-version.txt) skips the build when the
//                  Electron and better-sqlite3 versions have not changed.
//
// Usage: node scripts/native.mjs node|electron [--force]
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const MODULE = 'better-sqlite3';
const MODULE_DIR = join(ROOT, 'node_modules', MODULE);
const NATIVE_DIR = join(ROOT, '.native');
const ELECTRON_OUT = join(NATIVE_DIR, 'electron');
const ELECTRON_NODE = join(ELECTRON_OUT, 'better_sqlite3.node');
const STAMP = join(ELECTRON_OUT, 'electron-version.txt');
const SCRATCH = join(NATIVE_DIR, 'build');

const rel = (p) => relative(ROOT, p) || '.';
const log = (msg) => console.log(`[native] ${msg}`);

function fail(msg) {
  console.error(`[native] ERROR: ${msg}`);
  process.exit(1);
}

function packageVersion(name) {
  return JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version;
}

/** Does `nativeBinding` (or the module's default build) open an in-memory DB in this Node? Checked in a child process, so nothing stays loaded here. */
function probeInNode(nativeBinding) {
  const code = `
    const Database = require(${JSON.stringify(MODULE_DIR)});
    const db = new Database(':memory:'${nativeBinding ? `, { nativeBinding: ${JSON.stringify(nativeBinding)} }` : ''});
    const row = db.prepare('select sqlite_version() as v').get();
    db.close();
    process.stdout.write(row.v);
  `;
  const r = spawnSync(process.execPath, ['-e', code], { cwd: ROOT, encoding: 'utf8' });
  return { ok: r.status === 0, sqlite: r.stdout.trim(), error: (r.stderr || '').trim() };
}

const isAbiOrMissing = (error) =>
  /NODE_MODULE_VERSION|was compiled against a different Node\.js version|ERR_DLOPEN_FAILED|Could not locate the bindings file|Cannot find module .*better_sqlite3\.node/i.test(
    error,
  );

function firstLine(s) {
  return s.split('\n').find((l) => /Error|NODE_MODULE_VERSION|Could not/.test(l)) ?? s.split('\n')[0] ?? '';
}

// --- node mode ------------------------------------------------------------------------------

function nodeMode() {
  const first = probeInNode();
  if (first.ok) {
    log(`node: ${MODULE} loads in Node ${process.version} (ABI ${process.versions.modules}, SQLite ${first.sqlite}); nothing to do.`);
    return;
  }
  if (!isAbiOrMissing(first.error)) fail(`${MODULE} does not load in Node ${process.version}:\n${first.error}`);

  log(`node: ${MODULE} does not load in Node ${process.version} (${firstLine(first.error).trim()}); running npm rebuild ${MODULE}...`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(npm, ['rebuild', MODULE], { cwd: ROOT, stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status !== 0) fail(`npm rebuild ${MODULE} failed (exit ${r.status}).`);

  const second = probeInNode();
  if (!second.ok) fail(`${MODULE} still does not load after npm rebuild:\n${second.error}`);
  log(`node: rebuilt ${MODULE} for Node ${process.version} (ABI ${process.versions.modules}, SQLite ${second.sqlite}).`);
}

// --- electron mode --------------------------------------------------------------------------

/** The npm `nodedir` setting, as `npm run` would pass it to node-gyp (npm_config_nodedir). */
function npmNodedir() {
  if (process.env.npm_config_nodedir) return process.env.npm_config_nodedir;
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(npm, ['config', 'get', 'nodedir'], {
    cwd: ROOT,
    encoding: 'utf8',
    shell: process.platform === 'win32',
  });
  const value = r.status === 0 ? r.stdout.trim() : '';
  return value && value !== 'undefined' && value !== 'null' ? value : undefined;
}

async function electronMode(force) {
  let electronVersion;
  try {
    electronVersion = packageVersion('electron');
  } catch {
    fail('node_modules/electron/package.json not found: run npm install first.');
  }
  const moduleVersion = packageVersion(MODULE);
  const stamp = `${electronVersion}\n${MODULE} ${moduleVersion}\n`;

  if (!force && existsSync(ELECTRON_NODE) && existsSync(STAMP) && readFileSync(STAMP, 'utf8') === stamp) {
    log(`electron: ${rel(ELECTRON_NODE)} is up to date (Electron ${electronVersion}, ${MODULE} ${moduleVersion}); nothing to do.`);
    return;
  }

  // Scratch project: .native/build/{package.json,node_modules/better-sqlite3} (without its Node build).
  const started = Date.now();
  rmSync(SCRATCH, { recursive: true, force: true });
  const scratchModule = join(SCRATCH, 'node_modules', MODULE);
  mkdirSync(dirname(scratchModule), { recursive: true });
  writeFileSync(
    join(SCRATCH, 'package.json'),
    JSON.stringify(
      { name: 'stratus-native-build', private: true, version: '0.0.0', dependencies: { [MODULE]: moduleVersion } },
      null,
      2,
    ) + '\n',
  );
  cpSync(MODULE_DIR, scratchModule, {
    recursive: true,
    filter: (src) => relative(MODULE_DIR, src).split(/[\\/]/)[0] !== 'build',
  });

  // node-gyp reads `nodedir` only from the environment npm sets up for scripts; pass it through so
  // `node scripts/native.mjs electron` behaves like `npm start`. With nodedir set, node-gyp builds
  // against those headers instead of downloading Electron's (an offline machine's setup).
  const nodedir = npmNodedir();
  if (nodedir && !process.env.npm_config_nodedir) process.env.npm_config_nodedir = nodedir;
  if (nodedir) {
    log(
      `electron: npm config nodedir=${nodedir} is set, so node-gyp builds against those headers, not Electron ${electronVersion}'s ` +
        '(expected on an offline machine; without nodedir it downloads Electron headers and builds a real Electron binary).',
    );
  }

  const { rebuild } = await import('@electron/rebuild');
  log(`electron: building ${MODULE} ${moduleVersion} for Electron ${electronVersion} in ${rel(SCRATCH)}...`);
  try {
    await rebuild({
      buildPath: SCRATCH,
      electronVersion,
      force: true,
      onlyModules: [MODULE],
      // With nodedir we are offline: don't try to download a prebuilt binary first.
      buildFromSource: Boolean(nodedir),
      mode: 'sequential',
    });
  } catch (err) {
    fail(`@electron/rebuild failed: ${err && err.stack ? err.stack : err}`);
  }

  const built = join(scratchModule, 'build', 'Release', 'better_sqlite3.node');
  if (!existsSync(built)) fail(`@electron/rebuild finished but ${rel(built)} does not exist.`);
  mkdirSync(ELECTRON_OUT, { recursive: true });
  // Copy then rename: a running `npm start` may have the old file mapped.
  copyFileSync(built, `${ELECTRON_NODE}.tmp`);
  renameSync(`${ELECTRON_NODE}.tmp`, ELECTRON_NODE);
  writeFileSync(STAMP, stamp);
  rmSync(SCRATCH, { recursive: true, force: true }); // ~30 MB of build intermediates

  const size = (statSync(ELECTRON_NODE).size / 1024 / 1024).toFixed(1);
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  // An Electron-ABI binary must NOT load in plain Node; if it does, it was built with Node's headers.
  const abi = probeInNode(ELECTRON_NODE).ok
    ? `it loads in Node ${process.version} (ABI ${process.versions.modules}), i.e. it was built with Node's headers, not Electron's`
    : 'it does not load in plain Node, as an Electron-ABI binary should not';
  log(`electron: wrote ${rel(ELECTRON_NODE)} (${size} MiB, ${seconds} s) and ${rel(STAMP)}; ${abi}.`);
}

// --- main -----------------------------------------------------------------------------------

const args = process.argv.slice(2);
const mode = args.find((a) => !a.startsWith('-'));
const force = args.includes('--force');
if (mode === 'node') nodeMode();
else if (mode === 'electron') await electronMode(force);
else fail('usage: node scripts/native.mjs node|electron [--force]');
