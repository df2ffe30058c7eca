// Which committed writes a replica has applied. The version row counts writes one by one (every
// write takes its lock and adds 1), and each write's notification carries its count, so a replica
// knows exactly which writes it holds: `through` (every write up to it), and those applied past it
// out of order. A write is applied when the replica made it itself, when a reload of its institution
// read the store at or after it, or when a reload of everything did.
//
// The safety poll compares the store's count with what the replica holds, rather than waiting for a
// quiet moment (under a steady stream of writes there is none): a write the store had counted at
// one poll must be applied by the next, a poll interval later; if not, its notification was lost or
// its reload never succeeded, and the replica reloads everything.

export type PollVerdict = 'current' | 'waiting' | 'behind'

export class ReplicaProgress {
  /** Every write up to this count is applied. */
  private through: number
  /** Writes applied past `through` (out of order). */
  private readonly applied = new Set<number>()
  /** Writes notified and not applied yet: count → institution. */
  private readonly notified = new Map<number, string>()
  /** The store's count at the previous poll, while the replica was behind it. */
  private target: number | undefined
  /** This replica's writes in flight, and the notifications that arrived meanwhile. */
  private writing = 0
  private readonly held: { count: number; slug: string }[] = []

  constructor(through = 0) {
    this.through = through
  }

  /** Every write up to this count is applied. */
  get appliedThrough(): number {
    return this.through
  }

  /** A notification of write `count` to `slug`: false when it is applied already (the replica's own write). */
  notice(count: number, slug: string): boolean {
    if (count <= this.through || this.applied.has(count)) return false
    this.notified.set(count, slug)
    return true
  }

  /** The replica applied write `count` itself. */
  wrote(count: number): void {
    this.apply(count)
  }

  /**
   * A notification as it arrives: true when it needs a reload now. While a write of this replica's
   * is in flight it is held instead, since it may be that write's own, whose commit reached the
   * listener before the write's answer reached the writer; endWrite releases it.
   */
  receive(count: number, slug: string): boolean {
    if (this.writing > 0) {
      this.held.push({ count, slug })
      return false
    }
    return this.notice(count, slug)
  }

  /** A write of this replica's starts. */
  beginWrite(): void {
    this.writing++
  }

  /**
   * It ended, committed as write `count` (undefined: it wrote nothing). Returns the notifications
   * held meanwhile that still need a reload: every one but those of writes applied here. They are
   * released at the end of each write, so a steady stream of writes never holds them for long.
   */
  endWrite(count?: number): { count: number; slug: string }[] {
    this.writing = Math.max(0, this.writing - 1)
    if (count !== undefined) this.apply(count)
    return this.held.splice(0).filter(({ count: held, slug }) => this.notice(held, slug))
  }

  /** A reload of one institution read the store at `count`: the notified writes to it up to there are applied. */
  loadedOne(slug: string, count: number): void {
    for (const [notified, notifiedSlug] of [...this.notified]) {
      if (notifiedSlug === slug && notified <= count) this.apply(notified)
    }
  }

  /** A reload of everything read the store at `count`. */
  loadedAll(count: number): void {
    if (count <= this.through) return
    this.through = count
    for (const done of [...this.applied]) if (done <= count) this.applied.delete(done)
    for (const done of [...this.notified.keys()]) if (done <= count) this.notified.delete(done)
    this.advance()
  }

  /** What a poll that read the store's count `count` says: reload everything only when `behind`. */
  poll(count: number): PollVerdict {
    if (count <= this.through) {
      this.target = undefined
      return 'current'
    }
    if (this.target !== undefined && this.through < this.target) {
      this.target = undefined
      return 'behind'
    }
    this.target = count
    return 'waiting'
  }

  private apply(count: number): void {
    this.notified.delete(count)
    if (count <= this.through) return
    this.applied.add(count)
    this.advance()
  }

  private advance(): void {
    while (this.applied.delete(this.through + 1)) this.through++
  }
}
