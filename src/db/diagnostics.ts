// What may be printed about the store: a connection string without its password, and an error as a
// few plain fields. node-postgres attaches the client (user, host, database, and the connection
// parameters with the password) to some errors, and an error's message may quote a connection
// string: a logger that serializes the error object prints all of that. So nothing the store
// reports is logged as it is, only as describeError gives it.

/** `user:password@` in a URL (the password may hold `@`, `/` or `:`, written raw), and `password=` parameters. */
const urlPassword = /([A-Za-z][A-Za-z0-9+.-]*:\/\/[^:\s/@]*):[^\s]*@/g
/** A value written without `//` (`postgres:user:secret@host`): everything before the `@` may be a secret. */
const bareUserinfo = /(^|[\s"'(])([A-Za-z][A-Za-z0-9+.-]*:)(?!\/\/)[^\s"']*@/g
const passwordParameter = /([?&;\s]password=)[^&\s;]*/gi

/** The text with every password of a connection string in it replaced by `***`. */
export function redactSecrets(text: string): string {
  return text.replace(urlPassword, '$1:***@').replace(bareUserinfo, '$1$2***@').replace(passwordParameter, '$1***')
}

/** An error as it may be logged: its name, message (redacted), code, and the same of its causes. */
export interface ErrorSummary {
  name: string
  message: string
  code?: string
  cause?: ErrorSummary
}

export function describeError(error: unknown, depth = 0): ErrorSummary {
  if (!(error instanceof Error)) return { name: 'Error', message: redactSecrets(String(error)) }
  const summary: ErrorSummary = { name: error.name, message: redactSecrets(error.message) }
  const code = (error as { code?: unknown }).code
  if (typeof code === 'string' || typeof code === 'number') summary.code = String(code)
  const cause = (error as { cause?: unknown }).cause
  if (cause !== undefined && depth < 3) summary.cause = describeError(cause, depth + 1)
  return summary
}
