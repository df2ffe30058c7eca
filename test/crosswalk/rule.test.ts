// The crosswalk rule, table by table: relation, score, and which tie rule decides.
import { describe, expect, it } from 'vitest'
import type { SeniorityRange } from '../../src/catalog/model.js'
import {
  COMPARABLE_DISTANCE,
  compareGrades,
  type RankedGrade,
  relationOf,
  SCORE_FORMULA,
  scoreOf,
  TIE_RULES,
} from '../../src/crosswalk/rule.js'

const at = (value: number, min = value, max = value): SeniorityRange => ({ value, min, max })
const grade = (seniority: SeniorityRange, onSourceTrack = true, position = 0): RankedGrade => ({
  seniority,
  onSourceTrack,
  position,
})

describe('relationOf', () => {
  it.each([
    ['same point, same band, same track', at(3), at(3), true, 'exact'],
    ['same point and band across tracks', at(3), at(3), false, 'close'],
    ['one point apart', at(3), at(4), true, 'close'],
    ['a target band that contains the source band', at(2), at(2, 1, 3), true, 'broad'],
    ['a target band inside the source band', at(2, 1, 3), at(2), true, 'narrow'],
    ['same point, overlapping bands, neither inside the other', at(3, 2, 3), at(3, 3, 4), true, 'close'],
    ['two points apart', at(2), at(4), true, 'related'],
    ['two points apart inside a wide band', at(2), at(4, 1, 5), true, 'related'],
  ] as const)('%s: %s', (_, source, target, trackMatched, relation) => {
    expect(relationOf(source, target, trackMatched)).toBe(relation)
  })

  it('calls a match comparable up to one point away', () => {
    expect(COMPARABLE_DISTANCE).toBe(1)
  })
})

describe('scoreOf', () => {
  it.each([
    ['an exact match', at(3), at(3), true, 1],
    ['Columbia 12 [3] against North Carolina Journey [2–3]', at(3), at(3, 2, 3), true, 0.9],
    ['Harvard 58 [4–5] against North Carolina Advanced [3–4]', at(4, 4, 5), at(4, 3, 4), true, 0.87],
    ['one point apart, same band shape', at(3), at(4), true, 0.75],
    ['the same point across tracks', at(3), at(3), false, 0.8],
    ['four points apart', at(1), at(5), true, 0],
  ] as const)('%s scores %s', (_, source, target, trackMatched, score) => {
    expect(scoreOf(source, target, trackMatched)).toBe(score)
  })

  it('states its formula from the same constants', () => {
    expect(SCORE_FORMULA).toBe('(1 − 0.25 × distance) × (0.8 + 0.2 × band agreement) × (0.8 if the tracks differ)')
  })
})

describe('compareGrades', () => {
  it.each([
    ['nearest point', at(3), grade(at(3)), grade(at(4)), 'nearest point'],
    ['band contains the source point', at(3), grade(at(4, 3, 4)), grade(at(2)), 'band contains the source point'],
    ['point lies in the source band', at(3, 3, 4), grade(at(4)), grade(at(2)), 'point lies in the source band'],
    ['larger band overlap', at(3, 2, 4), grade(at(2, 2, 3)), grade(at(4, 3, 5)), 'larger band overlap'],
    ["a job on the source's track", at(3), grade(at(2), true), grade(at(4), false), "a job on the source's track"],
    ['the lower grade', at(3), grade(at(2)), grade(at(4)), 'the lower grade'],
    [
      'the earlier grade in pay order',
      at(3),
      grade(at(3), true, 0),
      grade(at(3), true, 1),
      'the earlier grade in pay order',
    ],
  ] as const)('%s decides', (_, source, winner, loser, rule) => {
    const won = compareGrades(source, winner, loser)
    expect(won.order).toBeLessThan(0)
    expect(won.decidedBy).toBe(rule)
    const lost = compareGrades(source, loser, winner)
    expect(lost.order).toBeGreaterThan(0)
    expect(lost.decidedBy).toBe(rule)
  })

  it('lists the rules in the documented order', () => {
    expect(TIE_RULES.map((rule) => rule.rule)).toEqual([
      'nearest point',
      'band contains the source point',
      'point lies in the source band',
      'larger band overlap',
      "a job on the source's track",
      'the lower grade',
      'the earlier grade in pay order',
    ])
  })

  it('finds two identical candidates undecided', () => {
    expect(compareGrades(at(3), grade(at(3)), grade(at(3)))).toEqual({ order: 0, decidedBy: null })
  })
})
