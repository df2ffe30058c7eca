// The problem types the API answers with (RFC 9457). Each type URI resolves to /problems/{code},
// which describes it. `code` is repeated in every problem body for machine use.
import type { Catalog, Institution } from '../catalog/model.js'

export const problemTypes = {
  'bad-request': { status: 400, title: 'Bad request', description: 'The request is malformed.' },
  'invalid-parameter': {
    status: 400,
    title: 'Invalid parameter',
    description: 'A path, query or body parameter failed validation; `errors` names each offending parameter.',
  },
  'conflicting-parameters': {
    status: 400,
    title: 'Conflicting parameters',
    description: 'The parameters cannot be used together, or a required one is missing.',
  },
  'seniority-out-of-scale': {
    status: 400,
    title: 'Seniority out of scale',
    description: 'A seniority value lies outside the normalized scale.',
  },
  'level-institution-mismatch': {
    status: 400,
    title: 'Level belongs to another institution',
    description: 'The level id names a job of a different institution than `from`.',
  },
  unauthorized: {
    status: 401,
    title: 'Unauthorized',
    description:
      'The request needs an API key: send `Authorization: Bearer <key>` with a key that exists and is not revoked.',
  },
  forbidden: {
    status: 403,
    title: 'Forbidden',
    description: 'The API key is valid but its scope does not allow this request (writes need scope `write`).',
  },
  'not-found': { status: 404, title: 'Not found', description: 'No resource at this URL.' },
  'unknown-institution': { status: 404, title: 'Unknown institution', description: 'No institution has this slug.' },
  'unknown-family': { status: 404, title: 'Unknown family', description: 'No job family has this id.' },
  'unknown-grade': { status: 404, title: 'Unknown grade', description: 'The institution has no such grade.' },
  'unknown-job-code': { status: 404, title: 'Unknown job code', description: 'The institution has no such job code.' },
  'unknown-level': { status: 404, title: 'Unknown level', description: 'No job level has this id.' },
  'unknown-draft': { status: 404, title: 'Unknown draft', description: 'No leveling draft has this slug.' },
  'unknown-source': { status: 404, title: 'Unknown source', description: 'No source document has this file name.' },
  'unknown-version': {
    status: 404,
    title: 'Unknown data version',
    description: 'No change in the change log starts or ends at this data version.',
  },
  'method-not-allowed': {
    status: 405,
    title: 'Method not allowed',
    description: 'The resource does not answer this method.',
  },
  'not-acceptable': {
    status: 406,
    title: 'Not acceptable',
    description: 'No representation matches the Accept header.',
  },
  'request-timeout': {
    status: 408,
    title: 'Request timeout',
    description: 'The request did not arrive in full within the time limit.',
  },
  'headers-too-large': {
    status: 431,
    title: 'Request header fields too large',
    description: 'The request line or headers exceed the size the server parses.',
  },
  'uri-too-long': { status: 414, title: 'URI too long', description: 'A path parameter exceeds its length limit.' },
  conflict: {
    status: 409,
    title: 'Conflict',
    description:
      'The request conflicts with the state of the data, e.g. deleting an institution the scale is calibrated on.',
  },
  'precondition-failed': {
    status: 412,
    title: 'Precondition failed',
    description:
      'If-Match names a version of the document that is no longer the stored one (another write came first), or there is no document: nothing was written. GET the document again for its current ETag.',
  },
  'precondition-required': {
    status: 428,
    title: 'Precondition required',
    description:
      'A write to a draft must name the revision it was decided on: send If-Match with the ETag of GET /v1/drafts/{slug}.',
  },
  'not-reviewed': {
    status: 409,
    title: 'Not reviewed',
    description:
      'A draft is published only once every flagged job has a decision; `errors` lists the jobs still to decide.',
  },
  'payload-too-large': { status: 413, title: 'Payload too large', description: 'The request body exceeds the limit.' },
  'too-many-items': {
    status: 413,
    title: 'Too many items',
    description: 'A batch holds more items than the limit the detail names.',
  },
  'unsupported-media-type': {
    status: 415,
    title: 'Unsupported media type',
    description: 'The request body has a content type the API does not read.',
  },
  'rate-limited': {
    status: 429,
    title: 'Too many requests',
    description: 'The client exceeded its rate limit; Retry-After says when to try again.',
  },
  overloaded: {
    status: 503,
    title: 'Overloaded',
    description: 'The service is shedding load; Retry-After says when to try again.',
  },
  'invalid-document': {
    status: 422,
    title: 'Invalid document',
    description:
      'The institution document was read but breaks the format or the rules; `errors` lists every problem with a JSON pointer into the body. Nothing was written.',
  },
  'empty-submission': {
    status: 400,
    title: 'Empty submission',
    description:
      'The leveling request holds no job: an empty body, a text of only white space, an empty `jobs` list or a CSV without rows.',
  },
  'invalid-submission': {
    status: 400,
    title: 'Invalid submission',
    description:
      'The leveling request cannot be read: a JSON body or item that is neither `{ text }` nor the evidence fields, an unknown CSV column, or broken CSV quoting. `errors` names the place: a JSON pointer (`path`), or a CSV `row` and `column` (counted from 1, the header being row 1).',
  },
  'no-recognisable-job': {
    status: 422,
    title: 'No recognisable job',
    description:
      'The submission was read, but no part of it states anything a job description states (experience, education, supervision, complexity, leadership, scope, or a level word), so nothing can be leveled.',
  },
  'too-many-jobs': {
    status: 413,
    title: 'Too many jobs',
    description: 'A leveling request holds more jobs than the limit the detail names.',
  },
  'store-unavailable': {
    status: 503,
    title: 'Store unavailable',
    description:
      'The shared store (PostgreSQL) cannot be reached. A write answered so wrote nothing; a read answered so (the change log, which is read from the store) read nothing. Every other read is still answered from memory. Retry-After (5 s) says when to try again.',
  },
  'store-busy': {
    status: 503,
    title: 'Store busy',
    description:
      'The store answers, but this request gave up waiting for it: every connection to it was in use, or another write held its lock too long. A write answered so wrote nothing. Retry-After (1 s) says when to try again.',
  },
  'not-ready': { status: 503, title: 'Not ready', description: 'The service is starting or stopping.' },
  'internal-error': {
    status: 500,
    title: 'Internal server error',
    description: 'The request failed on the server. Nothing about the failure is disclosed; it is logged.',
  },
} as const satisfies Record<string, { status: number; title: string; description: string }>

