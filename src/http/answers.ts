// A bounded cache of serialized answers (least recently used out first, by second chance). Every GET under /v1 is a pure function of the data
// version, the change log's head, the URL and the media type (what its ETag digests), so an answer
// stored under the media type and URL stays right until the version or the head moves (the
// cache's generation), and then the whole cache is dropped. Bodies are kept as UTF-8 buffers, so a hit is written without serializing or encoding
// anything; compressed forms (brotli, gzip) are added beside them once made.

export type Coding = 'br' | 'gzip'

/** Content codings in the order the server prefers them. */
export const codings: readonly Coding[] = ['br', 'gzip']

export interface CachedAnswer {
  etag: string
  payload: Buffer
  contentType: string
  /** Its Cache-Control: the present's lifetime, or an immutable one for a settled past (asOf). */
  cacheControl: string
  link: string | undefined
  encoded: Partial<Record<Coding, Buffer>>
  /** Set on each hit; eviction gives a used answer a second chance (cheaper than reordering on every hit). */
  used?: boolean
}

function sizeOf(answer: CachedAnswer): number {
  return answer.payload.length + (answer.encoded.br?.length ?? 0) + (answer.encoded.gzip?.length ?? 0)
}

export class AnswerCache {
  private readonly answers = new Map<string, CachedAnswer>()
  private bytes = 0
  private version: string | undefined

  /** `maxBytes` 0 turns the cache off. One answer may take at most an eighth of it. */
  constructor(readonly maxBytes: number) {}

  get size(): number {
    return this.answers.size
  }

  get usedBytes(): number {
    return this.bytes
  }

  /** Drops every answer when the generation (data version and log head) changes: they may no longer be right. */
  useGeneration(version: string): void {
    if (this.version === version) return
    this.version = version
    this.answers.clear()
    this.bytes = 0
  }

  get(key: string): CachedAnswer | undefined {
    const answer = this.answers.get(key)
    if (answer) answer.used = true
    return answer
  }

  /**
   * Stores an answer made in `generation` (undefined: the current one); false when it is not stored
   * (too large, already there, or made in a generation that is no longer current).
   */
  set(key: string, answer: CachedAnswer, generation?: string | null): boolean {
    const size = sizeOf(answer)
    if (generation != null && generation !== this.version) return false
    if (size > this.maxBytes / 8 || this.answers.has(key)) return false
    this.answers.set(key, answer)
    this.bytes += size
    this.evict()
    return true
  }

  /** Adds a compressed form to an answer, if that answer is still the one stored under `key`. */
  attach(key: string, answer: CachedAnswer, coding: Coding, body: Buffer): void {
    if (this.answers.get(key) !== answer || answer.encoded[coding]) return
    answer.encoded[coding] = body
    this.bytes += body.length
    this.evict()
  }

  /** Evicts from the oldest end; an answer used since it was last looked at moves to the newest end once. */
  private evict(): void {
    while (this.bytes > this.maxBytes) {
      const oldest = this.answers.entries().next().value
      if (!oldest) return
      const [key, stored] = oldest
      this.answers.delete(key)
      if (stored.used) {
        stored.used = false
        this.answers.set(key, stored)
      } else {
        this.bytes -= sizeOf(stored)
      }
    }
  }
}
