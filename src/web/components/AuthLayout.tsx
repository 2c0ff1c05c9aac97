import type { ReactNode } from 'react'
import '../features/auth/auth.css'
import { useDocumentTitle } from '../lib/hooks'

/** The layout of logged-out pages (setup, login, reset, invitation): a centred card with the page's h1. */
export function AuthLayout({ title, intro, children }: { title: string; intro?: ReactNode; children: ReactNode }) {
  useDocumentTitle(title)
  return (
    <div className="auth">
      <header className="auth-brand">
        <span className="brand-mark" aria-hidden="true" />
        Wellspring
      </header>
      <main id="main" className="auth-card">
        <h1>{title}</h1>
        {intro && <div className="auth-intro">{intro}</div>}
        {children}
      </main>
    </div>
  )
}
