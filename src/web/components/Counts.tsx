import './Counts.css'

/** One figure of a Counts row; `bad` marks a figure that needs attention (errors) when it is not zero. */
export type CountItem = [label: string, n: number, bad?: boolean]

/** A row of labelled figures (an import's report, what a person learned and taught). */
export function Counts({ items }: { items: CountItem[] }) {
  return (
    <dl className="counts">
      {items.map(([label, n, bad]) => (
        <div key={label} className={bad && n > 0 ? 'count count-bad' : 'count'}>
          <dt>{label}</dt>
          <dd>{n}</dd>
        </div>
      ))}
    </dl>
  )
}
