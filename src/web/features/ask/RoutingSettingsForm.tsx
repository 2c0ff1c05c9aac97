import { useState, type FormEvent } from 'react'
import type { CommunityRouting } from '../../../shared/asks'
import { ErrorAlert, StatusMessage } from '../../components/Alerts'
import { useCommunityRouting, useSetCommunityRouting } from '../../lib/asks'

type Explore = CommunityRouting['explore']

const CHOICES: [Explore, string, string][] = [
  [
    'default',
    'Default',
    'Off for the community’s first ten questions, then on: at first only people who answered something like it are asked.',
  ],
  ['on', 'On', 'When too few people have answered something like a question, one person new to the topic is offered it too, labelled so.'],
  ['off', 'Off', 'Questions go only to people who answered something like them; if there is nobody, everyone can still answer.'],
]

function ExploreForm({ slug, initial }: { slug: string; initial: Explore }) {
  const save = useSetCommunityRouting(slug)
  const [explore, setExplore] = useState<Explore>(initial)
  const [saved, setSaved] = useState('')
  function submit(event: FormEvent) {
    event.preventDefault()
    setSaved('')
    save.mutate(
      { explore },
      { onSuccess: (v) => setSaved(v.exploreNow ? 'Saved: new questions may have an explore slot.' : 'Saved: no explore slots for now.') },
    )
  }
  return (
    <form className="card stack" onSubmit={submit} aria-labelledby="routing-heading">
      <h2 id="routing-heading">Routing questions</h2>
      <fieldset className="fieldset">
        <legend>Explore slot: offer a question to someone new to its topic</legend>
        {CHOICES.map(([value, label, help]) => (
          <div key={value} className="radio">
            <input
              id={`explore-${value}`}
              type="radio"
              name="explore"
              value={value}
              checked={explore === value}
              onChange={() => setExplore(value)}
              aria-describedby={`explore-${value}-help`}
            />
            <label htmlFor={`explore-${value}`}>{label}</label>
            <span id={`explore-${value}-help`} className="hint">
              {help}
            </span>
          </div>
        ))}
      </fieldset>
      <ErrorAlert error={save.error} />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          Save routing
        </button>
        <StatusMessage>{saved}</StatusMessage>
      </div>
    </form>
  )
}

/** A steward's choice of whether the community's questions may go to someone new to the topic (the explore slot). */
export function RoutingSettingsForm({ slug }: { slug: string }) {
  const routing = useCommunityRouting(slug)
  if (routing.error) return <ErrorAlert error={routing.error} />
  if (!routing.data) return null
  return <ExploreForm slug={slug} initial={routing.data.explore} />
}
