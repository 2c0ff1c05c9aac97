import { useSearchParams } from 'react-router-dom'
import { Page } from '../../components/Page'
import { Tabs } from '../../components/Tabs'
import { AdminPeople } from './AdminPeople'
import { CsvImport } from './CsvImport'
import { ErasureRequests } from './ErasureRequests'
import { QaImport } from './QaImport'
import { RosterImport } from './RosterImport'
import { SetupChecklist } from './SetupChecklist'
import { SlackImport } from './SlackImport'
import './admin.css'

/** Administration: people and roles, roster, Q&A, Slack and CSV imports, erasure requests, the setup checklist. The tab lives in the URL. */
export function AdminPage() {
  const [params, setParams] = useSearchParams()
  const tab = params.get('tab') ?? 'people'
  return (
    <Page title="Admin">
      <Tabs
        label="Administration"
        selected={tab}
        onSelect={(id) => setParams(id === 'people' ? {} : { tab: id }, { replace: true })}
        tabs={[
          { id: 'people', label: 'People', panel: <AdminPeople /> },
          { id: 'roster', label: 'Roster import', panel: <RosterImport /> },
          { id: 'qa', label: 'Q&A import', panel: <QaImport /> },
          { id: 'slack', label: 'Slack import', panel: <SlackImport /> },
          { id: 'csv', label: 'Email & CSV import', panel: <CsvImport /> },
          { id: 'erasures', label: 'Erasure requests', panel: <ErasureRequests /> },
          { id: 'setup', label: 'Setup', panel: <SetupChecklist /> },
        ]}
      />
    </Page>
  )
}
