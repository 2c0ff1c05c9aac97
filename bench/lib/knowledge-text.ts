/**
 * Seeded, realistic-looking text for bench/knowledge.ts: Markdown bodies and titles built from English stop
 * words, a general working vocabulary with Zipf-like frequencies, topic words per area of practice, jargon
 * per community and a long tail of rare made-up words (names, error codes, product names). Search then
 * behaves as on real content: a few very common terms, many mid-frequency topic terms, and rare ones.
 */

/** A small deterministic generator (mulberry32), so every run builds the same data. */
export function rngFrom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const STOP = `the of and to a in is it that for on with as this be are was at by or from an have not but we can if
you they our there when which so what how do will more about all one would their some out up then them into than
its also only other been has just very should could our these any`.split(/\s+/)

/** Words of everyday work, roughly most frequent first. */
export const GENERAL = `team work time process change people data project review meeting customer question problem issue
release plan support design test user service system practice approach result feedback week goal policy tool role
manager report budget risk quality decision document number version update step example case help idea owner value
cost priority training session call email message account contract partner request task ticket deadline estimate
template checklist workshop interview survey metric target baseline trend forecast pipeline backlog sprint roadmap
launch rollout migration incident outage alert dashboard query schema index cache queue worker server client browser
mobile network security access permission audit compliance privacy license vendor invoice payment pricing discount
renewal churn onboarding offboarding hiring mentoring coaching feedback career promotion review goal handover shift
rotation escalation runbook postmortem retrospective standup planning demo stakeholder sponsor steering board
committee charter scope requirement specification prototype experiment hypothesis evidence insight finding
recommendation guideline standard framework model method technique pattern principle habit routine ritual
conversation story lesson mistake failure success surprise learning reflection summary draft comment answer
thanks colleague newcomer expert community network region office site remote hybrid schedule calendar agenda
minutes note wiki handbook manual guide tutorial course certificate skill knowledge experience context detail
reason cause effect impact outcome benefit tradeoff constraint dependency blocker workaround fix patch bug defect
regression performance latency throughput capacity scale load memory disk storage backup restore recovery failover
deployment environment staging production config secret token key certificate domain address endpoint interface
contract integration sync export import format file folder spreadsheet chart table column field record entry
batch job schedule trigger event log trace metric signal noise threshold limit quota budget forecast actual
variance margin revenue growth segment market competitor brand campaign channel audience message content copy
asset launch press partner reseller distributor supplier warehouse inventory shipment order return refund claim
quote proposal negotiation objection discovery qualification demo trial pilot adoption usage retention expansion`
  .split(/\s+/)
  .filter((w, i, a) => w && a.indexOf(w) === i)

