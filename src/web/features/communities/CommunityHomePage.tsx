import type { ReactNode } from 'react'
import { Link, useParams } from 'react-router-dom'
import type { Community } from '../../../shared/communities'
import type { CommunityHome } from '../../../shared/knowledge'
import type { PersonSummary } from '../../../shared/schemas'
import { ErrorAlert, Loading } from '../../components/Alerts'
import { Avatar } from '../../components/Avatar'
import { TagList } from '../../components/TagInput'
import { ROLE_LABELS, ROLES, useCommunityHome } from '../../lib/communities'
import { PostList } from '../knowledge/PostSummary'
import { CommunityLearning } from '../learning/CommunityLearning'
import { CommunityActions } from './CommunityActions'
import { CommunityFrame } from './CommunityFrame'

function Section({ id, title, children, more }: { id: string; title: string; children: ReactNode; more?: ReactNode }) {
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
      {more}
    </section>
  )
}

/** Members by role, stewards first: the shape of the community at a glance. */
export function MembersByRole({ members, slug }: { members: CommunityHome['members']; slug: string }) {
  const groups = [...ROLES].reverse().map((role) => [role, members[role]] as const)
  return (
    <div className="members-by-role">
      {groups.map(([role, people]) => (
        <div key={role}>
          <h3>
            {ROLE_LABELS[role]} <span className="muted">({people.length})</span>
          </h3>
          <PeopleRow people={people} label={`${ROLE_LABELS[role]}s`} />
        </div>
      ))}
      <p>
        <Link to={`/communities/${slug}/members`}>All members</Link>
      </p>
    </div>
  )
}

function PeopleRow({ people, label }: { people: PersonSummary[]; label: string }) {
  if (people.length === 0) return <p className="muted">No one yet.</p>
  return (
    <ul className="people-row" aria-label={label}>
      {people.slice(0, 24).map((p) => (
        <li key={p.id}>
          <Avatar person={p} size="small" />
          <Link to={`/people/${p.id}`}>{p.name}</Link>
        </li>
      ))}
      {people.length > 24 && <li className="muted">and {people.length - 24} more</li>}
    </ul>
  )
}

function HomeSections({ community }: { community: Community }) {
  const home = useCommunityHome(community.slug, community.canSeeContent)
  if (home.isPending) return <Loading />
  if (home.isError) return <ErrorAlert error={home.error} />
  const h = home.data
  const newcomerNotes = new Map(h.waiting.filter((w) => w.askedByNewcomer).map((w) => [w.id, 'Newcomer'] as const))
  const newPost = (kind: string) => `/communities/${community.slug}/new?kind=${kind}`
  return (
    <div className="community-home">
      <div className="columns">
        <Section id="waiting-heading" title="Waiting for an answer" more={<Link to={newPost('question')}>Ask a question</Link>}>
          <p className="hint">Newcomers’ questions come first.</p>
          <PostList
            posts={h.waiting}
            label="Questions waiting for an answer"
            empty={
              <>
                No question is waiting. <Link to={newPost('question')}>Ask one</Link> the members could answer.
              </>
            }
            notes={newcomerNotes}
          />
        </Section>
        <Section id="new-heading" title="What’s new">
          <PostList
            posts={h.whatsNew}
            label="What’s new"
            empty={
              <>
                Nothing has been shared yet. <Link to={newPost('question')}>Ask the first question</Link>, or{' '}
                <Link to={newPost('story')}>tell a story</Link> from your work.
              </>
            }
          />
        </Section>
      </div>
      <div className="columns">
        <Section id="stories-heading" title="Stories" more={<Link to={newPost('story')}>Tell a story</Link>}>
          <PostList posts={h.stories} label="Stories" empty="No stories yet." />
        </Section>
        <Section id="practices-heading" title="Practices" more={<Link to={newPost('practice')}>Share a practice</Link>}>
          <PostList posts={h.practices} label="Practices" empty="No practices yet." />
        </Section>
        <Section id="lessons-heading" title="Lessons" more={<Link to={newPost('lesson')}>Write a lesson</Link>}>
          <PostList posts={h.lessons} label="Lessons" empty="No lessons yet." />
        </Section>
      </div>
      <CommunityLearning slug={community.slug} />
      <Section id="members-heading" title="Members">
        <MembersByRole members={h.members} slug={community.slug} />
      </Section>
    </div>
  )
}

/** A community's home: its purpose, what to do, and (for those who may read it) its knowledge and people. */
export function CommunityHomePage() {
  const { slug = '' } = useParams()
  return (
    <CommunityFrame slug={slug} title={(c) => c.name} actions={(c) => <CommunityActions community={c} />}>
      {(c) => (
        <>
          <section className="card card-quiet" aria-labelledby="purpose-heading">
            <h2 id="purpose-heading">Purpose</h2>
            <p className="prewrap">{c.purpose || <span className="muted">No purpose written yet.</span>}</p>
            {c.tags.length > 0 && <TagList tags={c.tags} label="Topics" />}
          </section>
          {c.canSeeContent ? (
            <HomeSections community={c} />
          ) : (
            <p className="alert alert-info">Only members see what is shared in {c.name}. Ask to join to take part.</p>
          )}
        </>
      )}
    </CommunityFrame>
  )
}
