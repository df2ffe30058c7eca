// Must NOT type-check: `form` is a typo for `from`, and the generated BatchItem union has no such field.
import type { components } from './levelmap.js'

export const item: components['schemas']['BatchItem'] = { form: 'harvard', grade: 57 }
