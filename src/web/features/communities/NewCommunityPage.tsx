import { useState, type FormEvent } from 'react'
import { useNavigate } from 'react-router-dom'
import type { Community } from '../../../shared/communities'
import { ErrorAlert } from '../../components/Alerts'
import { TextArea, TextField } from '../../components/Fields'
import { Page } from '../../components/Page'
import { TagInput } from '../../components/TagInput'
import { useCreateCommunity } from '../../lib/communities'
import { VisibilityChoice } from './VisibilityChoice'
import './communities.css'

/** Start a community: its name, purpose, topics and who may see it. The founder becomes its first steward. */
export function NewCommunityPage() {
  const navigate = useNavigate()
  const create = useCreateCommunity()
  const [name, setName] = useState('')
  const [purpose, setPurpose] = useState('')
  const [tags, setTags] = useState<string[]>([])
  const [visibility, setVisibility] = useState<Community['visibility']>('open')

  function submit(event: FormEvent) {
    event.preventDefault()
    create.mutate(
      { name: name.trim(), purpose: purpose.trim(), tags, visibility },
      { onSuccess: (c) => void navigate(`/communities/${c.slug}`) },
    )
  }

  return (
    <Page
      title="Start a community"
      lead={<p className="lead">You will be its first steward: you welcome people and tend what is shared.</p>}
    >
      <form className="card stack narrow" onSubmit={submit}>
        <TextField label="Name" required minLength={2} maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />
        <TextArea
          label="Purpose"
          hint="What the community is for, and who it is for."
          maxLength={2000}
          value={purpose}
          onChange={(e) => setPurpose(e.target.value)}
        />
        <TagInput label="Topics" hint="Help people find it." value={tags} onChange={setTags} />
        <VisibilityChoice value={visibility} onChange={setVisibility} />
        <ErrorAlert error={create.error} />
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={create.isPending}>
            Start the community
          </button>
        </div>
      </form>
    </Page>
  )
}
