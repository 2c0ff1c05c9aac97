import { useEffect, useState } from 'react'
import { Link } from 'react-router-dom'
import type { ReviewList } from '../../../shared/quiz'
import { ErrorAlert, Loading } from '../../components/Alerts'
import { Page } from '../../components/Page'
import { QuestionCard } from './QuestionCard'
import { useReviews, whenDue } from './quiz-api'
import './learning.css'
import './quiz.css'

/** Spaced retrieval: the questions due now, across quizzes, each answered in place with its feedback. */
export function ReviewPage() {
  const reviews = useReviews()
  // The list is kept as it was when the page opened: answering a card takes it off the server's list, but the
  // learner must still see the feedback here.
  const [items, setItems] = useState<ReviewList['items'] | null>(null)
  useEffect(() => {
    if (reviews.data && items === null) setItems(reviews.data.items)
  }, [reviews.data, items])
  return (
    <Page title="Review" lead={<p className="lead">Questions come back just before you would forget them (FSRS). Answer from memory.</p>}>
      {reviews.isPending && <Loading />}
      <ErrorAlert error={reviews.error} />
      {items && items.length === 0 && (
        <p className="empty">
          Nothing is due.{reviews.data?.nextDue ? ` The next question comes back ${whenDue(reviews.data.nextDue)}.` : ''}{' '}
          <Link to="/learning">Back to learning</Link>
        </p>
      )}
      {items && items.length > 0 && (
        <ol className="quiz-questions">
          {items.map((item) => (
            <QuestionCard key={item.question.id} quizId={item.quiz.id} question={item.question} />
          ))}
        </ol>
      )}
    </Page>
  )
}
