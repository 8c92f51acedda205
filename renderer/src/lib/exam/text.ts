// The core states its models (pass probability, projection, practice score, retention workload)
// in English sentences. The UI shows the core's own words in English and the catalogue's
// translation of them in other languages, so a Dutch screen is not half English.
import { i18n, t } from '../i18n.svelte';

/** The core's sentence in English; `key`'s translation (with `params`) otherwise. */
export function coreText(english: string, key: string, params: Record<string, unknown> = {}): string {
  return i18n.lang === 'en' ? english : t(key, params);
}
