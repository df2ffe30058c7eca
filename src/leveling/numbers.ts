// Numbers as job descriptions write them: "5", "2.5", "five", "twenty-four", "one-half", "two (2)",
// and roman numerals as level suffixes ("Technician III").

const units: Record<string, number> = {
  zero: 0,
  no: 0,
  one: 1,
  a: 1,
  an: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  half: 0.5,
}

/** A number written in figures or words (a regular-expression source without groups). */
export const numberPattern =
  '(?:\\d+(?:\\.\\d+)?|(?:twenty|thirty|forty)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|an?|one[- ]half|half)'

export function parseNumber(word: string): number | null {
  const text = word.toLowerCase().trim()
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text)
  if (text === 'one-half' || text === 'one half') return 0.5
  const parts = text.split(/[- ]/)
  let total = 0
  for (const part of parts) {
    const value = units[part]
    if (value === undefined) return null
    total += value
  }
  return total
}

/** Roman numerals up to 20, as level suffixes are printed (I, II, IV, IX). */
export function romanValue(text: string): number | null {
  if (!/^[IVX]+$/.test(text)) return null
  const values: Record<string, number> = { I: 1, V: 5, X: 10 }
  let total = 0
  for (let i = 0; i < text.length; i++) {
    const value = values[text[i] ?? ''] ?? 0
    const next = values[text[i + 1] ?? ''] ?? 0
    total += value < next ? -value : value
  }
  return total > 0 && total <= 20 ? total : null
}

/** An ordinal or a tier number: "first", "2nd", "three", "II". */
export function tierNumber(word: string | undefined): number | null {
  if (!word) return null
  const text = word.toLowerCase()
  const table: Record<string, number> = {
    '1': 1,
    '2': 2,
    '3': 3,
    one: 1,
    two: 2,
    three: 3,
    i: 1,
    ii: 2,
    iii: 3,
    first: 1,
    second: 2,
    third: 3,
    final: 3,
    last: 3,
    '1st': 1,
    '2nd': 2,
    '3rd': 3,
  }
  return table[text] ?? null
}
