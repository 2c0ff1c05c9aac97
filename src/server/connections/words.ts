// Content words of the questionnaire's free text, for matching aspirations (who I want to become) with
// identities (who I am).

const STOP = new Set([
  'with',
  'that',
  'this',
  'from',
  'have',
  'want',
  'become',
  'more',
  'about',
  'into',
  'their',
  'them',
  'work',
  'someone',
  'people',
  'other',
  'others',
  'would',
  'like',
  'being',
  'which',
  'where',
  'when',
  'what',
  'your',
  'also',
  'just',
  'then',
  'than',
  'they',
  'will',
  'able',
  'help',
])

/** Content words of free text (four letters or more, common words left out). */
export function wordsOf(text: string): string[] {
  return [...new Set(text.toLowerCase().match(/[\p{L}\p{N}]{4,}/gu) ?? [])].filter((w) => !STOP.has(w))
}
