import { useId, useState, type KeyboardEvent } from 'react'
import { addTag, TAG_LIST_LIMIT } from '../../shared/tags'
import './TagInput.css'

interface TagInputProps {
  label: string
  hint?: string
  value: string[]
  onChange: (tags: string[]) => void
  max?: number
}

/**
 * A list of short tags: type and press Enter (or a comma) to add one; each tag has its own remove button.
 * A tag shows as it will be stored (src/shared/tags.ts: "Data Quality" becomes data-quality).
 */
export function TagInput({ label, hint, value, onChange, max = TAG_LIST_LIMIT }: TagInputProps) {
  const id = useId()
  const [text, setText] = useState('')

  function commit() {
    if (text.trim()) onChange(addTag(value, text, max))
    setText('')
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Enter' || event.key === ',') {
      event.preventDefault()
      commit()
    } else if (event.key === 'Backspace' && text === '' && value.length > 0) {
      onChange(value.slice(0, -1))
    }
  }

  return (
    <div className="field tag-field">
      <label htmlFor={id}>{label}</label>
      <p id={`${id}-hint`} className="hint">
        {hint ? `${hint} ` : ''}Press Enter or comma to add a tag.
      </p>
      {value.length > 0 && (
        <ul className="tags" aria-label={label}>
          {value.map((tag) => (
            <li key={tag} className="tag">
              <span>{tag}</span>
              <button
                type="button"
                className="tag-remove"
                aria-label={`Remove ${tag}`}
                onClick={() => onChange(value.filter((t) => t !== tag))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <input
        id={id}
        aria-describedby={`${id}-hint`}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
        onBlur={commit}
        disabled={value.length >= max}
      />
    </div>
  )
}

/** Tags shown read-only, or a quiet note when there are none. */
export function TagList({ tags, label, empty = 'None yet' }: { tags: string[]; label: string; empty?: string }) {
  if (tags.length === 0) return <p className="muted">{empty}</p>
  return (
    <ul className="tags" aria-label={label}>
      {tags.map((tag) => (
        <li key={tag} className="tag">
          {tag}
        </li>
      ))}
    </ul>
  )
}
