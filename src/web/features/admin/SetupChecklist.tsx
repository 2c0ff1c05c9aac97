import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { Link } from 'react-router-dom'
import type { ChecklistStep, SetupChecklist as Checklist } from '../../../shared/onboarding'
import { ErrorAlert, Loading } from '../../components/Alerts'
import { api } from '../../lib/api'
import './admin.css'

export function useSetupChecklist(enabled = true) {
  return useQuery({
    queryKey: ['admin', 'setup-checklist'],
    queryFn: ({ signal }) => api<Checklist>('/api/admin/setup-checklist', { signal }),
    enabled,
  })
}

function StepLink({ step }: { step: ChecklistStep }) {
  if (!step.link) return null
  // Single sign-on's test is a navigation through the server to the identity provider, not an app page.
  if (step.link.startsWith('/api/')) return <a href={step.link}>{step.linkLabel}</a>
  return <Link to={step.link}>{step.linkLabel}</Link>
}

/**
 * The admin's day-zero checklist: each step's state comes from the data (an applied roster import, invitations
 * and who joined, single sign-on, communities, Q&A imports), with a link to do it. On the home page it can be
 * dismissed once every step it needs is done; Admin → Setup always shows it.
 */
export function SetupChecklist({ onHome = false }: { onHome?: boolean }) {
  const client = useQueryClient()
  const checklist = useSetupChecklist()
  const dismiss = useMutation({
    mutationFn: () => api<Checklist>('/api/admin/setup-checklist/dismiss', { method: 'POST' }),
    onSuccess: (data) => client.setQueryData(['admin', 'setup-checklist'], data),
  })
  const data = checklist.data
  if (onHome && (!data || data.dismissed)) return null
  return (
    <section className="card setup-checklist" aria-labelledby="setup-checklist-heading">
      <h2 id="setup-checklist-heading">Set up Wellspring</h2>
      {checklist.isPending && <Loading />}
      <ErrorAlert error={checklist.error ?? dismiss.error} />
      {data && (
        <>
          <p className="muted">
            {data.done} of {data.total} done{data.complete ? ': everything needed is in place.' : '.'}
          </p>
          <progress aria-label="Setup progress" value={data.done} max={data.total} />
          <ol className="checklist">
            {data.steps.map((step) => (
              <li key={step.id} className={step.done ? 'checklist-done' : undefined}>
                <span className="checklist-mark" aria-hidden="true">
                  {step.done ? '✓' : '○'}
                </span>
                <div>
                  <strong>{step.title}</strong>
                  <span className="visually-hidden">{step.done ? ' (done)' : step.optional ? ' (optional, not done)' : ' (not done)'}</span>
                  <p className="hint">{step.detail}</p>
                  <StepLink step={step} />
                </div>
              </li>
            ))}
          </ol>
          {onHome && data.complete && (
            <button type="button" className="button" disabled={dismiss.isPending} onClick={() => dismiss.mutate()}>
              Dismiss the checklist
            </button>
          )}
          {!onHome && data.dismissed && <p className="hint">Dismissed from the home page.</p>}
        </>
      )}
    </section>
  )
}
