import type { Community } from '../../../shared/communities'
import { VISIBILITY_LABELS } from '../../lib/communities'

type Visibility = Community['visibility']

/** Open, closed or secret, each with what it means, as a group of radio buttons. */
export function VisibilityChoice({ value, onChange }: { value: Visibility; onChange: (v: Visibility) => void }) {
  return (
    <fieldset className="fieldset">
      <legend>Who can see it</legend>
      {(Object.keys(VISIBILITY_LABELS) as Visibility[]).map((v) => (
        <div key={v} className="radio">
          <input
            id={`visibility-${v}`}
            type="radio"
            name="visibility"
            value={v}
            checked={value === v}
            onChange={() => onChange(v)}
            aria-describedby={`visibility-${v}-help`}
          />
          <label htmlFor={`visibility-${v}`}>{VISIBILITY_LABELS[v].label}</label>
          <span id={`visibility-${v}-help`} className="hint">
            {VISIBILITY_LABELS[v].help}
          </span>
        </div>
      ))}
    </fieldset>
  )
}
