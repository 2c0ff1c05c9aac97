import { Link, useParams } from 'react-router-dom'
import { ErrorAlert, Loading } from '../../components/Alerts'
import { Page } from '../../components/Page'
import { useChallenge } from './quiz-api'
import './learning.css'
import './quiz.css'

const percent = (x: number) => `${Math.round(x * 100)}%`

/** A team challenge's progress: the community and its teams in aggregate; names only on a points leaderboard. */
export function ChallengePage() {
  const { id = '' } = useParams()
  const challenge = useChallenge(id)
  if (challenge.isPending) return <Loading />
  if (!challenge.data)
    return (
      <Page title="Challenge not found">
        <ErrorAlert error={challenge.error} />
      </Page>
    )
  const c = challenge.data
  const rows = [...(c.overall ? [{ team: `All of ${c.community.name}`, ...c.overall }] : []), ...c.teams]
  return (
    <Page
      title={`${c.quiz.title}: ${c.community.name}`}
      lead={
        <p className="lead">
          A team challenge from {new Date(c.startsAt).toLocaleDateString()} to {new Date(c.endsAt).toLocaleDateString()}.{' '}
          <Link to={`/learning/quizzes/${c.quiz.id}`}>Take the quiz</Link>
        </p>
      }
    >
      <p data-testid="challenge-mine">
        You: {c.mine.answered} answered, {c.mine.right} right.
      </p>
      {rows.length > 0 ? (
        <div className="table-scroll">
          <table className="quiz-table">
            <caption>Progress so far</caption>
            <thead>
              <tr>
                <th scope="col">Team</th>
                <th scope="col">People</th>
                <th scope="col">Taking part</th>
                <th scope="col">Right on average</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.team}>
                  <th scope="row">{r.team}</th>
                  <td>{r.people}</td>
                  <td>{r.taking}</td>
                  <td>{percent(r.averageRight)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="empty">Too few people to show figures without singling anyone out (at least {c.minAggregate} are needed).</p>
      )}
      {c.withheldTeams > 0 && (
        <p className="meta">
          {c.withheldTeams} {c.withheldTeams === 1 ? 'team is' : 'teams are'} too small to show (fewer than {c.minAggregate} people).
        </p>
      )}
      {c.leaderboard && (
        <section aria-labelledby="leaderboard-heading">
          <h2 id="leaderboard-heading">Points</h2>
          {c.leaderboard.length === 0 ? (
            <p className="empty">No points yet.</p>
          ) : (
            <ol>
              {c.leaderboard.map((p, i) => (
                <li key={`${i}-${p.name}`}>
                  {p.name}: {p.points}
                </li>
              ))}
            </ol>
          )}
        </section>
      )}
    </Page>
  )
}
