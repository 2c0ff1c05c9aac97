import { Link } from 'react-router-dom'
import { Page } from '../../components/Page'

export function NotFoundPage() {
  return (
    <Page title="Page not found">
      <p>There is nothing at this address, or you may not see it.</p>
      <p>
        <Link to="/">Go to the home page</Link>
      </p>
    </Page>
  )
}
