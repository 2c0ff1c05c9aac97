import type { ChoiceInput, NewSimulation, SituationInput } from '../../../shared/simulation'

// The editor's working copy of a simulation and the edits both views (graph and form) make to it.

export type Situation = SituationInput & { x: number; y: number }
export type Choice = ChoiceInput
export interface Draft extends Omit<NewSimulation, 'situations' | 'choices' | 'community' | 'description'> {
  description: string
  community: string
  situations: Situation[]
  choices: Choice[]
}
export type Selection = { kind: 'situation'; key: string } | { kind: 'choice'; key: string } | null

/** A key not yet used in the list: s1, s2… or c1, c2… */
export function nextKey(prefix: 's' | 'c', used: { key: string }[]): string {
  const taken = new Set(used.map((u) => u.key))
  let n = used.length + 1
  while (taken.has(`${prefix}${n}`)) n += 1
  return `${prefix}${n}`
}

/** A new simulation: a start and an ending, joined by one choice, so it is valid from the first save. */
export function emptyDraft(): Draft {
  return {
    title: '',
    description: '',
    community: '',
    showScore: true,
    start: 's1',
    situations: [
      { key: 's1', title: 'The start', body: '', ending: false, allowBack: false, x: 0, y: 0 },
      { key: 's2', title: 'An ending', body: '', ending: true, outcome: '', allowBack: true, x: 0, y: 180 },
    ],
    choices: [{ key: 'c1', from: 's1', to: 's2', label: 'Go on', feedback: '', score: 0 }],
  }
}

/** Adds a situation below the others. */
export function addSituation(d: Draft): [Draft, string] {
  const key = nextKey('s', d.situations)
  const y = Math.max(0, ...d.situations.map((s) => s.y)) + 180
  const situation: Situation = { key, title: `Situation ${d.situations.length + 1}`, body: '', ending: false, allowBack: false, x: 0, y }
  return [{ ...d, situations: [...d.situations, situation] }, key]
}

/** Adds a choice from one situation to another. */
export function addChoice(d: Draft, from: string, to: string): [Draft, string] {
  const key = nextKey('c', d.choices)
  const count = d.choices.filter((c) => c.from === from).length
  const choice: Choice = { key, from, to, label: `Choice ${count + 1}`, feedback: '', score: 0 }
  return [{ ...d, choices: [...d.choices, choice] }, key]
}

/** Removes a situation and every choice to or from it. */
export function removeSituation(d: Draft, key: string): Draft {
  return {
    ...d,
    situations: d.situations.filter((s) => s.key !== key),
    choices: d.choices.filter((c) => c.from !== key && c.to !== key),
  }
}

export const updateSituation = (d: Draft, key: string, patch: Partial<Situation>): Draft => ({
  ...d,
  situations: d.situations.map((s) => (s.key === key ? { ...s, ...patch } : s)),
})

export const updateChoice = (d: Draft, key: string, patch: Partial<Choice>): Draft => ({
  ...d,
  choices: d.choices.map((c) => (c.key === key ? { ...c, ...patch } : c)),
})

export const removeChoice = (d: Draft, key: string): Draft => ({ ...d, choices: d.choices.filter((c) => c.key !== key) })

/** The draft as the API takes it. */
export function toBody(d: Draft): NewSimulation {
  return {
    title: d.title,
    description: d.description || undefined,
    community: d.community || undefined,
    showScore: d.showScore,
    start: d.start,
    situations: d.situations.map((s) => ({ ...s, outcome: s.ending ? (s.outcome ?? '') : undefined })),
    choices: d.choices.map((c) => ({ ...c, minScore: c.minScore ?? null, maxScore: c.maxScore ?? null })),
  }
}
