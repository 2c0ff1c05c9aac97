import { useEffect, useRef } from 'react'
import { Link, useParams } from 'react-router-dom'
import { ErrorAlert, Loading } from '../../components/Alerts'
import { Page } from '../../components/Page'
import { usePlayStep, useSimulationPlay } from './simulation-api'
import './simulation.css'

/**
 * Plays a simulation one situation at a time. Choices are plain buttons, so it plays with the keyboard alone;
 * after each step the focus moves to the new situation's heading, so the next thing read is what happened.
 */
export function SimulationPage() {
  const { id = '' } = useParams()
  const play = useSimulationPlay(id)
  const step = usePlayStep(id)
  const heading = useRef<HTMLHeadingElement>(null)
  const stepCount = play.data?.steps
  const situationKey = play.data?.situation.key

  useEffect(() => {
    if (step.isSuccess) heading.current?.focus()
  }, [stepCount, situationKey, step.isSuccess])

  if (play.isPending) return <Loading />
  if (!play.data) return <ErrorAlert title="This simulation could not be opened." error={play.error} />
  const state = play.data
  const busy = step.isPending

  return (
    <Page title={state.title} lead={state.description ? <p className="lead">{state.description}</p> : undefined}>
      {state.canEdit && (
        <p>
          <Link to={`/learning/simulations/${state.id}/edit`}>Edit the simulation and see the paths taken</Link>
        </p>
      )}
      <div className="sim-status">
        {state.score !== null && (
          <p className="sim-score">
            Score so far: <strong>{state.score}</strong>
          </p>
        )}
        <p className="meta">{state.steps === 0 ? 'At the start' : `${state.steps} ${state.steps === 1 ? 'choice' : 'choices'} made`}</p>
      </div>
      <div role="status" aria-live="polite" className="sim-feedback-region">
        {state.feedback && (
          <p className="sim-feedback">
            <strong>Feedback:</strong> {state.feedback}
          </p>
        )}
      </div>
      <section className="card sim-situation" aria-labelledby="sim-situation-heading">
        <h2 id="sim-situation-heading" ref={heading} tabIndex={-1}>
          {state.situation.title}
        </h2>
        {/* Rendered and sanitised on the server by the product's one Markdown pipeline. */}
        <div className="lesson-body" dangerouslySetInnerHTML={{ __html: state.situation.html }} />
        {state.situation.ending ? (
          <div className="sim-ending">
            <h3>How it ended</h3>
            <p>{state.situation.outcome || 'This is an ending.'}</p>
          </div>
        ) : (
          <ul className="sim-choices" aria-label="Your choices">
            {state.choices.map((c) => (
              <li key={c.key}>
                <button
                  type="button"
                  className="button sim-choice"
                  disabled={!c.open || busy}
                  aria-describedby={c.open ? undefined : `sim-cond-${c.key}`}
                  onClick={() => step.mutate({ kind: 'choose', choice: c.key })}
                >
                  {c.label}
                </button>
                {!c.open && (
                  <span id={`sim-cond-${c.key}`} className="hint">
                    Needs {c.condition}
                  </span>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      <div className="learning-actions">
        {state.canGoBack && (
          <button type="button" className="button button-quiet" disabled={busy} onClick={() => step.mutate({ kind: 'back' })}>
            Go back
          </button>
        )}
        {state.steps > 0 && (
          <button type="button" className="button button-quiet" disabled={busy} onClick={() => step.mutate({ kind: 'restart' })}>
            Start over
          </button>
        )}
        <Link to="/learning">Back to the catalogue</Link>
      </div>
      <ErrorAlert title="That step was not taken." error={step.error} />
    </Page>
  )
}
