import { describe, expect, it } from 'vitest';
import { renderCardHtml } from '../../electron/core/render';

describe('card HTML', () => {
  it('renders Markdown', () => {
    expect(renderCardHtml('Security **of** the cloud')).toBe('<p>Security <strong>of</strong> the cloud</p>');
    expect(renderCardHtml('- one\n- two')).toBe('<ul>\n<li>one</li>\n<li>two</li>\n</ul>');
  });

  it.each([
    ['<script>alert(1)</script>Hi', 'Hi'],
    ['<img src=x onerror="alert(1)">', ''],
    ['<img src="https://tracker.example/p.gif">', ''],
    ['[click](javascript:alert(1))', '<p>click</p>'],
    ['<a href="https://example.com">site</a>', '<p>site</p>'],
    ['<p style="position:fixed" onclick="x()">styled</p>', '<p>styled</p>'],
    ['<iframe src="https://example.com"></iframe>text', 'text'],
    ['<form action="/"><input name=a></form>x', 'x'],
  ])('sanitizes %s', (input, expected) => {
    expect(renderCardHtml(input)).toBe(expected);
  });

  it('keeps inline data images and tables', () => {
    expect(renderCardHtml('<img src="data:image/png;base64,AAAA" alt="a">')).toContain('src="data:image/png;base64,AAAA"');
    expect(renderCardHtml('|AWS|Customer|\n|-|-|\n|Regions|Data|')).toContain('<td>Regions</td>');
  });
});
