// Security of the real built app, through the real window: the lock-down main applies (webPreferences,
// CSP header, no navigation, no new windows, no permissions), the preload's surface (exactly the
// contract's channels, frozen, no Node), and IPC checks (arguments, sender).
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../electron/main/csp';
import { CHANNEL_PREFIX, CHANNELS, SHELL_METHODS } from '../../electron/shared/contract';
import { launchStratus, REPO_ROOT, StandinEvent, type IpcInvokeEvent, type RunningApp } from './electron-standin';
import { BUILTIN_DECK, inspect, tempDir } from './helpers';

let dir: string;
let dbPath: string;
let app: RunningApp;
let page: Page;
let appUrl: string;

beforeAll(async () => {
  dir = tempDir();
  dbPath = join(dir, 'collection.stratus');
  app = await launchStratus({ dbPath });
  page = app.page;
  appUrl = page.url();
  await page.getByTestId('deck-row').filter({ hasText: BUILTIN_DECK }).waitFor();
});

afterAll(async () => {
  await app?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The app still works: its deck list is on screen and answers through IPC. */
async function expectAppAlive(): Promise<void> {
  expect(page.url()).toBe(appUrl);
  expect(app.window!.webContents.getURL()).toBe('app://stratus/index.html');
  await page.getByTestId('deck-row').filter({ hasText: BUILTIN_DECK }).waitFor();
  const names = await page.evaluate(async () => (await window.api.listDecks()).map((d) => d.name));
  expect(names).toContain(BUILTIN_DECK);
}

describe('window and session lock-down', () => {
  test('main creates a sandboxed, context-isolated window without Node', () => {
    expect(app.window!.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      preload: join(REPO_ROOT, 'out/preload/index.js'),
    });
    expect(app.standin.app.sandboxEnabled).toBe(true);
    // app:// is a standard, secure scheme — and nothing that would weaken it (no bypassCSP, no CORS).
    expect(app.standin.protocol.privileged).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    expect(app.window!.visible).toBe(true);
  });

  test('will-navigate, will-redirect and will-attach-webview are all prevented', () => {
    const contents = app.window!.webContents;
    for (const name of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      expect(contents.listenerCount(name), name).toBeGreaterThan(0);
      const event = new StandinEvent('https://example.com/');
      contents.emit(name, event, 'https://example.com/');
      expect(event.defaultPrevented, name).toBe(true);
    }
    expect(contents.windowOpenHandler?.({ url: 'https://example.com/', frameName: '', features: '', disposition: 'new-window', referrer: { url: '', policy: 'default' } })).toEqual({ action: 'deny' });
  });

  test('the session denies every permission request and check', () => {
    const session = app.standin.defaultSession;
    const contents = app.window!.webContents;
    expect(session.permissionRequestHandler).toBeTypeOf('function');
    expect(session.permissionCheckHandler).toBeTypeOf('function');
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen']) {
      const answers: boolean[] = [];
      session.permissionRequestHandler!(contents, permission, (granted) => answers.push(granted), {});
      expect(answers, permission).toEqual([false]);
      expect(session.permissionCheckHandler!(contents, permission, 'app://stratus', {}), permission).toBe(false);
    }
    // What the stand-in granted Chromium, from those handlers: nothing.
    expect(app.standin.records.permissionDecisions.length).toBeGreaterThan(0);
    expect(app.standin.records.permissionDecisions.filter((d) => d.granted)).toEqual([]);
  });

  test('the page gets no permissions', async () => {
    const result = await page.evaluate(async () => ({
      notification: await Notification.requestPermission(),
      geolocation: (await navigator.permissions.query({ name: 'geolocation' })).state,
    }));
    expect(result.notification).toBe('denied');
    expect(result.geolocation).not.toBe('granted');
  });
});

