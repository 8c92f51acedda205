// Applies the app settings that change how every screen looks and reads: theme, language and
// font size. Called at start-up with the stored settings and again after each change in Settings,
// so a change shows at once. Everything goes through the DOM's own knobs (no inline style
// attributes, which the CSP forbids): a data-theme attribute that app.css honours, the <html>
// font size (the type scale is in rem) and i18n.use().
import type { AppSettings, StratusApi } from '../../../../electron/shared/contract';
import { i18n } from '../i18n.svelte';

/** Bounds the core accepts (electron/core/settings.ts). */
export const FONT_SIZE_MIN = 12;
export const FONT_SIZE_MAX = 28;
export const DEFAULT_FONT_SIZE = 16;

class Appearance {
  /** The base font size in CSS pixels; fixed-height rows (the card browser) scale with it. */
  fontSize = $state(DEFAULT_FONT_SIZE);
}

/** The app's one instance; components read `appearance.fontSize`. */
export const appearance = new Appearance();

export function applyAppearance(settings: Pick<AppSettings, 'theme' | 'language' | 'fontSize'>): void {
  const root = typeof document === 'undefined' ? null : document.documentElement;
  if (root) {
    // 'system' leaves the choice to prefers-color-scheme.
    if (settings.theme === 'system') root.removeAttribute('data-theme');
    else root.setAttribute('data-theme', settings.theme);
    root.style.fontSize = `${settings.fontSize}px`;
  }
  appearance.fontSize = settings.fontSize;
  i18n.use(settings.language);
}

/**
 * Reads the stored app settings and applies them. A failure leaves the defaults (system theme and
 * language) in place and returns the error for the caller to show.
 */
export async function loadAppearance(api: Pick<StratusApi, 'getAppSettings'>): Promise<AppSettings> {
  const settings = await api.getAppSettings();
  applyAppearance(settings);
  return settings;
}
