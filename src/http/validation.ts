// A validator compiler for routes that check their own body: the body is declared in the route
// schema (so OpenAPI describes it) but not checked by Fastify's validator, which stops at the
// first error and coerces types; the route reads it in full and names every problem's place. The
// URL parameters and query are converted as Fastify's validator would (`bom=true` is a boolean)
// and checked, with errors in the shape the error handler reads.
import type { FastifySchemaCompiler } from 'fastify'
import type { TSchema } from 'typebox'
import { Compile } from 'typebox/compile'
import { Value } from 'typebox/value'

export const bodyCheckedByRoute: FastifySchemaCompiler<TSchema> = ({ schema, httpPart }) => {
  if (httpPart === 'body') return () => true
  const validator = Compile(schema)
  return (given: unknown) => {
    const value = Value.Convert(schema, given)
    return validator.Check(value)
      ? { value }
      : {
          error: validator.Errors(value).map((error) => ({
            keyword: error.keyword,
            instancePath: error.instancePath,
            schemaPath: error.schemaPath,
            params: error.params as Record<string, unknown>,
            message: error.message,
          })),
        }
  }
}
