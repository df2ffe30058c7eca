import { describe, expect, it } from 'vitest'
import { negotiate, negotiateCoding } from '../../../src/http/representations/media.js'

const offers = ['application/json', 'text/csv', 'application/x-ndjson'] as const

describe('negotiate', () => {
  it('answers the first offer when Accept is missing, empty or */*', () => {
    expect(negotiate(undefined, offers)).toBe('application/json')
    expect(negotiate('', offers)).toBe('application/json')
    expect(negotiate('*/*', offers)).toBe('application/json')
  })

  it('picks the exact media type asked for, ignoring case and parameters', () => {
    expect(negotiate('text/csv', offers)).toBe('text/csv')
    expect(negotiate('Text/CSV; charset=utf-8', offers)).toBe('text/csv')
    expect(negotiate('application/x-ndjson', offers)).toBe('application/x-ndjson')
  })

  it('ranks by quality, and the most specific range sets an offer’s quality', () => {
    expect(negotiate('application/json;q=0.5, text/csv', offers)).toBe('text/csv')
    expect(negotiate('text/*;q=0.9, application/json;q=0.1', offers)).toBe('text/csv')
    expect(negotiate('*/*;q=0.8, application/json;q=0', offers)).toBe('text/csv')
  })

  it('keeps the server’s order on a tie', () => {
    expect(negotiate('text/csv, application/json', offers)).toBe('application/json')
  })

  it('answers null when nothing offered is acceptable', () => {
    expect(negotiate('text/html', offers)).toBeNull()
    expect(negotiate('text/csv;q=0', ['text/csv'])).toBeNull()
    expect(negotiate('image/*', offers)).toBeNull()
  })

  it('reads a browser’s Accept header as JSON', () => {
    expect(negotiate('text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', offers)).toBe(
      'application/json',
    )
  })
})

describe('negotiateCoding', () => {
  const available = ['br', 'gzip'] as const

  it('prefers brotli, then gzip, among the codings the client accepts', () => {
    expect(negotiateCoding('gzip, deflate, br', available)).toBe('br')
    expect(negotiateCoding('gzip', available)).toBe('gzip')
    expect(negotiateCoding('br;q=0.5, gzip', available)).toBe('gzip')
    expect(negotiateCoding('*', available)).toBe('br')
  })

  it('sends no coding when none is accepted or none is available', () => {
    expect(negotiateCoding(undefined, available)).toBeNull()
    expect(negotiateCoding('identity', available)).toBeNull()
    expect(negotiateCoding('br;q=0, gzip;q=0', available)).toBeNull()
    expect(negotiateCoding('*, br;q=0, gzip;q=0', available)).toBeNull()
    expect(negotiateCoding('gzip', [])).toBeNull()
  })
})
