// The shape of a community's bank of questions. Each question is written for its title: its bodies say why
// someone asks it, its answers answer it. `{slot}`s are filled from the bank's slots (the company's own
// systems, accounts and components) with one draw per question, the same in its title, body and answers, so
// every title is distinct and every reply talks about the same thing as its question.

export interface QuestionSpec {
  /** With `{slot}`s; tags come from the community's vocabulary. */
  title: string
  tags: readonly string[]
  /** Why the asker asks: one is chosen. */
  bodies: readonly string[]
  /** At least three answers, each a whole answer to the title; a thread takes up to three, in random order. */
  answers: readonly string[]
  /** Code that the first answer shows, with the same `{slot}`s. */
  code?: { lang: string; code: string }
}

export interface QuestionBank {
  slots: Readonly<Record<string, readonly string[]>>
  questions: readonly QuestionSpec[]
  /** Clarifying comments a member leaves under a question in this community. */
  askBack: readonly string[]
}
