// HTML output is built only through the `html` tag: every interpolated value is escaped unless it
// is already Html (built by this tag, or a constant marked with `trustedHtml`). Nothing from the
// catalog or the request can reach the page unescaped.

const entities: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

/** Escapes text for use in element content and in quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => entities[character] as string)
}

/** A fragment of markup that is already safe to emit. */
export class Html {
  constructor(readonly markup: string) {}

  toString(): string {
    return this.markup
  }
}

export type HtmlValue = Html | string | number | boolean | null | undefined | readonly HtmlValue[]

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false || value === true) return ''
  if (value instanceof Html) return value.markup
  if (Array.isArray(value)) return value.map(render).join('')
  return escapeHtml(String(value))
}

/** Tagged template: `html\`<p>${text}</p>\`` escapes `text`; nested Html and arrays are kept. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): Html {
  let markup = strings[0] ?? ''
  values.forEach((value, index) => {
    markup += render(value) + (strings[index + 1] ?? '')
  })
  return new Html(markup)
}

/** Marks a constant of this codebase (the inline style sheet and script) as markup. */
export function trustedHtml(markup: string): Html {
  return new Html(markup)
}
