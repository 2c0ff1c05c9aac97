import { TextArea, TextField } from '../../components/Fields'
import type { Choice, Situation } from './simulation-draft'

const num = (v: string): number | null => (v.trim() === '' || Number.isNaN(Number(v)) ? null : Math.trunc(Number(v)))

/** A situation's fields: title, Markdown, ending and outcome, whether learners may go back from it. */
export function SituationFields(props: {
  situation: Situation
  isStart: boolean
  onChange: (patch: Partial<Situation>) => void
  onMakeStart: () => void
  onRemove: () => void
}) {
  const { situation: s } = props
  return (
    <div className="sim-fields">
      <TextField
        label="Situation title"
        required
        maxLength={200}
        value={s.title}
        onChange={(e) => props.onChange({ title: e.target.value })}
      />
      <TextArea
        label="What happens (Markdown)"
        maxLength={20_000}
        value={s.body}
        onChange={(e) => props.onChange({ body: e.target.value })}
      />
      <label className="checkbox">
        <input type="checkbox" checked={s.ending} disabled={props.isStart} onChange={(e) => props.onChange({ ending: e.target.checked })} />{' '}
        This is an ending
      </label>
      {s.ending && (
        <TextArea
          label="Outcome (shown at the end)"
          maxLength={5_000}
          value={s.outcome ?? ''}
          onChange={(e) => props.onChange({ outcome: e.target.value })}
        />
      )}
      <label className="checkbox">
        <input type="checkbox" checked={s.allowBack} onChange={(e) => props.onChange({ allowBack: e.target.checked })} /> Learners here may
        go back
      </label>
      <div className="learning-actions">
        {props.isStart ? (
          <span className="badge">Start</span>
        ) : (
          <button type="button" className="button button-quiet" disabled={s.ending} onClick={props.onMakeStart}>
            Make “{s.title}” the start
          </button>
        )}
        <button type="button" className="button button-quiet" disabled={props.isStart} onClick={props.onRemove}>
          Remove “{s.title}”
        </button>
      </div>
    </div>
  )
}

/** A choice's fields: its label, where it leads, feedback, score change and condition on the score so far. */
export function ChoiceFields(props: {
  choice: Choice
  situations: Situation[]
  onChange: (patch: Partial<Choice>) => void
  onRemove: () => void
}) {
  const { choice: c } = props
  return (
    <div className="sim-fields">
      <TextField label="Choice" required maxLength={300} value={c.label} onChange={(e) => props.onChange({ label: e.target.value })} />
      <label htmlFor={`sim-to-${c.key}`}>Leads to</label>
      <select id={`sim-to-${c.key}`} value={c.to} onChange={(e) => props.onChange({ to: e.target.value })}>
        {props.situations.map((s) => (
          <option key={s.key} value={s.key}>
            {s.title}
          </option>
        ))}
      </select>
      <TextArea
        label="Feedback"
        rows={2}
        maxLength={5_000}
        value={c.feedback ?? ''}
        onChange={(e) => props.onChange({ feedback: e.target.value })}
      />
      <div className="sim-numbers">
        <TextField
          label="Score change"
          type="number"
          min={-100}
          max={100}
          value={String(c.score)}
          onChange={(e) => props.onChange({ score: num(e.target.value) ?? 0 })}
        />
        <TextField
          label="Open from score (optional)"
          type="number"
          value={c.minScore ?? ''}
          onChange={(e) => props.onChange({ minScore: num(e.target.value) })}
        />
        <TextField
          label="Open up to score (optional)"
          type="number"
          value={c.maxScore ?? ''}
          onChange={(e) => props.onChange({ maxScore: num(e.target.value) })}
        />
      </div>
      <button type="button" className="button button-quiet" onClick={props.onRemove}>
        Remove choice “{c.label}”
      </button>
    </div>
  )
}
