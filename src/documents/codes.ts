// How grade and job codes are matched, wherever they are compared: in document rules, lookups and filters.

/**
 * The form a code is matched in: Unicode compatibility forms folded (NFKC: a full-width ５７ is 57),
 * then ASCII letters upper-cased and nothing else, so no other letter (the dotless ı, the long ſ)
 * reaches an ASCII one through case mapping.
 */
function codeForm(code: string): string {
  return code
    .normalize('NFKC')
    .trim()
    .replace(/[a-z]+/g, (letters) => letters.toUpperCase())
}

/** Grade codes match case-insensitively, and zero-padding of numbers is ignored (057 = 57). */
export function gradeKey(code: string): string {
  const form = codeForm(code)
  return /^\d+$/.test(form) ? String(Number.parseInt(form, 10)) : form
}

export function jobCodeKey(code: string): string {
  return codeForm(code)
}

/** A grade's stable id: `<institution>.<code>`. */
export function gradeId(institution: string, code: string): string {
  return `${institution}.${code}`
}