/** Areas of practice; each community takes one, so communities of an area share their topic words. */
export const AREAS: { name: string; words: string[] }[] = [
  {
    name: 'Kubernetes',
    words: 'kubernetes pod helm ingress cluster node namespace operator kubectl container autoscaler daemonset'.split(' '),
  },
  {
    name: 'Data Engineering',
    words: 'airflow dbt warehouse parquet spark etl lakehouse partition snowflake ingestion lineage backfill'.split(' '),
  },
  {
    name: 'Machine Learning',
    words: 'model training inference embedding classifier regression feature overfitting gradient tensor transformer notebook'.split(' '),
  },
  { name: 'Frontend', words: 'react component hook render css layout accessibility typescript bundle webpack vite hydration'.split(' ') },
  {
    name: 'Negotiation',
    words: 'negotiation anchor concession leverage batna counteroffer rapport objection closing tradeoff mandate walkaway'.split(' '),
  },
  {
    name: 'Public Speaking',
    words: 'speaking slides audience rehearsal nerves keynote storytelling microphone pacing webinar podium applause'.split(' '),
  },
  {
    name: 'Accessibility',
    words: 'accessibility screenreader contrast aria keyboard caption wcag focus alttext dyslexia zoom braille'.split(' '),
  },
  {
    name: 'Statistics',
    words: 'statistics variance regression pvalue bayesian sample confidence interval outlier correlation bootstrap anova'.split(' '),
  },
  { name: 'Pricing', words: 'pricing discount tier bundle elasticity willingness margin packaging freemium upsell list quote'.split(' ') },
  {
    name: 'Onboarding',
    words: 'onboarding buddy orientation induction laptop checklist welcome probation firstweek shadowing introductions handbook'.split(
      ' ',
    ),
  },
  {
    name: 'Design Systems',
    words: 'tokens typography spacing palette figma variant component storybook iconography grid theming motion'.split(' '),
  },
  {
    name: 'Site Reliability',
    words: 'sre slo sli errorbudget pager oncall toil incident blameless runbook alerting observability'.split(' '),
  },
  {
    name: 'Security',
    words: 'phishing vulnerability cve pentest firewall encryption mfa threat malware sso patching zerotrust'.split(' '),
  },
  {
    name: 'Customer Success',
    words: 'renewal churn healthscore qbr champion adoption escalation nps playbook expansion success advocacy'.split(' '),
  },
  {
    name: 'Finance',
    words: 'ledger accrual reconciliation forecast capex opex audit closing journal variance payable receivable'.split(' '),
  },
  {
    name: 'Legal',
    words: 'contract clause liability indemnity gdpr nda redline counsel jurisdiction arbitration trademark copyright'.split(' '),
  },
  {
    name: 'Recruiting',
    words: 'sourcing interview scorecard offer referral pipeline candidate recruiter debrief headcount requisition screening'.split(' '),
  },
  {
    name: 'Product Management',
    words: 'roadmap discovery prioritisation opportunity persona jobs okr backlog launch experiment hypothesis mvp'.split(' '),
  },
  {
    name: 'UX Research',
    words: 'usability interview persona diary synthesis affinity prototype journey heuristic moderated unmoderated recruit'.split(' '),
  },
  { name: 'Mobile', words: 'ios android swift kotlin appstore crash push offline gesture simulator testflight deeplink'.split(' ') },
  {
    name: 'Databases',
    words: 'postgres sqlite index vacuum replication deadlock transaction isolation sharding query planner migration'.split(' '),
  },
  { name: 'Testing', words: 'unit integration e2e flaky fixture mock coverage playwright assertion snapshot fuzzing mutation'.split(' ') },
  {
    name: 'Cloud Costs',
    words: 'finops reserved spot rightsizing egress billing tagging savings budget anomaly commitment chargeback'.split(' '),
  },
  {
    name: 'Leadership',
    words: 'delegation oneonone feedback trust vision alignment coaching burnout morale accountability empathy influence'.split(' '),
  },
  { name: 'Writing', words: 'editing clarity tone headline draft proofreading grammar style audience outline narrative voice'.split(' ') },
  {
    name: 'Sales Engineering',
    words: 'demo poc rfp architecture integration sso discovery objection technical win evaluation sandbox'.split(' '),
  },
  {
    name: 'Marketing',
    words: 'campaign seo funnel attribution persona content webinar newsletter conversion landing brand ads'.split(' '),
  },
  {
    name: 'Operations',
    words: 'procurement vendor facilities logistics inventory shipping warehouse supplier sla lease fleet catering'.split(' '),
  },
  {
    name: 'Learning Design',
    words: 'curriculum microlearning elearning assessment facilitator workshop cohort modules lms blended objectives storyboard'.split(' '),
  },
  {
    name: 'Sustainability',
    words: 'carbon emissions offset renewable recycling footprint esg scope reporting circular energy waste'.split(' '),
  },
]

/** Made-up but pronounceable words: the long tail of names, codes and jargon. */
function pseudoWord(rnd: () => number): string {
  const onset = [
    'b',
    'br',
    'c',
    'ch',
    'd',
    'dr',
    'f',
    'g',
    'gr',
    'h',
    'k',
    'kl',
    'l',
    'm',
    'n',
    'p',
    'pl',
    'r',
    's',
    'st',
    't',
    'tr',
    'v',
    'z',
  ]
  const vowel = ['a', 'e', 'i', 'o', 'u', 'ai', 'ou', 'ea', 'y']
  const coda = ['', '', 'n', 'r', 'l', 'x', 'th', 'nd', 'sk', 'rm']
  const n = 2 + Math.floor(rnd() * 2)
  let w = ''
  for (let i = 0; i < n; i++) w += onset[Math.floor(rnd() * onset.length)]! + vowel[Math.floor(rnd() * vowel.length)]!
  return w + coda[Math.floor(rnd() * coda.length)]!
}

/**
 * A table of words repeated in proportion to a Zipf law (weight 1/rank^s), so drawing uniformly from it is
 * O(1) and follows the law.
 */
function zipfTable(words: string[], size: number, s = 1): string[] {
  const weights = words.map((_, r) => 1 / Math.pow(r + 1, s))
  const total = weights.reduce((a, b) => a + b, 0)
  const table: string[] = []
  words.forEach((w, r) => {
    const n = Math.max(1, Math.round((weights[r]! / total) * size))
    for (let i = 0; i < n; i++) table.push(w)
  })
  return table
}

