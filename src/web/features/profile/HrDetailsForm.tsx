import { useState, type FormEvent } from 'react'
import type { Person, PersonSummary } from '../../../shared/schemas'
import { ErrorAlert, StatusMessage } from '../../components/Alerts'
import { TextField } from '../../components/Fields'
import { PersonSearch } from '../../components/PersonSearch'
import { useUpdateProfile } from '../../lib/people'

/** For admins: the HR fields of a profile (title, department, location, start date and manager). */
export function HrDetailsForm({ person }: { person: Person }) {
  const [title, setTitle] = useState(person.title)
  const [department, setDepartment] = useState(person.department)
  const [location, setLocation] = useState(person.location)
  const [startDate, setStartDate] = useState(person.startDate ?? '')
  const [manager, setManager] = useState<PersonSummary | null>(person.manager)
  const [saved, setSaved] = useState(false)
  const update = useUpdateProfile(person.id)

  function onSubmit(event: FormEvent) {
    event.preventDefault()
    setSaved(false)
    update.mutate(
      { title, department, location, startDate: startDate || null, managerId: manager?.id ?? null },
      { onSuccess: () => setSaved(true) },
    )
  }

  return (
    <section className="card" aria-labelledby="hr-edit-heading">
      <h2 id="hr-edit-heading">Work details (admin)</h2>
      <form className="stack" onSubmit={onSubmit}>
        <div className="grid-2">
          <TextField label="Title" name="title" maxLength={120} value={title} onChange={(e) => setTitle(e.target.value)} />
          <TextField
            label="Department"
            name="department"
            maxLength={120}
            value={department}
            onChange={(e) => setDepartment(e.target.value)}
          />
          <TextField label="Location" name="location" maxLength={120} value={location} onChange={(e) => setLocation(e.target.value)} />
          <TextField label="Start date" name="startDate" type="date" value={startDate} onChange={(e) => setStartDate(e.target.value)} />
        </div>
        <fieldset className="fieldset">
          <legend>Manager</legend>
          <p>
            {manager ? <strong>{manager.name}</strong> : <span className="muted">No manager (top of the org chart)</span>}{' '}
            {manager && (
              <button type="button" className="button button-small" onClick={() => setManager(null)}>
                Clear manager
              </button>
            )}
          </p>
          <PersonSearch label="Find a new manager" action="make manager" excludeId={person.id} onPick={setManager} />
        </fieldset>
        <ErrorAlert error={update.error} />
        <button type="submit" className="button button-primary" disabled={update.isPending}>
          Save work details
        </button>
        <StatusMessage>{saved && 'Work details saved.'}</StatusMessage>
      </form>
    </section>
  )
}
