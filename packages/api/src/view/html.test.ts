// Escaping by construction: values are escaped, markup built by the tag is not, lists join.
import { describe, expect, it } from 'vitest';
import { escapeHtml, html, raw, truncate } from './html.ts';

describe('html', () => {
  it('escapes every interpolated string, in text and in attributes', () => {
    const name = `<script>alert("x")</script> & 'friends'`;
    expect(html`<p title="${name}">${name}</p>`.value).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;friends&#39;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;friends&#39;</p>',
    );
    expect(escapeHtml('a"b')).toBe('a&quot;b');
  });

  it('keeps markup it built, joins lists, drops nothing-values and non-finite numbers', () => {
    const items = ['<a>', 'b'].map((s) => html`<li>${s}</li>`);
    expect(html`<ul>${items}</ul>${null}${undefined}${false}${3.5}${NaN}`.value).toBe('<ul><li>&lt;a&gt;</li><li>b</li></ul>3.5');
    expect(html`${raw('<b>')}`.value).toBe('<b>');
  });

  it('truncates before escaping, with an ellipsis', () => {
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('abc', 4)).toBe('abc');
  });
});
