import { useId } from 'react'
import type { Community } from '../../../shared/communities'

export interface Suggested {
  slug: string
  name: string
  reason: string
}

interface PickerProps {
  /** Communities the viewer may post in. */
  options: Community[]
  /** The slug in use: the one picked, or else the top suggestion. */
  value: string
  /** True once the person chose one themselves (suggestions then stop moving it). */
  picked: boolean
  suggested: Suggested | undefined
  onPick: (slug: string) => void
}

/** Where the question is posted: preselected from the question's content until the asker chooses. */
export function CommunityPicker({ options, value, picked, suggested, onPick }: PickerProps) {
  const id = useId()
  const reason = suggested ? `Suggested from your question: ${suggested.name} (${suggested.reason}).` : ''
  let hint = 'The community your question is posted in. Its members can answer it.'
  if (suggested) hint = !picked && value === suggested.slug ? `${reason} Choose another if it fits better.` : reason
  return (
    <div className="field">
      <label htmlFor={id}>Community</label>
      <p id={`${id}-hint`} className="hint">
        {hint}
      </p>
      <select id={id} required value={value} aria-describedby={`${id}-hint`} onChange={(e) => onPick(e.target.value)}>
        <option value="">Choose a community…</option>
        {options.map((c) => (
          <option key={c.slug} value={c.slug}>
            {c.name}
          </option>
        ))}
      </select>
    </div>
  )
}

/** Communities the viewer may post in: their own, and open ones (joining on the way). */
export function postableCommunities(items: Community[]): Community[] {
  return items.filter((c) => c.myRole !== null || c.visibility === 'open').sort((a, b) => a.name.localeCompare(b.name))
}
