import { useState, type FormEvent } from 'react'
import { Link } from 'react-router-dom'
import type { Availability } from '../../../shared/asks'
import { ErrorAlert, Loading, StatusMessage } from '../../components/Alerts'
import { TextField } from '../../components/Fields'
import { Page } from '../../components/Page'
import { useAvailability, useSaveAvailability } from '../../lib/asks'
import { dayEndIso, dayStartIso, firstDayOf, formatDay, lastDayOf } from './availability-dates'
import './expertise.css'

/** One sentence on what routing will do with these settings now. */
export function describeAvailability(a: Availability, now = new Date()): string {
  if (a.optedOut) return 'No questions are routed to you. You can still answer anything you find.'
  const away = a.awayFrom && a.awayUntil && new Date(a.awayFrom) <= now && now < new Date(a.awayUntil)
  if (away) return `You are away until ${formatDay(lastDayOf(a.awayUntil))} (included): nothing is routed to you until then.`
  const limit =
    a.maxPerWeek === 0 ? 'No questions a week for now.' : `At most ${a.maxPerWeek} ${a.maxPerWeek === 1 ? 'question' : 'questions'} a week.`
  const planned =
    a.awayFrom && a.awayUntil && now < new Date(a.awayFrom)
      ? ` Away from ${formatDay(firstDayOf(a.awayFrom))} to ${formatDay(lastDayOf(a.awayUntil))}.`
      : ''
  return limit + planned
}

function AvailabilityForm({ saved }: { saved: Availability }) {
  const save = useSaveAvailability()
  const [maxPerWeek, setMax] = useState(String(saved.maxPerWeek))
  const [from, setFrom] = useState(firstDayOf(saved.awayFrom))
  const [until, setUntil] = useState(lastDayOf(saved.awayUntil))
  const [optedOut, setOptedOut] = useState(saved.optedOut)

  function submit(event: FormEvent) {
    event.preventDefault()
    // The server checks the period (both ends, in order) and says what is wrong; its message is shown as is.
    save.mutate({ maxPerWeek: Number(maxPerWeek), awayFrom: dayStartIso(from), awayUntil: dayEndIso(until), optedOut })
  }

  return (
    <form className="card stack" onSubmit={submit} aria-labelledby="availability-heading">
      <h2 id="availability-heading">Your availability</h2>
      <TextField
        label="Questions a week, at most"
        hint="Nobody is offered more than their limit in any 7 days. 0 pauses routing to you."
        type="number"
        inputMode="numeric"
        min={0}
        max={50}
        required
        value={maxPerWeek}
        onChange={(e) => {
          setMax(e.target.value)
          save.reset()
        }}
      />
      <fieldset className="fieldset stack">
        <legend>Away period</legend>
        <p className="hint">Nothing is routed to you from the first day to the last day, both included.</p>
        <div className="grid-2">
          <TextField label="First day away" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
          <TextField label="Last day away" type="date" value={until} onChange={(e) => setUntil(e.target.value)} />
        </div>
        {(from || until) && (
          <button
            type="button"
            className="button button-small"
            onClick={() => {
              setFrom('')
              setUntil('')
            }}
          >
            Clear the away period
          </button>
        )}
      </fieldset>
      <div className="checkbox">
        <input
          id="opted-out"
          type="checkbox"
          checked={optedOut}
          onChange={(e) => setOptedOut(e.target.checked)}
          aria-describedby="opted-out-hint"
        />
        <label htmlFor="opted-out">Don’t route questions to me</label>
      </div>
      <p id="opted-out-hint" className="hint">
        You will not be offered questions at all. You can still answer anything you find, and ask.
      </p>
      <ErrorAlert error={save.error} title="Not saved:" />
      <StatusMessage>{save.isSuccess && `Saved. ${describeAvailability(save.data)}`}</StatusMessage>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          Save availability
        </button>
      </div>
    </form>
  )
}

/** /settings/availability: how many routed questions a week, away periods, and opting out. */
export function AvailabilityPage() {
  const availability = useAvailability()
  return (
    <Page
      title="Questions routed to you"
      lead={
        <p className="lead">
          Wellspring offers you questions you are likely to answer well, in your <Link to="/for-you">For you</Link> list. Decide how many,
          and when.
        </p>
      }
    >
      {availability.isPending && <Loading />}
      <ErrorAlert error={availability.error} />
      {availability.data && (
        <div className="availability-layout">
          <AvailabilityForm saved={availability.data} />
          <section className="card card-quiet" aria-labelledby="availability-now-heading">
            <h2 id="availability-now-heading">Right now</h2>
            <p>{describeAvailability(availability.data)}</p>
          </section>
        </div>
      )}
    </Page>
  )
}
