import type { Vocabulary } from './vocabulary.js'

// Word lists of the technical communities of practice. Pure data.

export const DATA_ENGINEERING: Vocabulary = {
  purpose: 'Pipelines, warehouses and the craft of trustworthy data: backfills, dbt models, quality checks and SQL.',
  tags: ['data-pipelines', 'sql', 'dbt', 'data-quality', 'backfill', 'partitions', 'airflow', 'schema-changes'],
  stories: [
    {
      title: 'The night the revenue dashboard went blank',
      tags: ['data-quality', 'incident'],
      body: 'It was quarter close and the revenue dashboard showed zero. This is the story of how three teams found the cause together at 2am, and why we now check row counts before every publish.',
    },
    {
      title: 'How we got here, part 1: one Postgres replica',
      tags: ['data-pipelines', 'history'],
      series: 'de-history',
      body: 'Five years ago our whole warehouse was a read replica and a folder of cron jobs. It worked until the first board meeting that needed cohort numbers.',
    },
    {
      title: 'How we got here, part 2: the first warehouse',
      tags: ['data-pipelines', 'history'],
      series: 'de-history',
      body: 'Moving to a warehouse took a year, not a quarter. What we underestimated was not the technology but the definitions: nobody agreed on what an active customer was.',
    },
    {
      title: 'How we got here, part 3: dbt and shared definitions',
      tags: ['dbt', 'history'],
      series: 'de-history',
      body: 'dbt gave us one place for definitions and tests. The community that formed around it is the reason this page exists.',
    },
    {
      title: 'My first backfill, told honestly',
      tags: ['backfill'],
      body: 'I was two weeks in and asked the question everyone asks. Here is what I learned from the answers, and the checklist I now give every newcomer.',
    },
  ],
  practices: [
    {
      title: 'Idempotent backfills, one partition at a time',
      tags: ['backfill', 'partitions'],
      summary: 'Reprocess history without double counting.',
      context: 'Any job that writes partitioned tables and may need to reprocess history.',
      steps:
        '1. Pause downstream models.\n2. Delete and rewrite one partition per run.\n3. Compare counts before and after.\n4. Resume downstream and announce.',
      evidence: 'Since we adopted it, backfills have caused no duplicate incidents in two quarters.',
    },
    {
      title: 'Tests on every model key',
      tags: ['dbt', 'data-quality'],
      summary: 'Every model gets unique and not_null tests on its key.',
      context: 'All dbt models that others read.',
      steps:
        '1. Declare the grain in the model description.\n2. Add unique and not_null on the key.\n3. Fail the build on error, warn on freshness.',
      evidence: 'Caught 14 duplicate bugs before they reached dashboards last quarter.',
    },
    {
      title: 'Nullable first, required later',
      tags: ['schema-changes'],
      summary: 'A three-step schema change that never breaks readers.',
      context: 'Adding columns to tables with downstream readers.',
      steps: '1. Add the column as nullable.\n2. Backfill it.\n3. Make it required once every reader is updated.',
      evidence: 'No dashboard broke from a schema change since we started.',
    },
  ],
  lessons: [
    {
      title: 'We double counted a month of revenue',
      tags: ['backfill', 'data-quality'],
      whatHappened: 'A backfill appended instead of overwriting, and finance saw a 30% jump for March.',
      whatWeLearned: 'Writes must be idempotent; a rerun should never change the result.',
      whatWeWouldDoDifferently: 'Check counts per partition before publishing, and pause downstream models first.',
    },
    {
      title: 'A renamed column took down six dashboards',
      tags: ['schema-changes'],
      whatHappened: 'We renamed a column in a model without telling anyone.',
      whatWeLearned: 'Columns are an interface; renames are breaking changes.',
      whatWeWouldDoDifferently: 'Add the new column beside the old one and remove the old one a month later.',
    },
  ],
  thanksNotes: [
    'Thanks for pairing on the backfill.',
    'You explained partitions better than any doc.',
    'Thanks for reviewing my first dbt model.',
  ],
}

