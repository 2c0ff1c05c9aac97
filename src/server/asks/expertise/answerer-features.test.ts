// The features added with the fourth ranker, each checked against its definition on a history small enough to
// compute by hand (halfLife 0: no long decay, so decayed counts are plain counts).
import { describe, expect, it } from 'vitest'
import { FEATURE_COUNT, FEATURES } from './features.js'
import { ExpertiseModel } from './model.js'
import { DEFAULT_SETTINGS, type ExpertiseSettings } from './settings.js'

const feature = (
  model: ExpertiseModel,
  name: string,
  query: { title: string; tags: string[]; askerId: string | null },
  people: string[],
) => {
  const values = model.featuresFor({ body: '', ...query }, people)
  const j = FEATURES.indexOf(name as (typeof FEATURES)[number])
  return people.map((_, i) => values[i * FEATURE_COUNT + j]!)
}

const settings = (more: Partial<ExpertiseSettings> = {}): ExpertiseSettings => ({ ...DEFAULT_SETTINGS, halfLife: 0, ...more })

describe('answerer features', () => {
  it('tag_pu: answers on the tags, smoothed toward everyone’s share of all answers', () => {
    const model = new ExpertiseModel(settings({ answererSmoothing: 5 }))
    let k = 0
    const answer = (tag: string, author: string) => {
      model.addQuestion({ id: `q${k}`, askerId: 'x', title: 'a question', body: '', tags: [tag] })
      model.addAnswer({ id: `a${k}`, questionId: `q${k++}`, authorId: author })
    }
    for (let i = 0; i < 3; i++) answer('rare', 'specialist')
    for (let i = 0; i < 3; i++) answer('rare', 'busy')
    for (let i = 0; i < 30; i++) answer('common', 'busy')
    for (let i = 0; i < 30; i++) answer('common', 'elsewhere')
    const total = 66
    const people = ['specialist', 'busy', 'elsewhere', 'nobody']
    const values = feature(model, 'tag_pu', { title: 'x', tags: ['rare'], askerId: null }, people)
    // log(answers on the tag + nu × share), the tag's own total left out (the same for everyone).
    const expected = [Math.log(3 + (5 * 3) / total), Math.log(3 + (5 * 33) / total), Math.log((5 * 30) / total), 0]
    values.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 9))
    // Two tags: the sum over them.
    const two = feature(model, 'tag_pu', { title: 'x', tags: ['rare', 'common'], askerId: null }, ['specialist'])
    expect(two[0]).toBeCloseTo(Math.log(3 + (5 * 3) / total) + Math.log((5 * 3) / total), 9)
  })

  it('asker_tie_back: the asker once answered the candidate’s questions', () => {
    const model = new ExpertiseModel(settings())
    // Yuki answers too (only people who answered are ranked on their history).
    model.addQuestion({ id: 'q0', askerId: 'walt', title: 'backup', body: '', tags: ['postgres'] })
    model.addAnswer({ id: 'a0', questionId: 'q0', authorId: 'yuki' })
    model.addQuestion({ id: 'q1', askerId: 'yuki', title: 'vacuum', body: '', tags: ['postgres'] })
    model.addAnswer({ id: 'a1', questionId: 'q1', authorId: 'xavier' })
    model.addQuestion({ id: 'q2', askerId: 'yuki', title: 'vacuum again', body: '', tags: ['postgres'] })
    model.addAnswer({ id: 'a2', questionId: 'q2', authorId: 'xavier' })
    model.addAnswer({ id: 'a3', questionId: 'q2', authorId: 'zoe' })
    // Xavier asks: Yuki, whose questions he answered twice, is tied back to him.
    expect(feature(model, 'asker_tie_back', { title: 'wal', tags: ['postgres'], askerId: 'xavier' }, ['yuki', 'zoe'])).toEqual([
      Math.log1p(2),
      0,
    ])
    // And the forward tie stays what it was: Yuki asking finds Xavier.
    expect(feature(model, 'asker_tie', { title: 'wal', tags: ['postgres'], askerId: 'yuki' }, ['xavier', 'zoe'])).toEqual([
      Math.log1p(2),
      Math.log1p(1),
    ])
    expect(feature(model, 'asker_tie_back', { title: 'wal', tags: ['postgres'], askerId: null }, ['yuki'])).toEqual([0])
  })

  it('activity_mid: answers decayed with the middle half-life of the activity clock', () => {
    const model = new ExpertiseModel(settings({ midHalfLife: 2 }))
    model.addQuestion({ id: 'q1', askerId: 'x', title: 'vacuum', body: '', tags: ['postgres'] })
    model.addAnswer({ id: 'a1', questionId: 'q1', authorId: 'early' })
    model.addAnswer({ id: 'a2', questionId: 'q1', authorId: 'late' })
    model.addAnswer({ id: 'a3', questionId: 'q1', authorId: 'late' })
    const values = feature(model, 'activity_mid', { title: 'wal', tags: ['postgres'], askerId: null }, ['early', 'late'])
    // Two answers since early's: half its weight; late's two answers are one and zero answers old.
    expect(values[0]).toBeCloseTo(Math.log1p(0.5), 9)
    expect(values[1]).toBeCloseTo(Math.log1p(2 ** -0.5 + 1), 9)
  })

  it('lsa_accepted and lsa_good: the latent neighbours’ votes of accepted and upvoted answers only', () => {
    const model = new ExpertiseModel(settings({ lsa: { ...DEFAULT_SETTINGS.lsa, minQuestions: 10 } }))
    const words = ['vacuum', 'autovacuum', 'bloat', 'wal', 'checkpoint', 'replication', 'standby', 'index']
    for (let i = 0; i < 40; i++) {
      model.addQuestion({ id: `q${i}`, askerId: 'x', title: `${words[i % 8]} ${words[(i + 3) % 8]}`, body: '', tags: ['postgres'] })
      model.addAnswer({ id: `a${i}`, questionId: `q${i}`, authorId: 'accepted', accepted: true, score: 0 })
      model.addAnswer({ id: `b${i}`, questionId: `q${i}`, authorId: 'upvoted', score: 4 })
    }
    const query = { title: 'vacuum bloat', tags: ['postgres'], askerId: null }
    const people = ['accepted', 'upvoted']
    const sum = feature(model, 'lsa_sum', query, people)
    expect(sum[0]).toBeGreaterThan(0)
    expect(sum[1]).toBeCloseTo(sum[0]!, 9)
    // Every vote of "accepted" was for an accepted answer; none of "upvoted"'s.
    expect(feature(model, 'lsa_accepted', query, people)).toEqual([sum[0], 0])
    const good = feature(model, 'lsa_good', query, people)
    expect(good[0]).toBe(0)
    expect(good[1]).toBeGreaterThan(sum[1]!)
  })
})
