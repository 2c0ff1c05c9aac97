import { useQuery } from '@tanstack/react-query'
import { Link } from 'react-router-dom'
import type { CatalogueList } from '../../../shared/catalogue'
import { ErrorAlert, Loading } from '../../components/Alerts'
import { api } from '../../lib/api'
import { CatalogueItems } from './CatalogueItems'

/** A community page's "Learning" section: its upcoming sessions, then its lessons, modules and quizzes. */
export function CommunityLearning({ slug }: { slug: string }) {
  const learning = useQuery({
    queryKey: ['learning', 'community', slug],
    queryFn: ({ signal }) => api<CatalogueList>(`/api/learning/communities/${encodeURIComponent(slug)}`, { signal }),
  })
  return (
    <section className="card" aria-labelledby="community-learning-heading">
      <h2 id="community-learning-heading">Learning</h2>
      {learning.isPending && <Loading />}
      <ErrorAlert error={learning.error} />
      {learning.data &&
        (learning.data.items.length > 0 ? (
          <CatalogueItems items={learning.data.items} label="This community’s learning" showCommunity={false} />
        ) : (
          <p className="muted">No sessions, lessons or quizzes belong to this community yet.</p>
        ))}
      <Link to="/learning">The whole catalogue</Link>
    </section>
  )
}
