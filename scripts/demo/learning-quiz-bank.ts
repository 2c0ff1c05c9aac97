import type { QuestionInput } from '../../src/shared/quiz.js'

// Quizzes the demo's specialists wrote to go with their lessons (learning-bank.ts): the same community, the
// same words, so spaced retrieval brings back what the lesson taught. Written by hand.

export interface QuizSpec {
  planted: string
  /** The lesson it goes with. */
  lesson: string
  title: string
  description: string
  questions: readonly QuestionInput[]
}

export const QUIZZES: readonly QuizSpec[] = [
  {
    planted: 'data-engineering',
    lesson: 'Backfilling a partition without surprising anyone',
    title: 'Backfills: check yourself',
    description: 'Four questions on planning, running and announcing a backfill.',
    questions: [
      {
        kind: 'single',
        prompt: 'The grain of the model you are changing moved from one row per order to one row per order line. What now?',
        options: ['Backfill the last 90 days to be safe', 'Talk to the owners of the downstream models first', 'Backfill only yesterday'],
        correct: [1],
        explanation: 'A new grain is a new table, not a backfill: the models that read it need to change with it.',
      },
      {
        kind: 'ordering',
        prompt: 'Put the steps of a backfill in order.',
        options: [
          'Find the readers in the lineage view',
          'Announce which tables change and when',
          'Run one partition at a time, oldest first',
          'Compare counts and one money column',
        ],
        explanation: 'Plan, tell, run, check: the order of the lesson.',
      },
      {
        kind: 'multiple',
        prompt: 'Why run the backfill from the scheduler rather than your laptop?',
        options: ['It logs each partition', 'It retries the partitions that fail', 'Someone else can pick it up', 'It runs faster'],
        correct: [0, 1, 2],
        explanation: 'Speed is the same; what the scheduler adds is a record, retries and a run others can take over.',
      },
      {
        kind: 'short',
        prompt: 'Where do you report what changed once the backfill is done?',
        accepted: ['the thread', 'in the thread', 'the announcement thread', 'thread'],
        explanation: 'Reply in the thread where you announced it: that is what analysts search for months later.',
      },
    ],
  },
  {
    planted: 'testing',
    lesson: 'A test that fails for the right reason',
    title: 'Tests that tell you what broke',
    description: 'Make it fail first, one reason per test, and what to do with a flaky one.',
    questions: [
      {
        kind: 'single',
        prompt: 'You fixed a bug and wrote a test for it. What must be true of that test?',
        options: ['It passes on the commit before the fix', 'It fails on the commit before the fix', 'It is marked as a regression test'],
        correct: [1],
        explanation: 'A test you never saw fail may test nothing. Say in the pull request that it failed before the fix.',
      },
      {
        kind: 'single',
        prompt: 'Which test name reads best as a bug report?',
        options: ['checkout works', 'test_checkout_2', 'applies the discount before tax'],
        correct: [2],
        explanation: 'One behaviour per test, named as a sentence: when it fails, its name says what broke.',
      },
      {
        kind: 'multiple',
        prompt: 'A test fails one run in twenty. Which of these fix the cause rather than hide it?',
        options: [
          'Wait for the condition instead of a fixed time',
          'Give each test its own data',
          'Move the clock instead of sleeping',
          'Retry it three times in CI',
        ],
        correct: [0, 1, 2],
        explanation: 'Retrying hides the race. Quarantine it with a ticket and an owner, then fix the cause.',
      },
      {
        kind: 'short',
        prompt: 'In one word: a flaky test is a …',
        accepted: ['bug'],
        explanation: 'Flaky is a bug: it is telling you about a race, a clock or a shared fixture.',
      },
    ],
  },
  {
    planted: 'accessibility',
    lesson: 'Keyboard checks before every release',
    title: 'The keyboard check',
    description: 'Can you run the five-minute check from memory?',
    questions: [
      {
        kind: 'single',
        prompt: 'You press Tab and can no longer see where you are on the page. What is it?',
        options: ['Expected on dark themes', 'The first bug to file: the focus must always be visible', 'A screen reader problem'],
        correct: [1],
        explanation: 'Every link, button and field needs a visible focus ring.',
      },
      {
        kind: 'multiple',
        prompt: 'Which keys must work on every control, menu and dialog?',
        options: [
          'Enter or Space to use a control',
          'Escape to close a menu or dialog',
          'F5 to reset the focus',
          'Tab to leave any component',
        ],
        correct: [0, 1, 3],
        explanation: 'Controls work with Enter or Space, Escape closes and gives focus back, and nothing traps you.',
      },
      {
        kind: 'short',
        prompt: 'Which label do you put on keyboard problems you file?',
        accepted: ['keyboard'],
        explanation: 'The label lets the community see which components fail most often, and fix the component.',
      },
    ],
  },
  {
    planted: 'deal-craft',
    lesson: 'Running a discovery call',
    title: 'Discovery calls',
    description: 'Three questions from the calls that went best last year.',
    questions: [
      {
        kind: 'single',
        prompt: 'What do you prepare before a discovery call?',
        options: ['A demo of the new features', 'Three questions you cannot answer from what they already told us', 'A price list'],
        correct: [1],
        explanation: 'The call is for what we do not know yet, not for a demo.',
      },
      {
        kind: 'single',
        prompt: 'A customer describes a need but no cost. What is it?',
        options: ['A wish', 'A qualified opportunity', 'A renewal risk'],
        correct: [0],
        explanation: 'A need without a cost is a wish: ask what happens today, who feels it and how often.',
      },
      {
        kind: 'ordering',
        prompt: 'Put the parts of a good discovery call in order.',
        options: [
          'Read the account notes and tickets',
          'Ask your three questions',
          'Write down their words about the cost',
          'Agree a date and a name for the next step',
        ],
        explanation: 'Prepare, ask, listen for the cost, and close with a next step agreed on the call.',
      },
    ],
  },
]
