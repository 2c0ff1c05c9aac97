// The model's state and its O(1) bookkeeping. Recency weighting uses exponential decay stored as
// (value, reference time): bringing a value forward is one multiplication, so nothing is ever recomputed
// over a person's history.

/** A person's record on one tag. `count`, `accepted` and `good` are decayed; they refer to time `t`. */
export interface TagStat {
  /** Answers on the tag, not decayed. */
  n: number
  t: number
  count: number
  accepted: number
  /** Decayed sum of log(1 + upvotes) of the person's answers on the tag. */
  good: number
}

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
  /** Answers, not decayed. */
  n: number
  accepted: number
  /** Decayed answers and accepted answers, at time `t`. */
  t: number
  activity: number
  acceptedDecayed: number
  lastTick: number
  tags: Map<string, TagStat>
  answers: AnswerRecord[]
  /** Decayed "not my area" declines per tag, at time `t`. */
  declines: Map<string, TagStat> | null
  /** Topics the person hid from "What I'm known for": never used to route to them. */
  hidden: Set<string> | null
}

export interface QuestionRecord {
  id: string
  doc: number
  askerId: string | null
  tags: string[]
  answers: AnswerRecord[]
}

/** A decay function for one half-life (in ticks of the activity clock). */
export class Decay {
  readonly lambda: number
  constructor(halfLife: number) {
    this.lambda = halfLife > 0 && Number.isFinite(halfLife) ? Math.LN2 / halfLife : 0
  }

  /** The factor by which a value recorded at `from` has shrunk at `to`. */
  factor(from: number, to: number): number {
    return to <= from ? 1 : Math.exp(-this.lambda * (to - from))
  }

  /** Brings a tag record forward to `now`. */
  bringTag(stat: TagStat, now: number): void {
    if (now <= stat.t) return
    const f = this.factor(stat.t, now)
    stat.count *= f
    stat.accepted *= f
    stat.good *= f
    stat.t = now
  }

  bringPerson(p: PersonState, now: number): void {
    if (now <= p.t) return
    const f = this.factor(p.t, now)
    p.activity *= f
    p.acceptedDecayed *= f
    p.t = now
  }

  /** The tag record's decayed values as seen at `now`, without changing it. */
  tagAt(stat: TagStat, now: number): { count: number; accepted: number; good: number } {
    const f = this.factor(stat.t, now)
    return { count: stat.count * f, accepted: stat.accepted * f, good: stat.good * f }
  }
}

export function newPerson(id: string): PersonState {
  return { id, n: 0, accepted: 0, t: 0, activity: 0, acceptedDecayed: 0, lastTick: -1, tags: new Map(), answers: [], declines: null, hidden: null }
}

export function newTagStat(t: number): TagStat {
  return { n: 0, t, count: 0, accepted: 0, good: 0 }
}

/** How much an answer's votes count: log-scaled, so one famous answer does not outweigh steady help. */
export function voteWeight(score: number): number {
  return score > 0 ? Math.log1p(score) : 0
}
