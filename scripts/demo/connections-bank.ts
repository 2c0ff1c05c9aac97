// Hand-written texts of the demo's connections: what programme owners wrote when they set a programme up, what
// participants put in their pair's private log, their reflections, where they met, and why a manager
// introduced two people. `{skill}` and `{topic}` are filled in with the pair's own topics.

export const PROGRAMME_TEXTS = {
  pilot: {
    name: 'Mentoring pilot',
    description: 'Twelve weeks, one mentor each: a first try before we open mentoring to everyone. Tell us at the end what worked.',
  },
  mentoring: {
    name: 'Mentoring 2026',
    description:
      'One-to-one mentoring across the company. Mentors are people with years here and something to offer; every four months you meet someone new.',
  },
  circles: {
    name: 'Peer coaching circles',
    description:
      'Small circles of peers from different departments and tenures, meeting once a month to work on a real problem one of you brings.',
  },
  lunch: {
    name: 'Lunch roulette',
    description: 'Once a month, lunch with three or four people you do not work with yet. The company pays; you bring the questions.',
  },
} as const

/** What a mentee writes as their first goal in the pair's log. */
export const MENTEE_GOALS = [
  'Get confident enough in {skill} to lead the next piece of work on it myself.',
  'Understand how {skill} is done well here, and where I stand.',
  'Have a plan for the next year: what to learn about {skill}, and who to learn it from.',
  'Stop guessing on {skill}: learn the few habits that matter.',
]

/** Notes either member adds after a meeting. */
export const MEETING_NOTES = [
  'Walked through a real example of {skill} from last sprint. Next time: the part I got stuck on.',
  'Talked about how decisions on {skill} get made here and who to ask. Two names to contact this week.',
  'Reviewed what I tried since last time. Better than I thought; one thing to drop.',
  'Mostly about career: what the next step looks like, and what to show for it.',
  'Agreed to pair on the next {skill} task instead of just talking about it.',
]

/** What a circle writes in its log. */
export const CIRCLE_NOTES = [
  'Agreed how we run it: one problem per session, twenty minutes of questions before anyone gives advice.',
  'Worked on a handover that keeps going wrong between two teams. Three concrete things to try.',
  'Someone brought a hard conversation with a stakeholder; we role-played it. Useful.',
  'Short one this month. We moved the next session to a longer slot.',
]

/** End-of-programme reflections (private to their writer). */
export const REFLECTIONS = [
  'I learned more from watching how my mentor asks questions than from any answer. I now ask "what would make this easy?" first.',
  'Having one hour a month that was only about my growth changed how I plan my work. I want to mentor someone next year.',
  'We did not always have time, but the three meetings we had were the most useful hours of my quarter.',
  'It helped to hear that the people I look up to got stuck on the same things. I know who to call now.',
]

/** Reflections on one match (kept by each member for themselves). */
export const MATCH_REFLECTIONS = [
  'A good match: we worked on real problems, not theory.',
  'We met less than planned, but every meeting moved something.',
]

/** Where people meet. */
export const MEETING_PLACES = ['Video call', 'Café on the ground floor', 'Meeting room 3B', 'A walk around the block']
export const LUNCH_PLACES = [
  'The canteen, table by the window',
  'Noodle bar across the street',
  'Staff restaurant',
  'Salad place on the corner',
]

/** Why a manager introduced two people. */
export const INTRO_REASONS = [
  'Both of you are working on {topic} in different parts of the company, and you have never met: worth comparing notes.',
  'You each solved a piece of {topic} the other is stuck on. Half an hour together would save weeks.',
  'I keep hearing about {topic} from both of your teams. Meet before you build the same thing twice.',
]

/** Fills `{skill}` and `{topic}` with `topic`. */
export function fill(template: string, topic: string): string {
  return template.replaceAll('{skill}', topic).replaceAll('{topic}', topic)
}
