// Canonical JSON for data documents: keys in the order the TypeBox schema declares them,
// two-space indent, trailing newline. The files in data/ are stored in this form, so a document
// read back from the database serializes to the same bytes as the file it came from.
import type { TSchema } from 'typebox'

type JsonSchema = {
  type?: string
  properties?: Record<string, JsonSchema>
  items?: JsonSchema
  anyOf?: JsonSchema[]
}

function order(schema: JsonSchema, value: unknown): unknown {
  if (schema.anyOf) {
    const branch = schema.anyOf.find((candidate) =>
      value === null
        ? candidate.type === 'null'
        : Array.isArray(value)
          ? candidate.type === 'array'
          : candidate.type === typeof value,
    )
    return branch ? order(branch, value) : value
  }
  if (Array.isArray(value)) return schema.items ? value.map((item) => order(schema.items as JsonSchema, item)) : value
  if (value !== null && typeof value === 'object' && schema.properties) {
    const source = value as Record<string, unknown>
    const ordered: Record<string, unknown> = {}
    for (const [key, property] of Object.entries(schema.properties)) {
      if (source[key] !== undefined) ordered[key] = order(property, source[key])
    }
    return ordered
  }
  return value
}

export function canonicalJson(schema: TSchema, document: unknown): string {
  return `${JSON.stringify(order(schema as JsonSchema, document), null, 2)}\n`
}
