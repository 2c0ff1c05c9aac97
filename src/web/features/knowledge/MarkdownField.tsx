import { useId, useRef, useState } from 'react'
import '../../components/PersonSearch.css'
import { useDebounced } from '../../lib/hooks'
import { useMarkdownPreview } from '../../lib/knowledge'
import { MentionSuggestions } from './MentionSuggestions'
import { SafeHtml } from './SafeHtml'

interface MarkdownFieldProps {
  label: string
  hint?: string
  value: string
  onChange: (value: string) => void
  rows?: number
  required?: boolean
  maxLength?: number
  /** Mention hint under the field (bodies, answers, comments). */
  mentions?: boolean
}

/**
 * A Markdown text area with a live preview rendered by the server, so the preview is exactly what readers will
 * see, sanitised the same way. The preview can be hidden to write without distraction.
 */
export function MarkdownField({ label, hint, value, onChange, rows = 6, required, maxLength = 100_000, mentions }: MarkdownFieldProps) {
  const id = useId()
  const [showPreview, setShowPreview] = useState(true)
  const textarea = useRef<HTMLTextAreaElement>(null)
  // Where the caret is, so that "@ana" being typed there can be completed (MentionSuggestions).
  const [caret, setCaret] = useState(0)
  const settled = useDebounced(value, 300)
  const preview = useMarkdownPreview(settled, showPreview)
  const hints = [
    hint,
    'Markdown: **bold**, _italic_, lists, `code`, [links](https://…).',
    mentions ? 'Mention someone with @ and the first part of their email, like @ana.silva.' : '',
  ]
    .filter(Boolean)
    .join(' ')
  return (
    <div className="field markdown-field">
      <label htmlFor={id}>{label}</label>
      <p id={`${id}-hint`} className="hint">
        {hints}
      </p>
      <textarea
        id={id}
        aria-describedby={`${id}-hint`}
        rows={rows}
        required={required}
        maxLength={maxLength}
        value={value}
        ref={textarea}
        onChange={(e) => {
          onChange(e.target.value)
          setCaret(e.target.selectionStart)
        }}
        onSelect={(e) => setCaret(e.currentTarget.selectionStart)}
      />
      {mentions && <MentionSuggestions textarea={textarea} value={value} caret={caret} onChange={onChange} onCaret={setCaret} />}
      <div className="preview-bar">
        <button
          type="button"
          className="button button-small"
          aria-expanded={showPreview}
          aria-controls={`${id}-preview`}
          onClick={() => setShowPreview(!showPreview)}
        >
          {showPreview ? 'Hide preview' : 'Show preview'}
        </button>
      </div>
      {showPreview && (
        <div id={`${id}-preview`} className="preview" role="region" aria-label={`Preview of ${label}`}>
          {value.trim() === '' ? (
            <p className="muted">The preview appears here as you write.</p>
          ) : preview.data ? (
            <SafeHtml html={preview.data.html} className="prose" />
          ) : preview.isError ? (
            <p className="muted">The preview is not available right now.</p>
          ) : (
            <p className="muted">Rendering…</p>
          )}
        </div>
      )}
    </div>
  )
}
