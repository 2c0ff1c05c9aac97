import { useState, type FormEvent } from 'react'
import { useParams } from 'react-router-dom'
import type { Community, PromotionRules } from '../../../shared/communities'
import { ErrorAlert, StatusMessage } from '../../components/Alerts'
import { TextArea, TextField } from '../../components/Fields'
import { TagInput } from '../../components/TagInput'
import { useUpdateCommunity } from '../../lib/communities'
import { RoutingSettingsForm } from '../ask/RoutingSettingsForm'
import { CommunityFrame } from './CommunityFrame'
import { VisibilityChoice } from './VisibilityChoice'

type Threshold = PromotionRules['toMember']

const THRESHOLDS: [keyof Threshold, string, number][] = [
  ['minQuestions', 'Questions asked', 1000],
  ['minAnswers', 'Answers given', 1000],
  ['minPosts', 'Posts of any kind (answers count)', 1000],
  ['minThanksReceived', 'Thanks received', 1000],
  ['minWeeksActive', 'Weeks since joining', 520],
]

function GeneralForm({ community }: { community: Community }) {
  const update = useUpdateCommunity(community.slug)
  const [name, setName] = useState(community.name)
  const [purpose, setPurpose] = useState(community.purpose)
  const [tags, setTags] = useState(community.tags)
  const [visibility, setVisibility] = useState(community.visibility)
  const [saved, setSaved] = useState('')
  function submit(event: FormEvent) {
    event.preventDefault()
    setSaved('')
    update.mutate(
      { name: name.trim(), purpose: purpose.trim(), tags, visibility },
      { onSuccess: () => setSaved('The settings are saved.') },
    )
  }
  return (
    <form className="card stack" onSubmit={submit} aria-labelledby="general-heading">
      <h2 id="general-heading">About the community</h2>
      <TextField label="Name" required minLength={2} maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />
      <TextArea label="Purpose" maxLength={2000} value={purpose} onChange={(e) => setPurpose(e.target.value)} />
      <TagInput label="Topics" value={tags} onChange={setTags} />
      <VisibilityChoice value={visibility} onChange={setVisibility} />
      <ErrorAlert error={update.error} />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={update.isPending}>
          Save settings
        </button>
        <StatusMessage>{saved}</StatusMessage>
      </div>
    </form>
  )
}

function ThresholdFields({ legend, value, onChange }: { legend: string; value: Threshold; onChange: (t: Threshold) => void }) {
  return (
    <fieldset className="fieldset">
      <legend>{legend}</legend>
      <div className="grid-2">
        {THRESHOLDS.map(([key, label, max]) => (
          <TextField
            key={key}
            label={label}
            type="number"
            inputMode="numeric"
            min={0}
            max={max}
            step={1}
            required
            value={String(value[key])}
            onChange={(e) => onChange({ ...value, [key]: Math.max(0, Math.min(max, Math.trunc(Number(e.target.value) || 0))) })}
          />
        ))}
      </div>
    </fieldset>
  )
}

/** The participation rules that move people from newcomer to member, and from member to core. */
function RulesForm({ community }: { community: Community }) {
  const update = useUpdateCommunity(community.slug)
  const [rules, setRules] = useState<PromotionRules | undefined>(community.rules)
  const [saved, setSaved] = useState('')
  if (!rules) return null
  function submit(event: FormEvent) {
    event.preventDefault()
    setSaved('')
    if (rules) update.mutate({ rules }, { onSuccess: () => setSaved('The promotion rules are saved. They apply as people take part.') })
  }
  return (
    <form className="card stack" onSubmit={submit} aria-labelledby="rules-heading">
      <h2 id="rules-heading">Promotion rules</h2>
      <p className="hint">
        People move from newcomer to member, and from member to core, once they meet every number below. Rules only promote; stewards are
        appointed by hand on the Members page.
      </p>
      <ThresholdFields legend="Newcomer → member" value={rules.toMember} onChange={(toMember) => setRules({ ...rules, toMember })} />
      <ThresholdFields legend="Member → core" value={rules.toCore} onChange={(toCore) => setRules({ ...rules, toCore })} />
      <ErrorAlert error={update.error} />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={update.isPending}>
          Save rules
        </button>
        <StatusMessage>{saved}</StatusMessage>
      </div>
    </form>
  )
}

/** A steward's settings: what the community is, who can see it, and how people move towards its core. */
export function SettingsPage() {
  const { slug = '' } = useParams()
  return (
    <CommunityFrame slug={slug} title={(c) => `Settings of ${c.name}`}>
      {(c) =>
        c.myRole === 'steward' ? (
          <div className="stack">
            <GeneralForm key={`g-${c.id}`} community={c} />
            <RulesForm key={`r-${c.id}`} community={c} />
            <RoutingSettingsForm key={`q-${c.id}`} slug={c.slug} />
          </div>
        ) : (
          <p className="alert alert-info">Only stewards change the settings.</p>
        )
      }
    </CommunityFrame>
  )
}
