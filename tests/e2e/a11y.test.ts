// Accessibility of every screen of the real built app, with axe-core (Deque's rule engine) run in
// the page: the deck list, a card's question and answer, the end-of-deck summary, the shortcut
// sheet and every other screen of the top bar (found there, so new screens are covered as they
// come), each in the light and the dark theme, with the system in English and in Dutch. Any
// serious or critical violation fails; lesser ones are printed. Every control reached with Tab
// must also show a visible focus ring, and no text may be cut off sideways. Screenshots of every
// screen (screen-<name>-<theme>-<lang>.png) and of the shortcut sheet go to tests/e2e/screenshots/.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { launchStratus, REPO_ROOT, type RunningApp } from './electron-standin';
import { BUILTIN_DECK, dayStartFarFromNow, pageProblems, prepareCollection, screenshotBothSchemes, screenshotThemes, tempDir } from './helpers';

// The page's CSP (script-src 'self') blocks the inline <script> page.addScriptTag would add, and
// the app must not be weakened for a test: axe goes in through the DevTools protocol instead
// (page.evaluate), which CSP does not govern, and needs no eval of its own.
const AXE_SOURCE = readFileSync(join(REPO_ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

let dir: string;
let app: RunningApp | null = null;
const lesser: string[] = [];

beforeAll(() => {
  dir = tempDir();
});

afterEach(async () => {
  await app?.close();
  app = null;
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  if (lesser.length) console.info(`axe: moderate or minor findings (not failures):\n${[...new Set(lesser)].join('\n')}`);
});

async function axe(page: Page): Promise<Violation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[]; failureSummary?: string }[] }[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${(n.failureSummary ?? '').replace(/\s+/g, ' ')}`),
    }));
  });
}

/**
 * Boxes whose content is wider than they are and cut off (not scrollable, not ellipsized):
 * text a user cannot read, e.g. a long Dutch deck name pushing a table out of its panel.
 */
function clippedSideways(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('body *')]
      .filter((el) => {
        const style = getComputedStyle(el);
        // Scroll containers (auto, scroll) can be scrolled (axe checks they can be by keyboard).
        if (!['hidden', 'clip'].includes(style.overflowX) || style.textOverflow === 'ellipsis') return false;
        if (el.clientWidth <= 1) return false; // visually hidden text for screen readers
        return el.scrollWidth > el.clientWidth + 1;
      })
      .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}: content ${el.scrollWidth}px wide in ${el.clientWidth}px`),
  );
}

/** Runs axe in both themes; returns the serious and critical violations, labelled. */
async function audit(page: Page, screen: string): Promise<string[]> {
  const failures = (await clippedSideways(page)).map((c) => `${screen}: clipped sideways: ${c}`);
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    // Colours change with a short transition: judge them once it has run.
    await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined))));
    for (const v of await axe(page)) {
      const line = `${screen} (${colorScheme}) ${v.impact} ${v.id}: ${v.help}\n    ${v.nodes.join('\n    ')}`;
      if (v.impact === 'serious' || v.impact === 'critical') failures.push(line);
      else lesser.push(line);
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  return failures;
}

interface FocusLook {
  what: string;
  outline: string;
  visible: boolean;
}

/** Tabs through the screen (or the open dialog) once; how each control that took focus looks. */
async function tabThrough(page: Page, screen: string): Promise<FocusLook[]> {
  const seen: FocusLook[] = [];
  const keys: string[] = [];
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    const look = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      const style = getComputedStyle(el);
      const width = parseFloat(style.outlineWidth) || 0;
      const color = style.outlineColor;
      const transparent = color === 'transparent' || /rgba\([^)]*,\s*0\)$/.test(color);
      const ring = style.outlineStyle !== 'none' && width >= 2 && !transparent;
      const label = (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
      return { html: el.outerHTML, what: `<${el.tagName.toLowerCase()}> ${label}`, outline: `${style.outlineStyle} ${style.outlineWidth} ${color}`, visible: ring };
    });
    if (!look) continue;
    if (keys.includes(look.html)) break; // went round once
    keys.push(look.html);
    seen.push({ what: `${screen}: ${look.what}`, outline: look.outline, visible: look.visible });
  }
  return seen;
}

const deckRow = (page: Page) => page.getByTestId('deck-row').filter({ hasText: BUILTIN_DECK });
// The sheet is in the page only while it is open (a modal <dialog>).
const sheetOpen = (page: Page) =>
  page.evaluate(() => (document.querySelector('[data-testid="shortcut-sheet"]') as HTMLDialogElement | null)?.open === true);