export const TESTING: Vocabulary = {
  purpose: 'Testing as a craft: automation that people trust, exploratory testing, and quality built in rather than inspected in.',
  tags: ['test-automation', 'exploratory-testing', 'playwright', 'quality', 'flaky-tests', 'contract-tests', 'test-data'],
  stories: [
    {
      title: 'The bug that only happened on Tuesdays',
      tags: ['flaky-tests'],
      body: 'A test failed every Tuesday for two months. The cause was a timezone, a billing cycle and a hard-coded date. How we found it, and what it taught us about test data.',
    },
    {
      title: 'From 90 minutes to 12: splitting our end-to-end suite',
      tags: ['test-automation'],
      body: 'We did not make tests faster, we made fewer of them slow. Moving checks down the pyramid changed how the whole team thinks about tests.',
    },
    {
      title: 'What exploratory testing found that automation never would',
      tags: ['exploratory-testing'],
      body: "One afternoon with a charter, a notebook and a customer's real data found four bugs our 2,000 automated tests had missed.",
    },
  ],
  practices: [
    {
      title: 'Contract tests for every service',
      tags: ['contract-tests', 'quality'],
      summary: 'Every service publishes contracts its consumers verify before deploy.',
      context: 'Services with more than one consumer, owned by different teams.',
      steps:
        '1. Each consumer writes the requests it makes and the answers it expects.\n2. The provider verifies every contract in CI.\n3. A failing contract blocks the deploy, not the consumer.',
      evidence: 'Breaking API changes reaching staging dropped from about two a month to none in a quarter.',
    },
    {
      title: 'Quarantine flaky tests with an owner and a date',
      tags: ['flaky-tests'],
      summary: 'Flaky tests leave the main suite, with someone responsible for bringing them back.',
      context: 'Any suite where people have started to ignore red builds.',
      steps: '1. Tag the test as quarantined with an owner.\n2. Set a date to fix or delete it.\n3. Review the quarantine list weekly.',
      evidence: 'Main branch green rate went from 71% to 96%.',
    },
    {
      title: 'Chartered exploratory sessions',
      tags: ['exploratory-testing'],
      summary: 'Short, focused exploration with a written charter and debrief.',
      context: 'New features before release, and areas with many support tickets.',
      steps: '1. Write a one-line charter.\n2. Explore for 45 minutes, taking notes.\n3. Debrief with the developer the same day.',
      evidence: 'Half of our pre-release bugs now come from these sessions.',
    },
  ],
  lessons: [
    {
      title: 'We retried flaky tests until we shipped a real bug',
      tags: ['flaky-tests'],
      whatHappened: 'A test that "was always flaky" was failing for a real reason, and retries hid it.',
      whatWeLearned: 'A retry hides information; a quarantine keeps it visible.',
      whatWeWouldDoDifferently: 'Quarantine with an owner instead of adding retries.',
    },
    {
      title: 'Shared test accounts made every test depend on every other',
      tags: ['test-data'],
      whatHappened: 'Two suites used the same account and broke each other at random.',
      whatWeLearned: 'Tests need their own data to be independent.',
      whatWeWouldDoDifferently: 'Create unique data per test from the start.',
    },
  ],
  thanksNotes: [
    'Thanks for showing me how to debug the flaky test.',
    'Your exploratory testing workshop changed how I test.',
    'Thanks for reviewing my first Playwright test.',
  ],
}

