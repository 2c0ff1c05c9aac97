import { NavLink } from 'react-router-dom'

const LINKS = [
  ['/insights', 'Communities'],
  ['/insights/map', 'Network map'],
  ['/insights/team', 'My team'],
  ['/insights/exclusion', 'Who is left out'],
  ['/insights/reorg', 'Reorg simulation'],
  ['/insights/practices', 'Practice spread'],
  ['/me/trajectory', 'My trajectory'],
] as const

/** The Insights pages, for moving between them. */
export function InsightsNav() {
  return (
    <nav aria-label="Insights" className="insights-nav">
      <ul>
        {LINKS.map(([to, label]) => (
          <li key={to}>
            <NavLink to={to} end>
              {label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  )
}
