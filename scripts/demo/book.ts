import type { PostKind } from '../../src/shared/knowledge.js'
import type { DemoAdoption, DemoInteraction, DemoPost, DemoThanks } from './knowledge-types.js'
import type { Rng } from './prng.js'

export const HOUR = 3_600_000
export const DAY = 24 * HOUR

export const iso = (ms: number) => new Date(ms).toISOString()

/** A delay drawn from an exponential distribution with the given mean: most replies come fast, a few late. */
export function delay(rng: Rng, mean: number): number {
  return Math.round(-Math.log(1 - rng()) * mean)
}

/** A uniform moment in [from, to). */
export function between(rng: Rng, from: number, to: number): number {
  return Math.round(from + rng() * Math.max(0, to - from))
}

type NewPost = Pick<DemoPost, 'space' | 'kind' | 'author' | 'title' | 'body' | 'tags'> &
  Partial<Pick<DemoPost, 'anonymous' | 'fields' | 'seriesId' | 'seriesOrder'>>

/**
 * The record of the year as it is written: posts with their counters kept as the product keeps them (a
 * reply bumps its parent's count and its thread's last activity), thanks, adoptions and chat. Nothing is
 * written at or after `end`, so the demo never holds the future.
 */
export class Book {
  readonly posts: DemoPost[] = []
  readonly thanks: DemoThanks[] = []
  readonly adoptions: DemoAdoption[] = []
  readonly chat: DemoInteraction[] = []
  /** People who joined a community without being part of its practice (e.g. a steward come to adopt a practice). */
  readonly joins: { space: string; email: string; at: number }[] = []
  /** Every question title asked so far: no two questions in the demo share one. */
  readonly asked = new Set<string>()

  constructor(readonly end: number) {}

  /** A top-level post (question, story, practice or lesson). */
  add(p: NewPost, at: number): DemoPost {
    const post: DemoPost = {
      n: this.posts.length,
      parent: null,
      root: null,
      anonymous: false,
      fields: {},
      seriesId: null,
      seriesOrder: null,
      accepted: null,
      acceptedAt: null,
      answerCount: 0,
      commentCount: 0,
      ...p,
      createdAt: iso(at),
      lastActivityAt: iso(at),
    }
    this.posts.push(post)
    return post
  }

  /** An answer or comment below `parent`, or null when it would fall after the end of the year. */
  reply(parent: DemoPost, kind: Extract<PostKind, 'answer' | 'comment'>, author: string, body: string, at: number): DemoPost | null {
    if (at >= this.end || at <= Date.parse(parent.createdAt)) return null
    const root = parent.root === null ? parent : (this.posts[parent.root] as DemoPost)
    const post: DemoPost = {
      n: this.posts.length,
      space: parent.space,
      kind,
      parent: parent.n,
      root: root.n,
      author,
      anonymous: false,
      title: '',
      body,
      fields: {},
      tags: [],
      accepted: null,
      acceptedAt: null,
      answerCount: 0,
      commentCount: 0,
      seriesId: null,
      seriesOrder: null,
      createdAt: iso(at),
      lastActivityAt: iso(at),
    }
    this.posts.push(post)
    if (kind === 'answer') parent.answerCount++
    else parent.commentCount++
    this.touch(root, at)
    return post
  }

  accept(question: DemoPost, answer: DemoPost, at: number): boolean {
    if (at >= this.end || at <= Date.parse(answer.createdAt)) return false
    question.accepted = answer.n
    question.acceptedAt = iso(at)
    this.touch(question, at)
    return true
  }

  /** Thanks or "I learned this from you", on a post or (post null) to a person. */
  thank(t: Omit<DemoThanks, 'at'>, at: number): boolean {
    if (at >= this.end) return false
    if (t.post !== null && at <= Date.parse((this.posts[t.post] as DemoPost).createdAt)) return false
    if (t.giver === t.receiver) return false
    if (t.post !== null && this.thanks.some((x) => x.post === t.post && x.giver === t.giver && x.kind === t.kind)) return false
    this.thanks.push({ ...t, at: iso(at) })
    return true
  }

  adopt(a: Omit<DemoAdoption, 'at'>, at: number): boolean {
    const practice = this.posts[a.post] as DemoPost
    if (at >= this.end || at <= Date.parse(practice.createdAt)) return false
    const same = (x: DemoAdoption) =>
      x.post === a.post && (a.person === null ? x.space === a.space && x.person === null : x.person === a.person)
    if (a.person === practice.author || this.adoptions.some(same)) return false
    this.adoptions.push({ ...a, at: iso(at) })
    return true
  }

  talk(i: Omit<DemoInteraction, 'at' | 'source' | 'post'>, at: number): void {
    if (at < this.end && i.actor !== i.target) this.chat.push({ ...i, at: iso(at), source: 'demo-chat', post: null })
  }

  join(space: string, email: string, at: number): void {
    if (!this.joins.some((j) => j.space === space && j.email === email)) this.joins.push({ space, email, at })
  }

  private touch(root: DemoPost, at: number): void {
    if (iso(at) > root.lastActivityAt) root.lastActivityAt = iso(at)
  }
}
