import type { Db } from '../db/dialect.js'

/** Who may call a route. Every route declares one of these in `config.access`. */
export type Access = 'public' | 'member' | 'manager' | 'admin'

/** The logged-in person making a request, with their organisation roles. */
export interface Viewer {
  id: string
  name: string
  email: string
  isAdmin: boolean
  /** Derived from having reports, or granted by an admin. Admins count as managers too. */
  isManager: boolean
  csrfToken: string
}

/** The person behind a session, as access control needs them: a Viewer without the session's CSRF token. */
export type ViewerPerson = Omit<Viewer, 'csrfToken'>

/**
 * Reads the person a live session belongs to; undefined when they may not act (not active). Platform knows no
 * domain: the people domain gives this function when the app is built.
 */
export type ViewerPersonLoader = (db: Db, personId: string) => Promise<ViewerPerson | undefined>

/** Which of the given people may act now (active ones); given by the people domain, like ViewerPersonLoader. */
export type ActivePeopleFilter = (db: Db, personIds: readonly string[]) => Promise<ReadonlySet<string>>

/** True when `viewer` satisfies the route's access level. */
export function allows(access: Access, viewer: Viewer | null): boolean {
  switch (access) {
    case 'public':
      return true
    case 'member':
      return viewer !== null
    case 'manager':
      return viewer !== null && (viewer.isManager || viewer.isAdmin)
    case 'admin':
      return viewer !== null && viewer.isAdmin
  }
}
