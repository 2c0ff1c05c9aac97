import type { CsvMapping, CsvPreview } from '../../../shared/collab-imports'
import { TableScroll } from '../../components/TableScroll'

interface Props {
  preview: CsvPreview
  fields: { readonly required: readonly string[]; readonly optional: readonly string[] }
  mapping: CsvMapping
  onChange: (mapping: CsvMapping) => void
}

/** The first rows of the file, and a column chooser for each field (required ones first). */
export function CsvMappingForm({ preview, fields, mapping, onChange }: Props) {
  return (
    <div className="stack">
      <TableScroll label="The first rows of the file">
        <table>
          <caption>
            The first {preview.sample.length} of {preview.rows} rows
          </caption>
          <thead>
            <tr>
              {preview.headers.map((h, i) => (
                <th key={i} scope="col">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {preview.sample.map((row, r) => (
              <tr key={r}>
                {preview.headers.map((_h, c) => (
                  <td key={c}>{row[c] ?? ''}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <fieldset className="fieldset stack">
        <legend>Which column holds each field</legend>
        {[...fields.required, ...fields.optional].map((field) => {
          const required = fields.required.includes(field)
          return (
            <div className="field" key={field}>
              <label htmlFor={`map-${field}`}>
                {field}
                {required ? ' (required)' : ' (optional)'}
              </label>
              <select
                id={`map-${field}`}
                value={mapping[field] ?? ''}
                required={required}
                onChange={(e) => {
                  const next = { ...mapping }
                  if (e.target.value) next[field] = e.target.value
                  else delete next[field]
                  onChange(next)
                }}
              >
                <option value="">{required ? 'Choose a column' : 'None'}</option>
                {preview.headers.map((h) => (
                  <option key={h} value={h}>
                    {h}
                  </option>
                ))}
              </select>
            </div>
          )
        })}
      </fieldset>
    </div>
  )
}
