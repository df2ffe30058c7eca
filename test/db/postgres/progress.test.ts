import { describe, expect, it } from 'vitest'
import { ReplicaProgress } from '../../../src/db/postgres/progress.js'

describe('ReplicaProgress', () => {
  it('counts writes applied in any order, and skips the notification of a write the replica made', () => {
    const progress = new ReplicaProgress()
    progress.loadedAll(10)
    expect(progress.notice(11, 'harvard')).toBe(true)
    expect(progress.notice(12, 'columbia')).toBe(true)
    progress.wrote(13)
    expect(progress.notice(13, 'missouri')).toBe(false)
    progress.loadedOne('columbia', 13)
    expect(progress.appliedThrough).toBe(10)
    progress.loadedOne('harvard', 13)
    expect(progress.appliedThrough).toBe(13)
    expect(progress.notice(9, 'harvard')).toBe(false)
  })

  it('applies a notified write only through a reload of its institution that read the store at or after it', () => {
    const progress = new ReplicaProgress(5)
    progress.notice(6, 'harvard')
    progress.loadedOne('harvard', 5)
    expect(progress.appliedThrough).toBe(5)
    progress.loadedOne('columbia', 9)
    expect(progress.appliedThrough).toBe(5)
    progress.loadedOne('harvard', 6)
    expect(progress.appliedThrough).toBe(6)
  })

  it('under a steady stream of writes, polls say current or waiting as long as each is applied within a poll', () => {
    const progress = new ReplicaProgress(0)
    let count = 0
    for (let poll = 0; poll < 20; poll++) {
      // Three writes per poll interval, each applied; a fourth whose notification is on its way.
      for (let i = 0; i < 3; i++) {
        count++
        progress.notice(count, 'columbia')
        progress.loadedOne('columbia', count)
      }
      expect(progress.poll(count + 1)).not.toBe('behind')
      count++
      progress.notice(count, 'columbia')
      progress.loadedOne('columbia', count)
    }
  })

  it('says behind when a write counted at one poll is still not applied at the next, though writes go on', () => {
    const progress = new ReplicaProgress(0)
    progress.notice(1, 'harvard')
    progress.notice(2, 'columbia')
    progress.loadedOne('columbia', 2)
    expect(progress.poll(2)).toBe('waiting')
    progress.notice(3, 'columbia')
    progress.loadedOne('columbia', 3)
    expect(progress.poll(3)).toBe('behind')
    progress.loadedAll(3)
    expect(progress.poll(3)).toBe('current')
  })

  it('says behind for a write whose notification never came', () => {
    const progress = new ReplicaProgress(4)
    expect(progress.poll(5)).toBe('waiting')
    expect(progress.poll(5)).toBe('behind')
  })

  it('holds a notification that arrives while its own write is in flight, and drops it once the write is applied', () => {
    const progress = new ReplicaProgress(4)
    progress.beginWrite()
    // The commit reached the listener before the write's answer reached the writer.
    expect(progress.receive(5, 'harvard')).toBe(false)
    // Another replica's write, noticed meanwhile, is released when the write ends.
    expect(progress.receive(6, 'columbia')).toBe(false)
    expect(progress.endWrite(5)).toEqual([{ count: 6, slug: 'columbia' }])
    expect(progress.appliedThrough).toBe(5)
    // With no write in flight a notification is answered at once.
    expect(progress.receive(7, 'missouri')).toBe(true)
  })

  it('releases what it held when a write of its own wrote nothing', () => {
    const progress = new ReplicaProgress(0)
    progress.beginWrite()
    expect(progress.receive(1, 'harvard')).toBe(false)
    expect(progress.endWrite(undefined)).toEqual([{ count: 1, slug: 'harvard' }])
  })
})