export const RELEASE_ENGINEERING: Vocabulary = {
  purpose: 'Shipping safely and often: pipelines, feature flags, release trains and calm incident response.',
  tags: ['ci-cd', 'feature-flags', 'release-trains', 'incident-response', 'rollbacks', 'deploys', 'on-call'],
  stories: [
    {
      title: 'The deploy freeze that made us faster',
      tags: ['release-trains'],
      body: 'After a bad holiday season we froze deploys for a month. What we built during the freeze is why we now ship every day.',
    },
    {
      title: 'Our first blameless postmortem',
      tags: ['incident-response'],
      body: 'Nobody wanted to write it. The meeting started tense and ended with six fixes and a lot of relief. This is how we run them now.',
    },
  ],
  practices: [
    {
      title: 'Flags with owners and expiry dates',
      tags: ['feature-flags'],
      summary: 'No flag without an owner and a date to remove it.',
      context: 'Every team that uses feature flags.',
      steps: '1. Create the flag with owner and expiry.\n2. Get a reminder a week before expiry.\n3. Remove the flag and its dead code.',
      evidence: 'Stale flags went from 140 to 20 in six months.',
    },
    {
      title: 'Backwards-compatible migrations',
      tags: ['rollbacks', 'deploys'],
      summary: 'Expand, migrate, contract: code can always roll back.',
      context: 'Services with a database that deploy more than weekly.',
      steps: '1. Expand: add new structures.\n2. Migrate readers and writers.\n3. Contract: remove the old structures a release later.',
      evidence: 'We rolled back 11 times last quarter without a data fix.',
    },
    {
      title: 'Incident roles: coordinator and scribe',
      tags: ['incident-response', 'on-call'],
      summary: 'Two named roles in every incident.',
      context: 'Any incident with more than two people involved.',
      steps:
        '1. The first responder names a coordinator.\n2. The coordinator names a scribe.\n3. The scribe keeps the timeline in the channel.',
      evidence: 'Median time to mitigate fell from 48 to 21 minutes.',
    },
  ],
  lessons: [
    {
      title: 'A Friday deploy and a migration we could not undo',
      tags: ['rollbacks', 'deploys'],
      whatHappened: 'A migration dropped a column the old code still read, so rollback failed.',
      whatWeLearned: 'Rollback safety is a property of the migration, not of the deploy tool.',
      whatWeWouldDoDifferently: 'Expand and contract across two releases.',
    },
    {
      title: 'Everyone fixed, nobody coordinated',
      tags: ['incident-response'],
      whatHappened: 'Eight people worked an outage in parallel and two fixes fought each other.',
      whatWeLearned: 'Incidents need a coordinator more than more hands.',
      whatWeWouldDoDifferently: 'Name a coordinator in the first five minutes.',
    },
  ],
  thanksNotes: ['Thanks for shadowing my first on-call shift.', 'You made the rollback look easy.', 'Thanks for coordinating last night.'],
}

export const ACCESSIBILITY: Vocabulary = {
  purpose: 'Making what we build usable by everyone: WCAG, screen readers, keyboard access and inclusive design.',
  tags: ['wcag', 'screen-readers', 'inclusive-design', 'keyboard', 'contrast', 'aria'],
  stories: [
    {
      title: 'A day with a screen reader user',
      tags: ['screen-readers', 'inclusive-design'],
      body: 'We invited a customer who is blind to show us how she uses our product. The first five minutes changed our roadmap.',
    },
    {
      title: 'Why we stopped saying "edge case"',
      tags: ['inclusive-design'],
      body: 'One in five people has a disability. Once we counted, "edge case" stopped being a phrase we used.',
    },
  ],
  practices: [
    {
      title: 'Keyboard pass before every release',
      tags: ['keyboard', 'wcag'],
      summary: 'Ten minutes with the keyboard only on every changed screen.',
      context: 'Every release with UI changes.',
      steps:
        '1. Put the mouse away.\n2. Walk every changed flow with Tab and Enter.\n3. File anything you cannot reach as a release blocker.',
      evidence: 'Keyboard traps found after release dropped to zero.',
    },
    {
      title: 'Accessibility checks in component reviews',
      tags: ['aria', 'inclusive-design'],
      summary: 'Design system components get an accessibility review before they ship.',
      context: 'Shared UI components.',
      steps: '1. Check role, name and state.\n2. Check focus order and visible focus.\n3. Check contrast in both themes.',
      evidence: 'Audit findings per release fell by two thirds.',
    },
  ],
  lessons: [
    {
      title: 'Our new carousel could not be paused',
      tags: ['wcag', 'inclusive-design'],
      whatHappened: 'An auto-rotating carousel shipped with no pause control and made people with vestibular disorders dizzy.',
      whatWeLearned: 'Motion needs a way to stop it.',
      whatWeWouldDoDifferently: 'Review motion with the accessibility community before shipping.',
    },
  ],
  thanksNotes: [
    'Thanks for testing our page with VoiceOver.',
    'You taught me what a live region is.',
    'Thanks for the contrast checker tip.',
  ],
}