async function openSheet(page: Page): Promise<void> {
  await page.keyboard.press('Shift+Slash');
  await expect.poll(() => sheetOpen(page)).toBe(true);
}

async function closeSheet(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await expect.poll(() => sheetOpen(page)).toBe(false);
}

const LANGUAGES = [
  { locale: 'en-US', lang: 'en', showAnswer: 'Show answer', sheetTitle: 'Keyboard shortcuts', shots: 'shortcut-sheet' },
  { locale: 'nl-NL', lang: 'nl', showAnswer: 'Antwoord tonen', sheetTitle: 'Sneltoetsen', shots: 'shortcut-sheet-nl' },
] as const;

describe.each(LANGUAGES)('accessibility with the system in $locale', ({ locale, lang, showAnswer, sheetTitle, shots }) => {
  test('every screen passes axe in both themes and shows where focus is', async () => {
    const dbPath = join(dir, `${lang}.stratus`);
    // One new card: question → answer → Easy → the summary.
    prepareCollection(dbPath, { newPerDay: 1, dayStartHour: dayStartFarFromNow() });
    app = await launchStratus({ dbPath, locale });
    const { page } = app;
    const failures: string[] = [];
    const focus: FocusLook[] = [];

    // Deck list.
    await deckRow(page).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang);
    failures.push(...(await audit(page, 'deck list')));
    await screenshotThemes(page, 'screen-decks', lang);
    focus.push(...(await tabThrough(page, 'deck list')));

    // The shortcut sheet over the deck list.
    await deckRow(page).getByTestId(/^study-\d+$/).focus();
    await openSheet(page);
    expect(await page.getByTestId('shortcut-sheet').getByRole('heading', { level: 2 }).innerText()).toBe(sheetTitle);
    failures.push(...(await audit(page, 'shortcut sheet')));
    focus.push(...(await tabThrough(page, 'shortcut sheet')));
    await screenshotBothSchemes(page, shots);
    await closeSheet(page);

    // Question.
    await page.keyboard.press('Enter');
    await page.getByTestId('show-answer').waitFor();
    expect(await page.getByTestId('show-answer').innerText()).toContain(showAnswer);
    failures.push(...(await audit(page, 'question')));
    await screenshotThemes(page, 'screen-question', lang);
    focus.push(...(await tabThrough(page, 'question')));

    // The sheet over a card.
    await openSheet(page);
    failures.push(...(await audit(page, 'shortcut sheet over a card')));
    await closeSheet(page);

    // Answer.
    await page.getByTestId('show-answer').focus();
    await page.keyboard.press('Space');
    await page.getByTestId('rate-good').waitFor();
    failures.push(...(await audit(page, 'answer')));
    await screenshotThemes(page, 'screen-answer', lang);
    focus.push(...(await tabThrough(page, 'answer')));

    // Summary.
    await page.getByTestId('rate-easy').focus();
    await page.keyboard.press('4');
    await page.getByTestId('summary-reviewed').waitFor();
    failures.push(...(await audit(page, 'summary')));
    await screenshotThemes(page, 'screen-summary', lang);
    focus.push(...(await tabThrough(page, 'summary')));

    // Every other main screen of the top bar (statistics, exam, … as they are added).
    await page.getByTestId('back-to-decks').click();
    await deckRow(page).waitFor();
    const views = await page.locator('[data-testid^="nav-"]').evaluateAll((tabs) => tabs.map((t) => t.getAttribute('data-testid')!.slice(4)));
    expect(views[0]).toBe('decks');
    for (const view of views.slice(1)) {
      await page.getByTestId(`nav-${view}`).click();
      await expect.poll(() => page.getByTestId(`nav-${view}`).getAttribute('aria-current')).toBe('page');
      await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));
      failures.push(...(await audit(page, `${view} screen`)));
      await screenshotThemes(page, `screen-${view}`, lang);
      focus.push(...(await tabThrough(page, `${view} screen`)));
      await page.getByTestId('nav-decks').click();
      await deckRow(page).waitFor();
    }

    expect(failures).toEqual([]);
    // Each screen has controls to reach, and every one of them shows a focus ring.
    for (const screen of ['deck list', 'shortcut sheet', 'question', 'answer', 'summary']) {
      expect(focus.filter((f) => f.what.startsWith(`${screen}:`)).length, screen).toBeGreaterThan(0);
    }
    expect(focus.filter((f) => !f.visible).map((f) => `${f.what} (outline: ${f.outline})`)).toEqual([]);
    expect(pageProblems(app)).toEqual([]);
  });
});
