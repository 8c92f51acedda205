// The chart colours of the current theme, read from CSS custom properties at draw time (app.css
// defines the light and dark tokens; ChartCanvas.svelte maps the chart roles onto them), and a
// watcher that calls back when the theme changes so charts redraw in the new colours.
import type { ChartTheme, ColorToken } from './chart';

/** The CSS custom property of each colour role (ChartCanvas.svelte defines the --chart-* ones). */
export const TOKEN_PROPERTIES: Record<ColorToken, string> = {
  new: '--chart-new',
  learning: '--chart-learning',
  young: '--chart-young',
  mature: '--chart-mature',
  relearning: '--chart-relearning',
  review: '--chart-review',
  suspended: '--chart-suspended',
  buried: '--chart-buried',
  again: '--chart-again',
  hard: '--chart-hard',
  good: '--chart-good',
  easy: '--chart-easy',
  accent: '--chart-accent',
  muted: '--chart-muted',
};

const DARK = '(prefers-color-scheme: dark)';

/** The theme in force: one chosen in Settings (data-theme on <html>), else the system's. */
export function currentScheme(): 'light' | 'dark' {
  const chosen = typeof document === 'undefined' ? null : document.documentElement.dataset.theme;
  if (chosen === 'light' || chosen === 'dark') return chosen;
  return globalThis.matchMedia?.(DARK).matches ? 'dark' : 'light';
}

/** The theme's colours as seen from `element` (custom properties inherit, so any chart element will do). */
export function readChartTheme(element: Element): ChartTheme {
  const style = getComputedStyle(element);
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  const text = read('--text', '#1b2230');
  const colors = Object.fromEntries(
    Object.entries(TOKEN_PROPERTIES).map(([token, property]) => [token, read(property, text)]),
  ) as Record<ColorToken, string>;
  return {
    scheme: currentScheme(),
    font: read('--font-sans', 'system-ui, sans-serif'),
    text,
    muted: read('--text-muted', text),
    grid: read('--border', '#dde1e8'),
    surface: read('--surface', '#ffffff'),
    border: read('--border-strong', '#c5cbd6'),
    colors,
  };
}

/**
 * Calls `onChange` when the colour scheme changes: the system's (prefers-color-scheme) or the one
 * chosen in Settings (data-theme on <html>; class and style too, e.g. the font size). Returns the
 * function that stops.
 */
export function watchTheme(onChange: () => void): () => void {
  const media = globalThis.matchMedia?.(DARK);
  media?.addEventListener('change', onChange);
  let observer: MutationObserver | null = null;
  if (typeof MutationObserver !== 'undefined' && typeof document !== 'undefined') {
    observer = new MutationObserver(onChange);
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['class', 'data-theme', 'style'] });
  }
  return () => {
    media?.removeEventListener('change', onChange);
    observer?.disconnect();
  };
}

/** Whether the user asked for less motion (charts then draw without animation). */
export function prefersReducedMotion(): boolean {
  return globalThis.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
}
