import { useSearchParams } from 'react-router-dom'
import { Page } from '../../components/Page'
import { Tabs } from '../../components/Tabs'
import { AdminPeople } from './AdminPeople'
import { ErasureRequests } from './ErasureRequests'
import { QaImport } from './QaImport'
import { RosterImport } from './RosterImport'
import { SetupChecklist } from './SetupChecklist'
import './admin.css'

/** Administration: people and roles, roster import, Q&A import, erasure requests, the setup checklist. The tab lives in the URL. */
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
          { id: 'erasures', label: 'Erasure requests', panel: <ErasureRequests /> },
          { id: 'setup', label: 'Setup', panel: <SetupChecklist /> },
        ]}
      />
    </Page>
  )
}
