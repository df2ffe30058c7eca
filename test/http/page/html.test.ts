import { describe, expect, it } from 'vitest'
import { escapeHtml, html, trustedHtml } from '../../../src/http/page/html.js'

describe('escapeHtml', () => {
  it('escapes the five characters that can break out of text or a quoted attribute', () => {
    expect(escapeHtml(`<a href="x" title='y'>Tom & Jerry</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;Tom &amp; Jerry&lt;/a&gt;',
    )
  })

  it('leaves other text, including non-ASCII, as it is', () => {
    expect(escapeHtml('User Support – Professional, band S4–S5')).toBe('User Support – Professional, band S4–S5')
  })

  it('escapes an already escaped entity again rather than trusting it', () => {
    expect(escapeHtml('&lt;')).toBe('&amp;lt;')
  })
})

describe('the html tag', () => {
  it('escapes every interpolated string', () => {
    const title = '<script>alert("x")</script>'
    expect(html`<p title="${title}">${title}</p>`.markup).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</p>',
    )
  })

  it('keeps nested fragments and arrays without escaping them twice', () => {
    const items = ['a & b', 'c'].map((text) => html`<li>${text}</li>`)
    expect(html`<ul>${items}</ul>`.markup).toBe('<ul><li>a &amp; b</li><li>c</li></ul>')
  })

  it('writes numbers and drops null, undefined and booleans', () => {
    expect(html`${1.5}|${null}|${undefined}|${false}|${true}|${0}`.markup).toBe('1.5|||||0')
  })

  it('emits trusted markup as it is', () => {
    expect(html`<style>${trustedHtml('a > b { color: red }')}</style>`.markup).toBe(
      '<style>a > b { color: red }</style>',
    )
  })
})
