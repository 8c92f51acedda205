// app.css lists the dark theme's tokens twice: once for "follow the system" (a media query) and
// once for a dark theme chosen in Settings (data-theme). CSS can't share one rule between a media
// query and a plain selector without registering every token, so this test keeps the lists equal.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const css = readFileSync(join(__dirname, '../../renderer/src/app.css'), 'utf8');

function tokens(block: string): Record<string, string> {
  return Object.fromEntries([...block.matchAll(/(--[\w-]+)\s*:\s*([^;]+);/g)].map((m) => [m[1]!, m[2]!.trim()]));
}

function ruleBody(selectorStart: number): string {
  const open = css.indexOf('{', selectorStart);
  const close = css.indexOf('}', open);
  return css.slice(open + 1, close);
}

describe('the dark theme tokens in app.css', () => {
  it('are the same whether dark comes from the system or from Settings, and cover every light token', () => {
    const light = tokens(ruleBody(css.indexOf(':root {')));
    const system = tokens(ruleBody(css.indexOf(":root:not([data-theme='light'])")));
    const chosen = tokens(ruleBody(css.indexOf(":root[data-theme='dark']")));
    expect(Object.keys(system).length).toBeGreaterThan(30);
    expect(chosen).toEqual(system);
    // Every colour token the light theme sets is set again for dark (sizes and fonts are shared).
    const colours = Object.keys(light).filter((k) => /^(#|rgb|0 1px)/.test(light[k]!));
    expect(colours.filter((k) => !(k in system))).toEqual([]);
  });
});