export type ProblemCode = keyof typeof problemTypes

export interface ProblemDetails {
  type: string
  title: string
  status: number
  detail: string
  code: string
  instance?: string
  errors?: { location?: string; name?: string; path?: string; row?: number; column?: number; message: string }[]
}

export function problem(code: ProblemCode, detail: string, extra: Pick<ProblemDetails, 'errors'> = {}): ProblemDetails {
  const kind = problemTypes[code]
  return { type: `/problems/${code}`, title: kind.title, status: kind.status, detail, code, ...extra }
}

/** An error that carries its problem; thrown by handlers, rendered by the error handler. */
export class HttpProblem extends Error {
  constructor(readonly problem: ProblemDetails) {
    super(problem.detail)
    this.name = 'HttpProblem'
  }

  static of(code: ProblemCode, detail: string, extra: Pick<ProblemDetails, 'errors'> = {}): HttpProblem {
    return new HttpProblem(problem(code, detail, extra))
  }
}

/** Where in a request a problem was found: a path or query parameter by name, or a body field by JSON pointer. */
export type ProblemPlace = { location: 'params' | 'querystring'; name: string } | { location: 'body'; path: string }

/** The words every answer uses for a slug no institution has. */
export const unknownInstitutionDetail = (slug: string) => `No institution "${slug}".`

/** The institution a request names, or the one 404 `unknown-institution` every route answers, naming where the slug was. */
export function requireInstitution(catalog: Catalog, slug: string, where: ProblemPlace): Institution {
  const institution = catalog.institutionBySlug.get(slug)
  if (institution) return institution
  throw HttpProblem.of('unknown-institution', unknownInstitutionDetail(slug), {
    errors: [{ ...where, message: `no institution "${slug}"` }],
  })
}

/** The 422 for a document PUT refuses: how many problems, the first in words, and every one at its pointer. */
export function invalidDocument(
  issues: readonly { path: string; message: string }[],
  what = 'The document',
  advice = '',
): HttpProblem {
  const [first] = issues
  const count = `${issues.length} problem${issues.length === 1 ? '' : 's'}`
  return HttpProblem.of(
    'invalid-document',
    `${what} has ${count}; nothing was written. First: ${first?.path || '(document)'}: ${first?.message}.${advice ? ` ${advice}` : ''}`,
    { errors: issues.map((issue) => ({ location: 'body', path: issue.path, message: issue.message })) },
  )
}
