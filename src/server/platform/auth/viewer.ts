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
