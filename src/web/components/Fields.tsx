import { useId, type InputHTMLAttributes, type TextareaHTMLAttributes } from 'react'

interface Labelled {
  label: string
  hint?: string
}

/** A labelled input with an optional hint tied to it by aria-describedby. */
export function TextField({ label, hint, ...input }: Labelled & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId()
  const hintId = `${id}-hint`
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={hintId} className="hint">
          {hint}
        </p>
      )}
      <input id={id} aria-describedby={hint ? hintId : undefined} {...input} />
    </div>
  )
}

/** A labelled textarea with an optional hint. */
export function TextArea({ label, hint, ...area }: Labelled & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const id = useId()
  const hintId = `${id}-hint`
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={hintId} className="hint">
          {hint}
        </p>
      )}
      <textarea id={id} aria-describedby={hint ? hintId : undefined} rows={4} {...area} />
    </div>
  )
}
