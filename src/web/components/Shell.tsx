import { useQueryClient } from '@tanstack/react-query'
import { useEffect, useState, type MouseEvent } from 'react'
import { NavLink, Outlet, useLocation, useNavigate } from 'react-router-dom'
import { ForYouNavLink } from '../features/ask/ForYouPage'
import { NotificationBadge } from '../features/notifications/NotificationBadge'
import { HeaderSearch } from '../features/search/HeaderSearch'
import { api } from '../lib/api'
import { renewSession, useViewer } from '../lib/session'
import { ErrorAlert } from './Alerts'

/** Domains that are planned but not built yet: listed honestly, not as links to empty pages. */
const COMING_SOON = ['Orientation']

/** Moves focus to the main region; the skip link's target for keyboard users. */
function skipToMain(event: MouseEvent<HTMLAnchorElement>) {
  const main = document.getElementById('main')
  if (!main) return
  event.preventDefault()
  main.focus()
  main.scrollIntoView()
}

/** The logged-in layout: skip link, header, navigation and the page in <main>. */
export function Shell() {
  const viewer = useViewer()
  const client = useQueryClient()
  const navigate = useNavigate()
  const [logoutError, setLogoutError] = useState<unknown>(null)
  // On a small screen the navigation folds behind a Menu button (CSS shows it open on wide screens);
  // going to a page folds it again, so the page is what one sees.
  const [menuOpen, setMenuOpen] = useState(false)
  const location = useLocation()
  useEffect(() => setMenuOpen(false), [location.pathname])

  async function logout() {
    try {
      await api('/api/auth/logout', { method: 'POST' })
      await renewSession(client)
      await navigate('/login')
    } catch (err) {
      setLogoutError(err)
    }
  }

  return (
    <div className="shell">
      <a className="skip-link" href="#main" onClick={skipToMain}>
        Skip to main content
      </a>
      <header className="topbar">
        <button
          type="button"
          className="button button-quiet menu-button"
          aria-expanded={menuOpen}
          aria-controls="main-nav"
          onClick={() => setMenuOpen(!menuOpen)}
        >
          <span className="menu-icon" aria-hidden="true" />
          Menu
        </button>
        <NavLink to="/" className="brand">
          <span className="brand-mark" aria-hidden="true" />
          Wellspring
        </NavLink>
        <HeaderSearch />
        <div className="topbar-user">
          <NotificationBadge />
          <span className="topbar-name">{viewer.name}</span>
          <button type="button" className="button button-quiet" onClick={() => void logout()}>
            Log out
          </button>
        </div>
      </header>
      <ErrorAlert error={logoutError} />
      <div className="shell-body">
        <nav id="main-nav" className={menuOpen ? 'sidenav sidenav-open' : 'sidenav'} aria-label="Main">
          <ul>
            <li>
              <NavLink to="/" end>
                Home
              </NavLink>
            </li>
            <li>
              <NavLink to="/ask">Ask</NavLink>
            </li>
            <li>
              <ForYouNavLink />
            </li>
            <li>
              <NavLink to="/communities">Communities</NavLink>
            </li>
            <li>
              <NavLink to="/learning">Learning</NavLink>
            </li>
            <li>
              <NavLink to="/connections">Connections</NavLink>
            </li>
            <li>
              <NavLink to="/directory">Directory</NavLink>
            </li>
            <li>
              <NavLink to="/org">Org chart</NavLink>
            </li>
            <li>
              <NavLink to="/me">My profile</NavLink>
            </li>
            <li>
              <NavLink to="/flags">Flags and review</NavLink>
            </li>
            {(viewer.isManager || viewer.isAdmin) && (
              <li>
                <NavLink to="/insights">Insights</NavLink>
              </li>
            )}
            {viewer.isAdmin && (
              <li>
                <NavLink to="/admin">Admin</NavLink>
              </li>
            )}
          </ul>
          <p className="sidenav-heading" id="soon-heading">
            Coming soon
          </p>
          <ul className="soon" aria-labelledby="soon-heading">
            {COMING_SOON.map((name) => (
              <li key={name}>
                <span className="soon-item">
                  {name} <span className="badge">coming soon</span>
                </span>
              </li>
            ))}
          </ul>
        </nav>
        <main id="main" tabIndex={-1}>
          <Outlet />
        </main>
      </div>
    </div>
  )
}
