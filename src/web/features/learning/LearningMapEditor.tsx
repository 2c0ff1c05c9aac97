import { useId, useState, type FormEvent } from 'react'
import type { CatalogueKind, LearningMap, MapNode } from '../../../shared/learning-map'
import { ErrorAlert, StatusMessage } from '../../components/Alerts'
import { TextField } from '../../components/Fields'
import { TagInput } from '../../components/TagInput'
import { useAttachable, useMapAction, type MapAction } from './learning-map-api'

// The stewards' side of a learning map: seed it from practices, add nodes, and for one node at a time rename
// it, remove it, link what it builds on and attach catalogue items.

function AddNode({ run }: { run: (a: MapAction) => Promise<boolean> }) {
  const [title, setTitle] = useState('')
  const [tags, setTags] = useState<string[]>([])
  async function submit(e: FormEvent) {
    e.preventDefault()
    if (!(await run({ type: 'add', body: { title, tags } }))) return
    setTitle('')
    setTags([])
  }
  return (
    <form className="lmap-edit-form" onSubmit={(e) => void submit(e)}>
      <h3>Add a skill or practice</h3>
      <TextField label="Name" value={title} onChange={(e) => setTitle(e.target.value)} required minLength={2} maxLength={80} />
      <TagInput
        label="Tags"
        hint="Posts and people on these tags belong to it; by default its name."
        value={tags}
        onChange={setTags}
        max={10}
      />
      <button type="submit" className="button button-primary">
        Add to the map
      </button>
    </form>
  )
}

function NodeEditor({ slug, map, node, run }: { slug: string; map: LearningMap; node: MapNode; run: (a: MapAction) => Promise<boolean> }) {
  const id = useId()
  const [title, setTitle] = useState(node.title)
  const [tags, setTags] = useState(node.tags)
  const [prerequisite, setPrerequisite] = useState('')
  const [item, setItem] = useState('')
  const attachable = useAttachable(slug, true)
  const byId = new Map(map.nodes.map((n) => [n.id, n]))
  const candidates = map.nodes.filter((n) => n.id !== node.id && !node.prerequisites.includes(n.id))
  const items = (attachable.data?.items ?? []).filter((i) => !node.catalogue.some((c) => c.kind === i.kind && c.id === i.id))
  return (
    <div className="lmap-node-editor">
      <form
        className="lmap-edit-form"
        onSubmit={(e) => {
          e.preventDefault()
          void run({ type: 'change', id: node.id, patch: { title, tags } })
        }}
      >
        <TextField label="Rename" value={title} onChange={(e) => setTitle(e.target.value)} required minLength={2} maxLength={80} />
        <TagInput label="Its tags" value={tags} onChange={setTags} max={10} />
        <div className="lmap-edit-row">
          <button type="submit" className="button">
            Save
          </button>
          <button type="button" className="button button-danger" onClick={() => void run({ type: 'remove', id: node.id })}>
            Remove {node.title}
          </button>
        </div>
      </form>

      <h4>Builds on</h4>
      {node.prerequisites.length === 0 ? (
        <p className="hint">Nothing: it is a foundation.</p>
      ) : (
        <ul className="lmap-chips">
          {node.prerequisites.map((p) => (
            <li key={p}>
              {byId.get(p)?.title}{' '}
              <button
                type="button"
                className="button button-small"
                onClick={() => void run({ type: 'unlink', id: node.id, prerequisiteId: p })}
              >
                Remove link to {byId.get(p)?.title}
              </button>
            </li>
          ))}
        </ul>
      )}
      {candidates.length > 0 && (
        <form
          className="lmap-edit-row"
          onSubmit={(e) => {
            e.preventDefault()
            if (prerequisite) void run({ type: 'link', id: node.id, prerequisiteId: prerequisite })
            setPrerequisite('')
          }}
        >
          <label htmlFor={`${id}-pre`}>{node.title} builds on</label>
          <select id={`${id}-pre`} value={prerequisite} onChange={(e) => setPrerequisite(e.target.value)}>
            <option value="">Choose…</option>
            {candidates.map((n) => (
              <option key={n.id} value={n.id}>
                {n.title}
              </option>
            ))}
          </select>
          <button type="submit" className="button">
            Link
          </button>
        </form>
      )}

      <h4>Catalogue items</h4>
      {node.catalogue.length > 0 && (
        <ul className="lmap-chips">
          {node.catalogue.map((c) => (
            <li key={`${c.kind}:${c.id}`}>
              {c.title}{' '}
              <button
                type="button"
                className="button button-small"
                onClick={() => void run({ type: 'detach', id: node.id, kind: c.kind, refId: c.id })}
              >
                Detach {c.title}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        className="lmap-edit-row"
        onSubmit={(e) => {
          e.preventDefault()
          const [kind, refId] = item.split(':') as [CatalogueKind, string]
          if (refId) void run({ type: 'attach', id: node.id, kind, refId })
          setItem('')
        }}
      >
        <label htmlFor={`${id}-item`}>Attach a lesson, module, quiz or session</label>
        <select id={`${id}-item`} value={item} onChange={(e) => setItem(e.target.value)}>
          <option value="">Choose…</option>
          {items.map((i) => (
            <option key={`${i.kind}:${i.id}`} value={`${i.kind}:${i.id}`}>
              {i.title} ({i.kind})
            </option>
          ))}
        </select>
        <button type="submit" className="button">
          Attach
        </button>
      </form>
    </div>
  )
}

/** Stewards (and admins) edit the map here. */
export function LearningMapEditor({ slug, map }: { slug: string; map: LearningMap }) {
  const action = useMapAction(slug)
  const [editing, setEditing] = useState('')
  const [seeded, setSeeded] = useState<number | null>(null)
  const node = map.nodes.find((n) => n.id === editing)
  async function run(a: MapAction): Promise<boolean> {
    try {
      const result = await action.mutateAsync(a)
      if (a.type === 'seed') setSeeded((result as { added: number }).added)
      if (a.type === 'remove') setEditing('')
      return true
    } catch {
      // Shown by the ErrorAlert below.
      return false
    }
  }
  return (
    <section className="card lmap-editor" aria-labelledby="lmap-editor-heading">
      <h2 id="lmap-editor-heading">Edit the map</h2>
      <p className="hint">You steward this community: its map is yours to shape.</p>
      <ErrorAlert error={action.error} />
      <div className="lmap-edit-row">
        <button type="button" className="button" onClick={() => void run({ type: 'seed' })}>
          Suggest nodes from practices
        </button>
        {seeded !== null && <StatusMessage>{seeded === 0 ? 'No new tags in the practices.' : `Added ${seeded}.`}</StatusMessage>}
      </div>
      <AddNode run={run} />
      {map.nodes.length > 0 && (
        <div className="lmap-edit-form">
          <h3>Change a node</h3>
          <label htmlFor="lmap-edit-node">Node to change</label>
          <select id="lmap-edit-node" value={editing} onChange={(e) => setEditing(e.target.value)}>
            <option value="">Choose…</option>
            {map.nodes.map((n) => (
              <option key={n.id} value={n.id}>
                {n.title}
              </option>
            ))}
          </select>
          {node && <NodeEditor key={node.id} slug={slug} map={map} node={node} run={run} />}
        </div>
      )}
    </section>
  )
}
