// The model's state and its O(1) bookkeeping. Recency weighting uses exponential decay stored as
// (value, reference time): bringing a value forward is one multiplication, so nothing is ever recomputed
// over a person's history. Numbers live in dense columns (typed arrays) rather than one object per person
// and tag: ranking reads them for thousands of people per question, and scattered objects would make that
// a walk through memory.

/** Growable parallel Float64Array columns; row numbers are stable. Re-read `c` after `add`: it may grow. */
export class Table<K extends string> {
  length = 0
  c: Record<K, Float64Array>
  private capacity: number

  constructor(
    private readonly names: readonly K[],
    capacity = 4,
  ) {
    this.capacity = capacity
    this.c = Object.fromEntries(names.map((n) => [n, new Float64Array(capacity)])) as Record<K, Float64Array>
  }

  /** Appends a row of zeros and returns its number. */
  add(): number {
    if (this.length === this.capacity) {
      this.capacity *= 2
      for (const n of this.names) {
        const grown = new Float64Array(this.capacity)
        grown.set(this.c[n])
        this.c[n] = grown
      }
    }
    return this.length++
  }
}

/**
 * Per person: answers and accepted answers (plain counts), and at time `t` decayed answers (`activity`,
 * `activityShort` with the short half-life and `activityMid` with the middle one).
 */
export const PERSON_COLUMNS = ['n', 'accepted', 't', 'activity', 'activityShort', 'activityMid', 'lastTick'] as const
export type PersonTable = Table<(typeof PERSON_COLUMNS)[number]>

/**
 * Per (tag, person who answered on it): `n` answers (plain), and at time `t` the decayed answers (`count`,
 * and `short` with the short half-life), accepted answers and `good`, the decayed sum of log(1 + upvotes).
 */
export const TAG_COLUMNS = ['person', 'n', 't', 'count', 'short', 'accepted', 'good'] as const
export type TagTable = Table<(typeof TAG_COLUMNS)[number]>

export interface AnswerRecord {
  id: string
  person: PersonState
  question: QuestionRecord
  /** Activity-clock time at which the answer was added. */
  tick: number
  accepted: boolean
  score: number
}

export interface PersonState {
  id: string
  /** Row in the person table. */
  row: number
  /** tag → row in that tag's table. */
  tagRows: Map<string, number>
  answers: AnswerRecord[]
  /** Decayed "not my area" declines per tag: [value, calendar time in ms], decayed with declineHalfLifeDays. */
  declines: Map<string, [number, number]> | null
  /** Topics the person hid from "What I'm known for": never used to route to them. */
  hidden: Set<string> | null
}

export interface QuestionRecord {
  id: string
  doc: number
  askerId: string | null
  tags: string[]
  /** The tags and their words (see tagWordKeys): the keys of the topic tables this question feeds. */
  keys: string[]
  answers: AnswerRecord[]
}

const lambdaOf = (halfLife: number) => (halfLife > 0 && Number.isFinite(halfLife) ? Math.LN2 / halfLife : 0)

/** Exponential decay with a long, a short and a middle half-life (in ticks of the activity clock; 0 = no decay). */
export class Decay {
  readonly lambda: number
  readonly lambdaShort: number
  readonly lambdaMid: number
  constructor(halfLife: number, shortHalfLife: number, midHalfLife = 0) {
    this.lambda = lambdaOf(halfLife)
    this.lambdaShort = lambdaOf(shortHalfLife)
    this.lambdaMid = lambdaOf(midHalfLife)
  }

  /** The factor by which a value recorded at `from` has shrunk at `to` (long half-life). */
  factor(from: number, to: number): number {
    return to <= from ? 1 : Math.exp(-this.lambda * (to - from))
  }

  /** The same with the short half-life. */
  shortFactor(from: number, to: number): number {
    return to <= from ? 1 : Math.exp(-this.lambdaShort * (to - from))
  }

  /** Brings a tag row forward to `now`. */
  bringTag(table: TagTable, row: number, now: number): void {
    const c = table.c
    const t = c.t[row]!
    if (now <= t) return
    const f = this.factor(t, now)
    c.count[row] = c.count[row]! * f
    c.short[row] = c.short[row]! * this.shortFactor(t, now)
    c.accepted[row] = c.accepted[row]! * f
    c.good[row] = c.good[row]! * f
    c.t[row] = now
  }

  /** Brings a person row forward to `now`. */
  bringPerson(table: PersonTable, row: number, now: number): void {
    const c = table.c
    const t = c.t[row]!
    if (now <= t) return
    c.activity[row] = c.activity[row]! * this.factor(t, now)
    c.activityShort[row] = c.activityShort[row]! * this.shortFactor(t, now)
    c.activityMid[row] = c.activityMid[row]! * Math.exp(-this.lambdaMid * (now - t))
    c.t[row] = now
  }
}

/** How much an answer's votes count: log-scaled, so one famous answer does not outweigh steady help. */
export function voteWeight(score: number): number {
  return score > 0 ? Math.log1p(score) : 0
}

/** True when the person hid one of these tags: their answers there must not route questions to them. */
export function touchesHidden(person: PersonState, tags: readonly string[]): boolean {
  if (!person.hidden) return false
  for (const t of tags) if (person.hidden.has(t)) return true
  return false
}