describe('content security policy', () => {
  test('main serves the page with its CSP header', () => {
    const response = app.window!.mainResponse!;
    expect(response.status).toBe(200);
    expect(response.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    // Everything the page loaded came from app://stratus, through main's protocol handler.
    const requests = app.standin.records.protocolRequests;
    expect(requests.length).toBeGreaterThanOrEqual(3);
    for (const r of requests) expect(r.url.startsWith('app://stratus/') && r.status === 200, `${r.url} ${r.status}`).toBe(true);
  });

  test('inline scripts, eval, inline styles and remote content are blocked', async () => {
    const result = await page.evaluate(async () => {
      const violations: string[] = [];
      document.addEventListener('securitypolicyviolation', (e) => violations.push(e.effectiveDirective));
      const w = window as unknown as Record<string, unknown>;
      const script = document.createElement('script');
      script.textContent = 'window.__inlineRan = true';
      document.body.append(script);
      // eval from page code (CDP's own evaluation is exempt from CSP, so run it from a timer).
      const evalError = await new Promise<string>((resolve) =>
        setTimeout(() => {
          try {
            (0, eval)('1 + 1');
            resolve('eval ran');
          } catch (err) {
            resolve((err as Error).name);
          }
        }),
      );
      const styled = document.createElement('div');
      styled.innerHTML = '<p style="color: rgb(1, 2, 3)">x</p>';
      document.body.append(styled);
      const color = getComputedStyle(styled.firstElementChild!).color;
      styled.remove();
      const fetchError = await fetch('https://example.com/').then(
        () => 'fetched',
        (err: Error) => err.name,
      );
      const img = document.createElement('img');
      const imgLoaded = await new Promise<boolean>((resolve) => {
        img.onload = () => resolve(true);
        img.onerror = () => resolve(false);
        img.src = 'https://example.com/pixel.png';
      });
      await new Promise((r) => setTimeout(r, 50));
      script.remove();
      return { inlineRan: w.__inlineRan === true, evalError, color, fetchError, imgLoaded, violations };
    });
    expect(result.inlineRan).toBe(false);
    expect(result.evalError).toBe('EvalError');
    expect(result.color).not.toBe('rgb(1, 2, 3)');
    expect(result.fetchError).toBe('TypeError');
    expect(result.imgLoaded).toBe(false);
    expect(result.violations).toEqual(expect.arrayContaining(['script-src-elem', 'script-src', 'style-src-attr', 'connect-src', 'img-src']));
    // Blocked by the CSP inside Chromium: nothing even tried the network.
    expect(app.standin.records.blockedRequests).toEqual([]);
  });
});

describe('the preload surface', () => {
  test('window.api has exactly the contract channels, is frozen and cannot be replaced', async () => {
    const result = await page.evaluate(() => {
      const w = window as unknown as Record<string, unknown>;
      const api = window.api as unknown as Record<string, unknown>;
      const before = window.api;
      try {
        w.api = { listDecks: () => 'hijacked' };
      } catch {
        /* non-writable */
      }
      try {
        api.listDecks = () => 'hijacked';
      } catch {
        /* frozen */
      }
      try {
        delete w.api;
      } catch {
        /* non-configurable */
      }
      return {
        keys: Object.keys(api),
        types: Object.values(api).map((v) => typeof v),
        frozen: Object.isFrozen(api),
        same: window.api === before && typeof window.api.listDecks === 'function' && window.api.listDecks !== undefined,
        descriptor: (() => {
          const d = Object.getOwnPropertyDescriptor(window, 'api')!;
          return { writable: d.writable, configurable: d.configurable };
        })(),
      };
    });
    // The contract's channels, and the shell's methods (menu commands, menu language, …).
    expect([...result.keys].sort()).toEqual([...CHANNELS, ...SHELL_METHODS].sort());
    expect(result.types.every((t) => t === 'function')).toBe(true);
    expect(result.frozen).toBe(true);
    expect(result.same).toBe(true);
    expect(result.descriptor).toEqual({ writable: false, configurable: false });
    await expectAppAlive();
  });

  test('no Node or Electron in the page', async () => {
    const globals = await page.evaluate(() => {
      const w = window as unknown as Record<string, unknown>;
      return Object.fromEntries(
        ['require', 'process', 'module', 'exports', 'Buffer', 'global', 'electron', 'ipcRenderer', '__stratusIpc', '__stratusIpcSend'].map((k) => [k, typeof w[k]]),
      );
    });
    for (const [name, type] of Object.entries(globals)) expect(type, name).toBe('undefined');
  });
});

describe('navigation and new windows', () => {
  test('navigating to another origin is prevented; the app stays', async () => {
    await page.evaluate(() => {
      setTimeout(() => (window.location.href = 'https://example.com/'));
    });
    await expect.poll(() => app.standin.records.navigations).toContainEqual({ event: 'will-navigate', url: 'https://example.com/', prevented: true });

    // A link, and a same-app navigation: main allows no navigation at all.
    await page.evaluate(() => {
      const a = document.createElement('a');
      a.href = 'https://example.org/phish';
      document.body.append(a);
      a.click();
      a.remove();
    });
    await expect.poll(() => app.standin.records.navigations).toContainEqual({ event: 'will-navigate', url: 'https://example.org/phish', prevented: true });
    await page.evaluate(() => {
      setTimeout(() => window.location.assign('/index.html?again'));
    });
    await expect.poll(() => app.standin.records.navigations).toContainEqual({ event: 'will-navigate', url: 'app://stratus/index.html?again', prevented: true });
    expect(app.standin.records.navigations.every((n) => n.prevented)).toBe(true);
    await expectAppAlive();
  });

  test('window.open and target=_blank links open nothing', async () => {
    await page.evaluate(() => {
      window.open('https://example.com/popup');
      const a = document.createElement('a');
      a.href = 'https://example.net/blank';
      a.target = '_blank';
      document.body.append(a);
      a.click();
      a.remove();
    });
    await expect.poll(() => app.standin.records.windowOpens).toContainEqual({ url: 'https://example.com/popup', action: 'deny' });
    await expect.poll(() => app.standin.records.windowOpens).toContainEqual({ url: 'https://example.net/blank', action: 'deny' });
    expect(app.standin.records.windowOpens.every((o) => o.action === 'deny')).toBe(true);
    await expect.poll(() => app.window!.context!.pages().length).toBe(1);
    expect(app.standin.records.blockedRequests).toEqual([]);
    await expectAppAlive();
  });
});

describe('IPC', () => {
  test('invalid arguments are rejected with a readable message, and main keeps working', async () => {
    const results = await page.evaluate(async () => {
      const api = window.api as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
      const calls: [string, unknown[]][] = [
        ['answer', [{ cardId: 'x', rating: 'great' }]],
        ['answer', [{ cardId: 1, rating: 'good', durationMs: 10, extra: true }]],
        ['answer', [{ cardId: -1, rating: 'good', durationMs: 10 }]],
        ['answer', [null]],
        ['nextCard', [{ deckId: -1 }]],
        ['nextCard', [{ deckId: 1.5 }]],
        ['nextCard', []],
        ['listDecks', ['surprise']],
        ['undo', [{ deckId: '1' }]],
        ['sessionSummary', [{ deckId: 1, since: 'yesterday' }]],
        ['nextCard', [{ deckId: 999999 }]],
        ['answer', [{ cardId: 999999, rating: 'good', durationMs: 10 }]],
      ];
      const out: { call: string; name: string; message: string }[] = [];
      for (const [name, args] of calls) {
        try {
          await api[name]!(...args);
          out.push({ call: `${name}${JSON.stringify(args)}`, name: 'resolved', message: '' });
        } catch (err) {
          out.push({ call: `${name}${JSON.stringify(args)}`, name: (err as Error).constructor.name, message: (err as Error).message });
        }
      }
      return out;
    });
    for (const r of results) {
      expect(r.name, r.call).toBe('Error');
      expect(r.message, r.call).toMatch(/^[A-Z].{10,300}\.$/s);
      expect(r.message, r.call).not.toMatch(/Error invoking remote method|ZodError|\n\s+at |\[object/);
    }
    for (const r of results.slice(0, 10)) expect(r.message, r.call).toMatch(/^Invalid request to \w+: /);
    expect(results[10]!.message).toBe('There is no deck with id 999999.');
    // The invalid calls changed nothing, and main still answers.
    expect(inspect(dbPath, (db) => (db.prepare('SELECT count(*) AS n FROM review').get() as { n: number }).n)).toBe(0);
    await expectAppAlive();
  });

  test('main registers exactly the contract channels', () => {
    expect([...app.standin.ipcMain.handlers.keys()].sort()).toEqual(CHANNELS.map((c) => CHANNEL_PREFIX + c).sort());
    // The page's calls came from the app window's main frame, as main saw them.
    const senders = new Set(app.standin.records.ipc.map((c) => c.senderUrl));
    expect([...senders]).toEqual(['app://stratus/index.html']);
  });

  test('a request from a foreign frame or another sender is refused', async () => {
    const contents = app.window!.webContents;
    // Fake events, as a compromised or foreign frame would produce them.
    const call = (channel: string, event: Record<string, unknown>, ...args: unknown[]) =>
      app.standin.ipcMain.handlers.get(CHANNEL_PREFIX + channel)!(event as unknown as IpcInvokeEvent, ...args);
    const frame = (url: string) => ({ url, name: '', parent: null });
    const refused = {
      ok: false,
      error: { code: 'internal', message: 'This request did not come from the Stratus window and was refused.', id: 'ipc.untrusted', params: {} },
    };

    for (const url of ['https://evil.example/index.html', 'http://127.0.0.1/index.html', 'app://stratus.evil/index.html', 'app://stratusx/', 'file:///etc/passwd', '']) {
      expect(await call('listDecks', { sender: contents, senderFrame: frame(url) }), url).toEqual(refused);
    }
    expect(await call('listDecks', { sender: contents, senderFrame: null })).toEqual(refused);
    expect(await call('listDecks', { sender: {}, senderFrame: frame('app://stratus/index.html') })).toEqual(refused);
    expect(await call('listDecks', { senderFrame: frame('app://stratus/index.html') })).toEqual(refused);

    // A refused answer touches nothing, even with valid arguments.
    const deckId = ((await page.evaluate(() => window.api.listDecks()))[0]!).id;
    const next = (await page.evaluate((id) => window.api.nextCard({ deckId: id }), deckId)).card!;
    const cardBefore = inspect(dbPath, (db) => db.prepare('SELECT * FROM card WHERE id = ?').get(next.id));
    expect(await call('answer', { sender: contents, senderFrame: frame('https://evil.example/') }, { cardId: next.id, rating: 'easy', durationMs: 1 })).toEqual(refused);
    expect(inspect(dbPath, (db) => db.prepare('SELECT * FROM card WHERE id = ?').get(next.id))).toEqual(cardBefore);
    expect(inspect(dbPath, (db) => (db.prepare('SELECT count(*) AS n FROM review').get() as { n: number }).n)).toBe(0);

    // The genuine sender still gets through.
    expect(contents.mainFrame!.url).toBe('app://stratus/index.html');
    expect(contents.mainFrame!.parent).toBeNull();
    const ok = (await call('listDecks', { sender: contents, senderFrame: contents.mainFrame })) as { ok: boolean; value: { name: string }[] };
    expect(ok.ok).toBe(true);
    expect(ok.value.map((d) => d.name)).toContain(BUILTIN_DECK);
  });
});

describe('the app:// protocol', () => {
  test('serves only files of the built renderer, for GET', async () => {
    const handler = app.standin.protocol.handlers.get('app')!;
    const status = async (url: string, method = 'GET') => (await handler(new Request(url, { method }))).status;
    expect(await status('app://stratus/index.html')).toBe(200);
    expect(await status('app://stratus/')).toBe(200);
    const index = await handler(new Request('app://stratus/'));
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(index.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    for (const url of [
      'app://stratus/..%2f..%2fpackage.json',
      'app://stratus/..%2F..%2F..%2Fetc%2Fpasswd',
      'app://stratus/%2e%2e/%2e%2e/package.json',
      'app://stratus/../main/index.js',
      'app://stratus/assets/../../main/index.js',
      'app://stratus/no-such-file.js',
      'app://other/index.html',
    ]) {
      expect(await status(url), url).toBe(404);
    }
    expect(await status('app://stratus/index.html', 'POST')).toBe(404);
  });

  test('nothing the page did reached the network', () => {
    expect(app.standin.records.blockedRequests).toEqual([]);
    expect(app.standin.records.internalErrors).toEqual([]);
    expect(app.standin.records.pageErrors).toEqual([]);
  });
});

// Last, because it changes the window: proof that the refusals above are main's doing, not the
// stand-in's — with main's handlers taken away, the same navigation and window.open go through.
describe('control: the stand-in without main’s handlers', () => {
  test('lets navigation and new windows through', async () => {
    const contents = app.window!.webContents;
    const context = app.window!.context!;
    contents.removeAllListeners('will-navigate');
    contents.windowOpenHandler = null;

    await page.evaluate(() => {
      setTimeout(() => window.location.assign('/index.html?through'));
    });
    await page.waitForURL(/\?through$/);
    expect(app.standin.records.navigations.at(-1)).toEqual({ event: 'will-navigate', url: 'app://stratus/index.html?through', prevented: false });
    await page.getByTestId('deck-row').first().waitFor(); // the app loaded again, preload included

    const popup = context.waitForEvent('page');
    await page.evaluate(() => void window.open('/index.html?popup'));
    await (await popup).waitForURL(/\?popup$/);
    expect(context.pages()).toHaveLength(2);
    expect(app.standin.records.windowOpens.at(-1)).toEqual({ url: 'app://stratus/index.html?popup', action: 'allow' });
  });

  test('grants permissions (Electron’s default) when the session has no handlers', async () => {
    app.standin.defaultSession.setPermissionRequestHandler(null);
    app.standin.defaultSession.setPermissionCheckHandler(null);
    await app.window!.loadURL('app://stratus/index.html');
    expect(await page.evaluate(() => Notification.requestPermission())).toBe('granted');
  });
});
