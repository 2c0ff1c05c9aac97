// The shape of a community's vocabulary, and the phrases every community shares. The per-community word
// lists live in vocab-tech.ts and vocab-business.ts; texts.ts combines them with a seeded generator.

export interface CodeSnippet {
  lang: string
  code: string
}

export interface StorySpec {
  title: string
  tags: readonly string[]
  body: string
  /** Stories with the same series id are chapters of one series, in list order. */
  series?: string
}

export interface PracticeSpec {
  title: string
  tags: readonly string[]
  summary: string
  context: string
  steps: string
  evidence: string
}

export interface LessonSpec {
  title: string
  tags: readonly string[]
  whatHappened: string
  whatWeLearned: string
  whatWeWouldDoDifferently: string
}

/** What a community of practice shares: its stories, practices and lessons (its questions are in bank/). */
export interface Vocabulary {
  purpose: string
  /** Tags people put on posts (lower-case, hyphenated); the first ones are the community's own. */
  tags: readonly string[]
  stories: readonly StorySpec[]
  practices: readonly PracticeSpec[]
  lessons: readonly LessonSpec[]
  /** Notes on thanks given person to person, outside any post. */
  thanksNotes: readonly string[]
}

export const QUESTION_CLOSERS = [
  'Has anyone done this before?',
  'Is there a write-up somewhere I missed?',
  'Any pointers welcome.',
  'What would you do?',
  'I would rather ask than guess.',
  'Happy to pair on it if someone has ten minutes.',
] as const

export const TRIED = [
  'I tried the obvious fix first and it did not hold.',
  'I searched the wiki and found two pages that disagree.',
  'My team has no one who has done this before.',
  'I found an old thread but it predates the migration.',
  'I asked in my team channel; nobody was sure.',
] as const

export const ANSWER_OPENERS = [
  'We hit exactly this last quarter.',
  'Good question, this trips everyone up once.',
  'This is one of the things we wrote down after the last time.',
  'What we learned the hard way:',
] as const

export const ANSWER_CLOSERS = [
  'Ping me if it does not work and we can look together.',
  'Happy to walk you through it.',
  'Once you have done it once it is routine.',
  'There is more in the practice write-up on the community page.',
  'Shout if anything is unclear.',
] as const

export const ANSWER_COMMENTS = [
  'Thanks, that worked.',
  'That did it, thank you!',
  'Good call on checking that first.',
  '+1, we do the same and it has saved us more than once.',
  'Worth adding this to the practice page.',
  'Small addition: do it outside business hours if you can.',
] as const

export const POST_COMMENTS = [
  'This is great, thank you for writing it down.',
  'We tried something similar; happy to compare notes.',
  'Sharing this with my team.',
  'I wish I had read this a year ago.',
  'Could you say more about how you started?',
] as const

export const THANKS_NOTES = [
  'Saved me an afternoon.',
  'Exactly what I needed.',
  'Clear and kind, thank you.',
  'This unblocked our release.',
  '',
  '',
  '',
] as const

export const ADOPTION_NOTES = [
  'Trying this for a quarter.',
  'Adopted in our team ritual.',
  'We started with the first two steps.',
  'Works well for us so far.',
  '',
] as const

export const JOIN_MESSAGES = [
  'I am new and would love to learn from you all.',
  'My manager suggested I join.',
  'I work next to this every day and want to get better at it.',
] as const
