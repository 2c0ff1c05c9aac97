import { Link } from 'react-router-dom'
import { CATALOGUE_KIND_LABEL, type CatalogueItem } from '../../../shared/catalogue'
import './learning.css'

const startFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })

/**
 * Catalogue items (lessons, SCORM modules, quizzes, sessions) as search and community pages list them: each
 * with its kind, a link to its page, its summary and, unless the list is a community's own, its community.
 */
export function CatalogueItems({ items, label, showCommunity = true }: { items: CatalogueItem[]; label: string; showCommunity?: boolean }) {
  return (
    <ul className="catalogue-items" aria-label={label}>
      {items.map((i) => (
        <li key={`${i.kind}-${i.id}`} className="catalogue-item">
          <div className="catalogue-item-head">
            <span className={`kind-badge catalogue-kind-${i.kind}`}>{CATALOGUE_KIND_LABEL[i.kind]}</span>
            <Link to={i.href} className="catalogue-item-title">
              {i.title}
            </Link>
          </div>
          {i.summary && <p className="catalogue-item-summary">{i.summary}</p>}
          {(i.startsAt || (showCommunity && i.community)) && (
            <p className="muted catalogue-item-meta">
              {i.startsAt && <time dateTime={i.startsAt}>{startFormat.format(new Date(i.startsAt))}</time>}
              {i.startsAt && showCommunity && i.community && ' · '}
              {showCommunity && i.community && <Link to={`/communities/${i.community.slug}`}>{i.community.name}</Link>}
            </p>
          )}
        </li>
      ))}
    </ul>
  )
}
