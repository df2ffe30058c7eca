// A bounded LRU of serialized answers. Every GET under /v1 is a pure function of the data
// version, the URL and the media type (what its ETag digests), so an answer stored under the
// media type and URL stays right until the data version changes, and then the whole cache is
// dropped. Bodies are kept as UTF-8 buffers, so a hit is written without serializing or encoding
// anything.

export interface CachedAnswer {
  etag: string
  payload: Buffer
  contentType: string
  link: string | undefined
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

  /** Drops every answer when the data version changes: their keys can no longer be asked for. */
  useVersion(version: string): void {
    if (this.version === version) return
    this.version = version
    this.answers.clear()
    this.bytes = 0
  }

  get(key: string): CachedAnswer | undefined {
    const answer = this.answers.get(key)
    if (answer) {
      this.answers.delete(key)
      this.answers.set(key, answer)
    }
    return answer
  }

  set(key: string, answer: CachedAnswer): void {
    const size = answer.payload.length
    if (size > this.maxBytes / 8 || this.answers.has(key)) return
    this.answers.set(key, answer)
    this.bytes += size
    for (const [oldest, stored] of this.answers) {
      if (this.bytes <= this.maxBytes) break
      this.answers.delete(oldest)
      this.bytes -= stored.payload.length
    }
  }
}
