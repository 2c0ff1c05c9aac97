// The demo's learning catalogue, written by hand: lessons its specialists wrote for their communities, and the
// instructor-led sessions they run. Each entry names the planted community it belongs to; the generator picks
// the people (authors, facilitators, learners) from that community.

export interface LessonSpec {
  planted: string
  title: string
  description: string
  pages: readonly { title: string; body: string }[]
}

export interface SessionSpec {
  planted: string
  title: string
  description: string
  location: string
  minutes: number
  capacity: number
}

export const LESSONS: readonly LessonSpec[] = [
  {
    planted: 'data-engineering',
    title: 'Backfilling a partition without surprising anyone',
    description: 'How we re-run a day of data after a model changed: plan, run, check, tell. Ten minutes.',
    pages: [
      {
        title: 'Before you start',
        body: `A backfill rewrites history that dashboards and other models already read. Before running one:

- **Find the readers.** Check the lineage view for every model downstream of the one you change.
- **Pick the window.** Backfill the partitions the change affects, not "the last 90 days to be safe".
- **Say when.** Post in the data channel which tables will change and when they will be stable again.

If the grain of the model changed, stop here and talk to the owners of the downstream models first: a new
grain is a new table, not a backfill.`,
      },
      {
        title: 'Running it',
        body: `Run the backfill one partition at a time, oldest first, so a failure leaves a clean boundary:

\`\`\`sql
-- one day at a time; the job is idempotent because it replaces the whole partition
insert overwrite table orders_daily partition (ds = '2024-03-01')
select * from staging.orders_daily_rebuilt where ds = '2024-03-01';
\`\`\`

Keep the run in the scheduler, not on your laptop: the scheduler logs each partition, retries the ones that
fail, and someone else can pick it up if you are away.`,
      },
      {
        title: 'Checking and telling',
        body: `For each partition, compare row counts and the sum of one money column against the old version. A
difference you cannot explain is a reason to stop, not to continue.

When it is done, reply in the thread where you announced it: which partitions changed, what moved and why.
That reply is what the analysts will search for in six months.`,
      },
    ],
  },
  {
    planted: 'testing',
    title: 'A test that fails for the right reason',
    description: 'Three habits that make a failing test tell you what broke, not just that something did.',
    pages: [
      {
        title: 'Make it fail first',
        body: `Write the test, run it against the code *before* your fix, and watch it fail. A test you never saw
fail may not be testing anything: an assertion on the wrong variable passes forever.

If you fix a bug, the test that proves the fix must fail on the commit before it. Say so in the pull request.`,
      },
      {
        title: 'One reason per test',
        body: `A test named \`checkout works\` that checks twelve things fails for twelve reasons. Split it so each test
has a name that reads as a sentence about behaviour:

- *applies the discount before tax*
- *refuses an expired card with a clear message*

When one fails, its name is the bug report.`,
      },
      {
        title: 'Flaky is a bug',
        body: `A test that sometimes fails is telling you about a race, a clock or a shared fixture. Retrying it hides
the message.

Quarantine it with a ticket and an owner, and fix the cause: wait for the condition rather than a fixed time,
give each test its own data, and move the clock instead of sleeping.`,
      },
    ],
  },
  {
    planted: 'accessibility',
    title: 'Keyboard checks before every release',
    description: 'A five-minute check anyone can run on a page, with nothing but the Tab key.',
    pages: [
      {
        title: 'Put the mouse away',
        body: `Open the page, click in the address bar, and press **Tab**. From here on, use only the keyboard.

You should see where you are at every moment: a visible focus ring on each link, button and field. If the
focus disappears, that is the first bug to file.`,
      },
      {
        title: 'Walk every control',
        body: `Tab through the whole page and check that:

1. the order follows the reading order;
2. every control can be used with **Enter** or **Space**;
3. menus and dialogs close with **Escape** and give focus back where it came from;
4. nothing traps you: you can always Tab out.`,
      },
      {
        title: 'Write down what you found',
        body: `File each problem with the page, the key you pressed and what happened. Label it *keyboard* so the
community can see which components fail most often, and fix the component, not the page.`,
      },
    ],
  },
  {
    planted: 'deal-craft',
    title: 'Running a discovery call',
    description: 'What the best calls of last year had in common, from the people who ran them.',
    pages: [
      {
        title: 'Prepare three questions',
        body: `Read what the customer already told us (the notes in the account, their tickets) and write three
questions you cannot answer from it. The call is for those, not for a demo.`,
      },
      {
        title: 'Listen for the cost',
        body: `A need without a cost is a wish. Ask what happens today when the problem occurs, who feels it and how
often. Write their words down, not your summary: the words go into the proposal.`,
      },
      {
        title: 'Agree the next step on the call',
        body: `End with a date and a name for the next step, agreed while everyone is still there. "I'll send
something over" is not a next step.`,
      },
    ],
  },
]

export const SESSIONS: readonly SessionSpec[] = [
  {
    planted: 'data-engineering',
    title: 'dbt office hours',
    description: 'Bring a model that misbehaves; we look at it together.',
    location: 'Berlin, room Spree',
    minutes: 60,
    capacity: 12,
  },
  {
    planted: 'testing',
    title: 'Hunting flaky tests',
    description: 'A hands-on hour on three real flaky tests from our own suite.',
    location: 'Video call',
    minutes: 90,
    capacity: 16,
  },
  {
    planted: 'accessibility',
    title: 'Screen reader basics for designers and engineers',
    description: 'VoiceOver and NVDA from zero: how people navigate, and what breaks it.',
    location: 'London, room Thames',
    minutes: 120,
    capacity: 10,
  },
  {
    planted: 'release-engineering',
    title: 'Rollbacks we are proud of',
    description: 'Three rollbacks, told by the people on call, and what we changed after each.',
    location: 'Video call',
    minutes: 60,
    capacity: 30,
  },
  {
    planted: 'deal-craft',
    title: 'Discovery call clinic',
    description: 'Role-play a discovery call in pairs, with feedback from the people who ran the best ones.',
    location: 'Lisbon, room Tejo',
    minutes: 90,
    capacity: 8,
  },
]
