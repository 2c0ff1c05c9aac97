import type { QuestionBank } from './types.js'

// Data Engineering: the warehouse (dbt models named fct_/dim_), Airflow DAGs and the sources they load.

export const DATA_ENGINEERING_BANK: QuestionBank = {
  slots: {
    table: [
      'fct_orders',
      'fct_subscriptions',
      'dim_customers',
      'fct_invoices',
      'fct_sessions',
      'dim_products',
      'fct_refunds',
      'fct_payments',
    ],
    dag: ['orders_nightly', 'events_ingest', 'billing_sync', 'crm_export', 'revenue_snapshot', 'marketing_attribution'],
    source: ['Stripe', 'Salesforce', 'Zendesk', 'HubSpot', 'the mobile event stream', 'the ledger database'],
    dashboard: [
      'the weekly revenue dashboard',
      'the churn dashboard',
      'the board KPI pack',
      'the sales pipeline report',
      'the support SLA dashboard',
    ],
  },
  askBack: [
    'Is this for a one-off report or something that runs every day?',
    'Which warehouse environment are you in, dev or prod?',
    'Do you know roughly how many rows per day we are talking about?',
    'Can you paste the model SQL, or link the file in the repo?',
  ],
  questions: [
    {
      title: 'How do we backfill {table} for last quarter without double counting?',
      tags: ['backfill', 'partitions'],
      bodies: [
        'Finance found that {table} was missing refunds for most of last quarter, and the fix is merged. Now I need to reprocess three months of {table}, and I remember the last backfill doubled some numbers.',
        'The logic behind {table} changed and I have to rebuild last quarter so that the old rows match the new definition. What is the safe order of steps?',
      ],
      code: {
        lang: 'bash',
        code: '# one day per run, oldest first; each run replaces its own day\nfor day in $(seq 0 89); do\n  dbt run --select {table} --vars "{day: \'$(date -d "$START + $day day" +%F)\'}"\ndone',
      },
      answers: [
        'Backfill {table} one daily partition at a time and make each run delete-then-insert for its own day, so a rerun overwrites instead of appending. That is the whole trick against double counting.',
        'Pause the models downstream of {table} first (`dbt ls --select {table}+` lists them), otherwise they read half-written partitions. Resume them once the counts check out.',
        'Before you start, save row counts and a sum of the amount column per day for {table}; run the same query afterwards and diff them. Any day that moved more than you expect is your bug.',
        'Set `max_active_runs=1` on the DAG while you backfill {table}, and announce it in #data: someone always has a job reading it.',
      ],
    },
    {
      title: 'Why has the {dag} DAG been running twice as long this week?',
      tags: ['airflow', 'data-pipelines'],
      bodies: [
        'The {dag} DAG used to finish by 6am and now it is still running at 9, so the morning dashboards are stale. Nothing in the DAG code changed.',
        '{dag} went from about 40 minutes to well over an hour since Monday. I looked at the task durations in Airflow and the slow part is the load step.',
      ],
      answers: [
        'Look at the Gantt view of {dag} in Airflow: if one task is slow it is the data, if everything waits it is the pool. This week the `warehouse` pool was shrunk for maintenance, which would explain it.',
        'Check whether the source volume jumped. When {dag} doubled last spring it was a partner resending a year of history; the task was fine, the input was ten times bigger.',
        'Run `explain` on the load query of {dag}. A dropped clustering key makes the merge scan the whole table, and that shows up as exactly this kind of slow creep.',
      ],
    },
    {
      title: 'How should I test the dbt model behind {table}?',
      tags: ['dbt', 'data-quality'],
      bodies: [
        'I am changing the dbt model that builds {table} and it has no tests at all. What is the minimum I should add before I merge?',
        'This is my first change to {table} in dbt. How do people here test a model like this, beyond "run it and eyeball the output"?',
      ],
      answers: [
        'Start with `unique` and `not_null` on the key of {table}. They are cheap, run on every build and catch most join fan-outs before they reach a dashboard.',
        'Write the grain of {table} in the model description ("one row per order") and test it; then add `relationships` tests to the dims it joins. That is our house minimum.',
        'Run `dbt build --select state:modified+` against the prod manifest: it builds {table} and its children with your change and runs their tests too.',
      ],
    },
    {
      title: 'How do I add a column to {table} without breaking {dashboard}?',
      tags: ['schema-changes', 'sql'],
      bodies: [
        'Product wants a new field in {table}, and {dashboard} reads it with a `select *`. I do not want to be the person who breaks it on a Monday.',
        'I need one more column in {table} for an analysis. {dashboard} is built on it; how do I add the column safely?',
      ],
      answers: [
        'Add the column to {table} as nullable, backfill it, and only then make it required. {dashboard} keeps working at every step because nothing it reads changes.',
        'Adding is safe; renaming or reordering is what breaks {dashboard}. Check the exposures in dbt (`dbt ls --select +exposure:*`) to see everything that reads {table} before you merge.',
        'Tell the owner of {dashboard} before you merge, and let the nightly run pick up the change. Its extract refreshes at 7am, so merge the afternoon before.',
      ],
    },
    {
      title: 'Should {table} be incremental or a full refresh?',
      tags: ['dbt', 'data-pipelines'],
      bodies: [
        'A full refresh of {table} now takes 25 minutes and it grows every month. Is it time to make it incremental, and what does that cost us?',
        'Someone suggested making {table} incremental to speed up the nightly run. I have never written an incremental model; is it worth it here?',
      ],
      answers: [
        'Make {table} incremental only if old rows never change. If refunds or late events can rewrite history, use an incremental model with a lookback window of a few days, not a pure append.',
        'Keep a weekly full refresh of {table} even after it goes incremental. It repairs any drift for free and the cost is one long run on Sunday.',
        'At 25 minutes I would not bother yet. Incremental models are harder to reason about; make {table} incremental when it blocks something, not before.',
      ],
    },
    {
      title: 'Where do the duplicate rows in {table} come from?',
      tags: ['sql', 'data-quality'],
      bodies: [
        'Some ids appear two or three times in {table} since last week, and the totals on the dashboard are too high. How do I find where they come from?',
        'The `unique` test on {table} started failing overnight. I can see the duplicate ids but not why they are there.',
      ],
      code: {
        lang: 'sql',
        code: 'select id, count(*)\nfrom analytics.{table}\ngroup by id\nhaving count(*) > 1\norder by 2 desc\nlimit 20;',
      },
      answers: [
        'Nine times out of ten it is a join that fans out: one of the dims {table} joins to has two rows for the same key. Count rows per key in each joined table and the culprit shows up.',
        'Group {table} by the key with `having count(*) > 1` and compare the duplicates column by column. If only `_loaded_at` differs, the loader ran twice; if an attribute differs, it is the join.',
        'Check whether the source started sending updates as new rows. Then {table} needs to keep the latest version per key (`qualify row_number() over (partition by id order by updated_at desc) = 1`).',
      ],
    },
    {
      title: 'Who owns the {dag} DAG, and can I rerun it myself?',
      tags: ['airflow', 'data-pipelines'],
      bodies: [
        '{dag} failed last night and my report depends on it. I have access to Airflow, but I do not want to rerun something I do not understand.',
        'I am new and {dag} shows red in Airflow. Is there an owner I should ping, or do people just clear the failed task?',
      ],
      answers: [
        'The owner of {dag} is in the `owner` field of the DAG and in the README in its folder. For a failed task that only reads and writes its own day, clearing it is fine; say so in #data.',
        'Clear only the failed task of {dag}, not the whole run, and tick "downstream" so the tasks after it run again. Rerunning everything reloads the sources for nothing.',
        'If {dag} failed on a source timeout, a rerun usually works. If it failed on a test, do not rerun: the test is telling you the data is wrong, and the owner needs to look.',
      ],
    },
    {
      title: 'Why does {dashboard} disagree with the numbers in {source}?',
      tags: ['data-quality', 'sql'],
      bodies: [
        'Sales looked at {source} and {dashboard} side by side and they differ by about 4%. Which one is right, and how do I explain the gap?',
        '{dashboard} and {source} never show the same total for a month. I need to explain the difference to a manager by Friday.',
      ],
      answers: [
        'Usually time zones: {source} cuts days at midnight in its own zone, our warehouse cuts at midnight UTC. Compare a single day both ways and most of the gap disappears.',
        'Check the definitions before the data. {dashboard} excludes test accounts and refunds; {source} does not. Write the definition next to the number and the argument usually ends there.',
        'Take five records that are in {source} but not in the warehouse and trace them through the load. The reason for those five is almost always the reason for the whole gap.',
      ],
    },
    {
      title: 'How do I bring {source} data into the warehouse?',
      tags: ['data-pipelines', 'schema-changes'],
      bodies: [
        'My team needs {source} data next to our orders for an analysis. Is there a standard way to add a new source here, or do I write a script?',
        'We want to report on {source} in the warehouse. Before I start: is there already a connector, and who decides on the schema?',
      ],
      answers: [
        'Check the sources list in the dbt project first: {source} may already land in the `raw` schema and just need a staging model. Adding a staging model is a one-day job.',
        'New sources go through the ingestion tool, not scripts. Open a request with the tables you need from {source} and how fresh they must be; daily is cheap, hourly needs a reason.',
        'Land {source} data untouched in `raw`, clean it in one staging model, and build everything else on that. When {source} changes its API you fix one model, not twenty.',
      ],
    },
    {
      title: 'What partitioning should {table} use?',
      tags: ['partitions', 'sql'],
      bodies: [
        'Queries on {table} scan the whole table even when people filter on a week. I think it needs partitioning; on which column?',
        'I am building {table} from scratch and want to get the partitioning right the first time.',
      ],
      answers: [
        'Partition {table} by the date people filter on, usually the event date rather than the load date. Then a one-week query reads seven partitions instead of the whole table.',
        'Daily partitions are right for {table} unless a day holds less than a few hundred MB; then monthly partitions with clustering on the date do better.',
        'Whatever you pick, backfills will happen per partition, so pick the column a backfill of {table} would be cut by.',
      ],
    },
    {
      title: 'Can I join {table} to {source} data directly, or is there a model for it?',
      tags: ['sql', 'dbt'],
      bodies: [
        'For a one-off analysis I need {table} next to {source} data. I could write the join myself, but I suspect someone has done it before.',
        'I keep writing the same join between {table} and {source} in my notebooks. Is there a shared model I should use instead?',
      ],
      answers: [
        'Search the dbt docs site for {source} first; there is probably an `int_` model that already joins it to {table} with the keys cleaned up.',
        'Join on the cleaned key from the staging model, never on the raw id from {source}: the raw ids have mixed case and trailing spaces.',
        'If you have written the same join between {table} and {source} three times, turn it into a model and open a pull request. That is how most of our shared models started.',
      ],
    },
  ],
}