export interface CommunityVocabulary {
  area: number
  /** Words only this community uses. */
  jargon: string[]
}

/** Everything needed to write posts: tables to draw from and per-community vocabularies. */
export class TextGenerator {
  readonly rare: string[]
  private readonly stopTable: string[]
  private readonly generalTable: string[]
  private readonly rareTable: string[]

  constructor(seed: number) {
    const rnd = rngFrom(seed)
    const rare = new Set<string>()
    while (rare.size < 40_000) rare.add(pseudoWord(rnd))
    this.rare = [...rare]
    this.stopTable = zipfTable(STOP, 20_000, 0.8)
    this.generalTable = zipfTable(GENERAL, 50_000, 1)
    this.rareTable = zipfTable(this.rare, 200_000, 1.1)
  }

  /** A community's own vocabulary: its area's topic words, plus jargon made up for it. */
  vocabularyFor(index: number, rnd: () => number): CommunityVocabulary {
    const jargon: string[] = []
    for (let i = 0; i < 6; i++) jargon.push(pseudoWord(rnd))
    return { area: index % AREAS.length, jargon }
  }

  /** One word of running text in a community. */
  word(v: CommunityVocabulary, rnd: () => number): string {
    const x = rnd()
    if (x < 0.38) return this.stopTable[Math.floor(rnd() * this.stopTable.length)]!
    if (x < 0.76) return this.generalTable[Math.floor(rnd() * this.generalTable.length)]!
    if (x < 0.9) {
      const words = AREAS[v.area]!.words
      return words[Math.floor(Math.pow(rnd(), 1.6) * words.length)]!
    }
    if (x < 0.95) return v.jargon[Math.floor(rnd() * v.jargon.length)]!
    return this.rareTable[Math.floor(rnd() * this.rareTable.length)]!
  }

  sentence(v: CommunityVocabulary, rnd: () => number, end = '.'): string {
    const n = 7 + Math.floor(rnd() * 12)
    const words: string[] = []
    for (let i = 0; i < n; i++) words.push(this.word(v, rnd))
    if (rnd() < 0.08) words[1 + Math.floor(rnd() * (n - 1))] = `**${words[1]}**`
    if (rnd() < 0.06) words[Math.floor(rnd() * n)] = `\`${this.rareTable[Math.floor(rnd() * this.rareTable.length)]!}\``
    const s = words.join(' ')
    return s.charAt(0).toUpperCase() + s.slice(1) + end
  }

  title(v: CommunityVocabulary, rnd: () => number, question: boolean): string {
    const n = 4 + Math.floor(rnd() * 6)
    const words: string[] = []
    for (let i = 0; i < n; i++)
      words.push(rnd() < 0.5 ? AREAS[v.area]!.words[Math.floor(rnd() * AREAS[v.area]!.words.length)]! : this.word(v, rnd))
    const s =
      (question ? ['how do we', 'what is the best way to', 'why does', 'has anyone', 'should we'][Math.floor(rnd() * 5)] + ' ' : '') +
      words.join(' ')
    return s.charAt(0).toUpperCase() + s.slice(1) + (question ? '?' : '')
  }

  /** A Markdown body of about `words` words: paragraphs, and now and then a list, a link or a code block. */
  body(v: CommunityVocabulary, rnd: () => number, words: number): string {
    const parts: string[] = []
    let written = 0
    while (written < words) {
      const paragraph: string[] = []
      const sentences = 1 + Math.floor(rnd() * 3)
      for (let i = 0; i < sentences; i++) paragraph.push(this.sentence(v, rnd))
      written += paragraph.join(' ').split(' ').length
      parts.push(paragraph.join(' '))
      const x = rnd()
      if (x < 0.1) {
        const items = 2 + Math.floor(rnd() * 3)
        const list: string[] = []
        for (let i = 0; i < items; i++) list.push(`- ${this.sentence(v, rnd, '')}`)
        parts.push(list.join('\n'))
        written += items * 10
      } else if (x < 0.14) {
        parts.push(
          `See [the ${AREAS[v.area]!.words[0]} notes](https://wiki.example.com/${v.jargon[0]}/${Math.floor(rnd() * 1e6)}) for details.`,
        )
      } else if (x < 0.17) {
        parts.push('```\n' + `${v.jargon[1]} --${this.word(v, rnd)}=${Math.floor(rnd() * 100)}\n` + '```')
      }
    }
    return parts.join('\n\n')
  }
}
