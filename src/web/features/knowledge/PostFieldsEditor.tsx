import type { PostFields, TopLevelKind } from '../../../shared/knowledge'
import { FIELD_LABELS } from '../../lib/knowledge'
import { MarkdownField } from './MarkdownField'

const BODY_LABELS: Record<TopLevelKind, { label: string; hint: string }> = {
  question: { label: 'Your question', hint: 'What you are trying to do, what you tried, and where you are stuck.' },
  story: { label: 'The story', hint: 'Tell it as it happened: who, when, what it meant.' },
  practice: { label: 'The practice in short', hint: 'A few sentences: what people do, and why.' },
  lesson: { label: 'Summary', hint: 'The lesson in a few sentences.' },
}

interface Props {
  kind: TopLevelKind
  body: string
  onBody: (body: string) => void
  fields: PostFields
  onFields: (fields: PostFields) => void
}

/** The body and the kind's own fields (practice: context, steps, evidence; lesson: the three blameless parts). */
export function PostFieldsEditor({ kind, body, onBody, fields, onFields }: Props) {
  const extra = kind === 'practice' || kind === 'lesson' ? FIELD_LABELS[kind] : []
  return (
    <>
      <MarkdownField label={BODY_LABELS[kind].label} hint={BODY_LABELS[kind].hint} value={body} onChange={onBody} rows={8} mentions />
      {extra.map(([key, label, hint]) => (
        <MarkdownField
          key={key}
          label={label}
          hint={hint}
          value={fields[key] ?? ''}
          onChange={(v) => onFields({ ...fields, [key]: v })}
          rows={5}
        />
      ))}
    </>
  )
}
