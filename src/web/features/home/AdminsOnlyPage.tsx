import { Link } from 'react-router-dom'
import { Page } from '../../components/Page'

/**
 * What a member sees at an admin address (from a shared link, say): the page exists, it is not theirs, and
 * what to do instead. Insights, by contrast, answer "Page not found" to anyone not allowed them.
 */
export function AdminsOnlyPage() {
  return (
    <Page title="For administrators">
      <p>
        This page is where Wellspring&apos;s administrators manage people, imports and settings. Your account is not an
        administrator&apos;s.
      </p>
      <p>If something here needs changing, ask one of your organisation&apos;s Wellspring administrators.</p>
      <p>
        <Link to="/">Go to the home page</Link>
      </p>
    </Page>
  )
}
