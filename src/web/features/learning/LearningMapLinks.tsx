import { Link } from 'react-router-dom'
import { useCommunities } from '../../lib/communities'

/** The learning page's way to the maps: one link per community the viewer belongs to. */
export function LearningMapLinks() {
  const mine = useCommunities({ mine: true, sort: 'name' })
  const items = mine.data?.items ?? []
  return (
    <section aria-labelledby="lmap-links-heading">
      <h2 id="lmap-links-heading" className="learning-section">
        Learning maps
      </h2>
      <p className="hint">
        Each community&apos;s skills and practices, where you stand among them, and your path to who you want to become.
      </p>
      {mine.isSuccess && items.length === 0 && (
        <p className="empty">
          Join a <Link to="/communities">community</Link> to see its learning map.
        </p>
      )}
      {items.length > 0 && (
        <ul className="learning-map-links">
          {items.map((c) => (
            <li key={c.id}>
              <Link to={`/communities/${c.slug}/learning-map`}>{c.name}: learning map</Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
