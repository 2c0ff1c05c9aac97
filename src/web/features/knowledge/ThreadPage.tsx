import { useQuery } from '@tanstack/react-query'
import { useEffect } from 'react'
import { Link, useLocation, useParams } from 'react-router-dom'
import type { Post, Thread } from '../../../shared/knowledge'
import { ErrorAlert, Loading } from '../../components/Alerts'
import { Page } from '../../components/Page'
import { TagList } from '../../components/TagInput'
import { api, ApiError } from '../../lib/api'
import { useThread } from '../../lib/knowledge'
import { useCommunity } from '../../lib/communities'
import { CommunityActions } from '../communities/CommunityActions'
import { useViewer } from '../../lib/session'
import { AdoptPractice } from './AdoptPractice'
import { PostArticle } from './PostArticle'
import { KindBadge } from './PostSummary'
import { ReplyForm } from './ReplyForm'
import './knowledge.css'

/** Previous and next chapters of a story series, and the list of all of them. */
function SeriesNav({ thread }: { thread: Thread }) {
  const chapters = [...thread.series].sort((a, b) => a.order - b.order)
  if (chapters.length < 2) return null
  const index = chapters.findIndex((c) => c.id === thread.post.id)
  const prev = chapters[index - 1]
  const next = chapters[index + 1]
  return (
    <nav className="series-nav card card-quiet" aria-label="Chapters of this series">
      <p>
        Chapter {index + 1} of {chapters.length} in “{thread.post.series?.id}”
      </p>
      <div className="button-row">
        {prev && (
          <Link to={`/posts/${prev.id}`} rel="prev">
            ← Previous chapter: {prev.title}
          </Link>
        )}
        {next && (
          <Link to={`/posts/${next.id}`} rel="next">
            Next chapter: {next.title} →
          </Link>
        )}
      </div>
      <ol className="chapters">
        {chapters.map((c) => (
          <li key={c.id}>
            {c.id === thread.post.id ? <span aria-current="page">{c.title}</span> : <Link to={`/posts/${c.id}`}>{c.title}</Link>}
          </li>
        ))}
      </ol>
    </nav>
  )
}

function Duplicates({ thread }: { thread: Thread }) {
  if (thread.duplicates.length === 0) return null
  return (
    <aside className="card card-quiet" aria-labelledby="duplicates-heading">
      <h2 id="duplicates-heading">Same question elsewhere</h2>
      <ul>
        {thread.duplicates.map((d) => (
          <li key={d.id}>
            <Link to={`/posts/${d.id}`}>{d.title}</Link>
          </li>
        ))}
      </ul>
    </aside>
  )
}

/** Comments grouped under the post they belong to. */
function commentsByParent(comments: Post[]): Map<number, Post[]> {
  const map = new Map<number, Post[]>()
  for (const c of comments) if (c.parentId !== null) map.set(c.parentId, [...(map.get(c.parentId) ?? []), c])
  return map
}

function ThreadView({ thread }: { thread: Thread }) {
  const viewer = useViewer()
  const location = useLocation()
  const { post } = thread
  const comments = commentsByParent(thread.comments)
  // A link to an answer or comment (#post-12) scrolls to it once the thread is on screen.
  useEffect(() => {
    if (location.hash) document.getElementById(location.hash.slice(1))?.scrollIntoView({ block: 'center' })
  }, [location.hash])
  return (
    <Page
      title={post.title}
      className="thread-page"
      lead={
        <div className="thread-lead">
          <KindBadge kind={post.kind} />
          <span>
            in <Link to={`/communities/${post.community.slug}`}>{post.community.name}</Link>
          </span>
          <TagList tags={post.tags} label="Tags" empty="" />
        </div>
      }
    >
      <SeriesNav thread={thread} />
      <PostArticle post={post} rootId={post.id} viewerId={viewer.id} comments={comments.get(post.id) ?? []} mine={thread.mine} />
      <Duplicates thread={thread} />
      {post.kind === 'practice' && <AdoptPractice thread={thread} />}
      {post.kind === 'question' && (
        <section aria-labelledby="answers-heading" className="answers">
          <h2 id="answers-heading">
            {thread.answers.length} {thread.answers.length === 1 ? 'answer' : 'answers'}
          </h2>
          {thread.answers.map((a) => (
            <PostArticle
              key={a.id}
              post={a}
              rootId={post.id}
              viewerId={viewer.id}
              comments={comments.get(a.id) ?? []}
              mine={thread.mine}
              question={post}
            />
          ))}
          <ReplyForm parentId={post.id} rootId={post.id} kind="answer" label="Your answer" />
        </section>
      )}
    </Page>
  )
}

/**
 * A post the viewer cannot read: when it is in a closed community, say so and offer to ask to join (a steward
 * decides); otherwise it is simply not there.
 */
function NotReadable({ postId, error }: { postId: number; error: Error }) {
  const closed = useQuery({
    queryKey: ['posts', postId, 'closed-community'],
    queryFn: ({ signal }) => api<{ community: { slug: string; name: string } }>(`/api/posts/${postId}/closed-community`, { signal }),
    retry: false,
  })
  if (closed.isPending) return <Loading />
  const community = closed.data?.community
  if (!community) {
    return (
      <Page title="Post not found">
        <ErrorAlert error={error} />
        <p>
          <Link to="/communities">Communities</Link>
        </p>
      </Page>
    )
  }
  return (
    <Page title={`This post is in ${community.name}`}>
      <div className="card stack members-only">
        <p>
          {community.name} is a closed community: only its members can read what is posted there. A steward of the community decides who
          joins.
        </p>
        <MembershipActions slug={community.slug} />
      </div>
    </Page>
  )
}

/** The community's own join actions: ask to join, or that the request is waiting. */
function MembershipActions({ slug }: { slug: string }) {
  const community = useCommunity(slug)
  if (!community.data) return community.isPending ? <Loading /> : <ErrorAlert error={community.error} />
  return <CommunityActions community={community.data} />
}

/** /posts/:id: a question with its answers, or a story, practice or lesson, with comments and reactions. */
export function ThreadPage() {
  const { id = '' } = useParams()
  const thread = useThread(Number(id))
  if (thread.isPending && Number(id) > 0) return <Loading />
  if (!thread.data) {
    if (thread.error instanceof ApiError && thread.error.status === 404) return <NotReadable postId={Number(id)} error={thread.error} />
    return (
      <Page title="Post not found">
        <ErrorAlert error={thread.error ?? new Error('There is no such post.')} />
        <p>
          <Link to="/communities">Communities</Link>
        </p>
      </Page>
    )
  }
  return <ThreadView key={thread.data.post.id} thread={thread.data} />
}
