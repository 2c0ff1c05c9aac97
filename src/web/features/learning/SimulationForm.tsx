import { addChoice, addSituation, removeChoice, removeSituation, updateChoice, updateSituation, type Draft } from './simulation-draft'
import { ChoiceFields, SituationFields } from './SimulationFields'

/**
 * The accessible way to author: situations and their choices as lists of fields, so everything the graph
 * does (add, connect, edit, remove) is reachable with the keyboard and a screen reader.
 */
export function SimulationForm({ draft, onChange }: { draft: Draft; onChange: (d: Draft) => void }) {
  return (
    <div className="sim-form">
      <ol className="sim-form-list">
        {draft.situations.map((s) => {
          const out = draft.choices.filter((c) => c.from === s.key)
          return (
            <li key={s.key}>
              <fieldset className="sim-situation-fieldset">
                <legend>{s.title || s.key}</legend>
                <SituationFields
                  situation={s}
                  isStart={draft.start === s.key}
                  onChange={(patch) => onChange(updateSituation(draft, s.key, patch))}
                  onMakeStart={() => onChange({ ...draft, start: s.key })}
                  onRemove={() => onChange(removeSituation(draft, s.key))}
                />
                {!s.ending && (
                  <>
                    <h3 className="sim-choices-heading">Choices from “{s.title}”</h3>
                    {out.length === 0 && <p className="hint">No choices yet: a situation that is not an ending needs at least one.</p>}
                    <ul className="sim-form-choices">
                      {out.map((c) => (
                        <li key={c.key}>
                          <ChoiceFields
                            choice={c}
                            situations={draft.situations}
                            onChange={(patch) => onChange(updateChoice(draft, c.key, patch))}
                            onRemove={() => onChange(removeChoice(draft, c.key))}
                          />
                        </li>
                      ))}
                    </ul>
                    <button
                      type="button"
                      className="button button-quiet"
                      onClick={() => {
                        const to = draft.situations.find((t) => t.key !== s.key)?.key ?? s.key
                        onChange(addChoice(draft, s.key, to)[0])
                      }}
                    >
                      Add a choice from “{s.title}”
                    </button>
                  </>
                )}
              </fieldset>
            </li>
          )
        })}
      </ol>
      <button type="button" className="button button-quiet" onClick={() => onChange(addSituation(draft)[0])}>
        Add a situation
      </button>
    </div>
  )
}
