import { Type } from 'typebox'

/** The ends of the normalized scale (data/scale.json); a seniority outside them is refused. */
export const scaleBounds = { minimum: 1, maximum: 7 } as const

export const SeniorityValueSchema = (description: string) =>
  Type.Number({
    ...scaleBounds,
    description: `${description} Between ${scaleBounds.minimum} and ${scaleBounds.maximum}.`,
  })
