import { useState, type FormEvent } from 'react'
import type { Person, ProfileUpdate } from '../../../shared/schemas'
import { ErrorAlert, StatusMessage } from '../../components/Alerts'
import { TextArea, TextField } from '../../components/Fields'
import { TagInput } from '../../components/TagInput'
import { useUpdateProfile } from '../../lib/people'

type Draft = Required<
  Pick<
    ProfileUpdate,
    | 'name'
    | 'bio'
    | 'whoAmI'
    | 'wantToBecome'
    | 'communitiesWanted'
    | 'aspirationTags'
    | 'skillsOffered'
    | 'skillsWanted'
    | 'analyticsOptOut'
  >
>

function draftOf(p: Person): Draft {
  return {
    name: p.name,
    bio: p.bio,
    whoAmI: p.whoAmI,
    wantToBecome: p.wantToBecome,
    communitiesWanted: p.communitiesWanted,
    aspirationTags: p.aspirationTags,
    skillsOffered: p.skillsOffered,
    skillsWanted: p.skillsWanted,
    analyticsOptOut: p.analyticsOptOut ?? false,
  }
}

/** The part of a profile a person writes themself: name, bio, the three questions, skills and the opt-out. */
export function ProfileForm({ person }: { person: Person }) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(person))
  const [saved, setSaved] = useState(false)
  const update = useUpdateProfile(person.id)

  function set<K extends keyof Draft>(key: K, value: Draft[K]) {
    setDraft((d) => ({ ...d, [key]: value }))
    setSaved(false)
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault()
    update.mutate(draft, {
      onSuccess: (p) => {
        setDraft(draftOf(p))
        setSaved(true)
      },
    })
  }

  return (
    <form className="stack" onSubmit={onSubmit}>
      <section className="card stack" aria-labelledby="about-heading">
        <h2 id="about-heading">About me</h2>
        <TextField
          label="Name"
          name="name"
          required
          maxLength={120}
          autoComplete="name"
          value={draft.name}
          onChange={(e) => set('name', e.target.value)}
        />
        <TextArea label="Short bio" name="bio" maxLength={2000} rows={3} value={draft.bio} onChange={(e) => set('bio', e.target.value)} />
      </section>

      <section className="card stack" id="questions" aria-labelledby="questions-heading" tabIndex={-1}>
        <h2 id="questions-heading">Three questions</h2>
        <p className="hint">Your answers help colleagues find you and help Wellspring suggest people and communities for you.</p>
        <TextArea
          label="Who am I?"
          hint="What you do and what you know."
          name="whoAmI"
          maxLength={4000}
          value={draft.whoAmI}
          onChange={(e) => set('whoAmI', e.target.value)}
        />
        <TextArea
          label="Who do I want to become?"
          hint="The person or professional you are growing into."
          name="wantToBecome"
          maxLength={4000}
          value={draft.wantToBecome}
          onChange={(e) => set('wantToBecome', e.target.value)}
        />
        <TextArea
          label="Which communities do I want to join?"
          hint="Topics, crafts or groups you would like to be part of."
          name="communitiesWanted"
          maxLength={4000}
          value={draft.communitiesWanted}
          onChange={(e) => set('communitiesWanted', e.target.value)}
        />
        <TagInput
          label="Community interests"
          hint="Short tags, such as “data visualisation”."
          value={draft.aspirationTags}
          onChange={(v) => set('aspirationTags', v)}
        />
      </section>

      <section className="card stack" aria-labelledby="skills-heading">
        <h2 id="skills-heading">Skills</h2>
        <TagInput label="Skills I offer" value={draft.skillsOffered} onChange={(v) => set('skillsOffered', v)} />
        <TagInput label="Skills I want to learn" value={draft.skillsWanted} onChange={(v) => set('skillsWanted', v)} />
      </section>

      <section className="card stack" aria-labelledby="analytics-heading">
        <h2 id="analytics-heading">Analytics</h2>
        <div className="checkbox">
          <input
            id="analytics-opt-out"
            type="checkbox"
            checked={draft.analyticsOptOut}
            onChange={(e) => set('analyticsOptOut', e.target.checked)}
            aria-describedby="analytics-explained"
          />
          <label htmlFor="analytics-opt-out">Leave me out of people analytics</label>
        </div>
        <p id="analytics-explained" className="hint">
          Wellspring learns how help flows between people (answers, thanks, mentoring) to spot communities and people who are left out.
          Managers only ever see groups of several people, never you alone. If you opt out, none of your activity is counted in any
          analysis, and you can change your mind at any time.
        </p>
      </section>

      <div className="form-actions">
        <ErrorAlert error={update.error} />
        <button type="submit" className="button button-primary" disabled={update.isPending}>
          {update.isPending ? 'Saving…' : 'Save profile'}
        </button>
        <StatusMessage>{saved && 'Your profile is saved.'}</StatusMessage>
      </div>
    </form>
  )
}
