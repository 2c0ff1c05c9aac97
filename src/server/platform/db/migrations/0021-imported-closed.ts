import { sql, type Kysely } from 'kysely'

// Frozen in time. Issue 10, defect 4: a Q&A import made every imported author a member of its community, so
// a dump's 1,352 placeholders (authors not matched to a person here) showed as the community's "newcomers",
// and questions closed on the source site waited "for an answer" there. From here a post records when it was
// closed at its source (null: open), and the placeholders' memberships that earlier imports made are removed:
// placeholders are attribution, not members (their posts keep their author).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('post').addColumn('closed_at', 'text').execute()
  await sql`delete from membership where person_id in (select id from person where status = 'placeholder')`.execute(db)
  await sql`update community set member_count = (select count(*) from membership m where m.community_id = community.id)`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('post').dropColumn('closed_at').execute()
}
