import { useState, type FormEvent } from 'react'
import { Link, useSearchParams } from 'react-router-dom'
import type { AskResult } from '../../../shared/asks'
import type { SearchResult } from '../../../shared/search'
import { ErrorAlert } from '../../components/Alerts'
import { TextArea, TextField } from '../../components/Fields'
import { Page } from '../../components/Page'
import { TagInput } from '../../components/TagInput'
import { suggestText, useAsk, useAskSuggestions, useResolve } from '../../lib/asks'
import { useCommunities } from '../../lib/communities'
import { AskPosted, AskResolved } from './AskOutcome'
import { CommunityPicker, postableCommunities } from './CommunityPicker'
import { SuggestionPanel } from './SuggestionPanel'
import './ask.css'

type Outcome = { kind: 'posted'; result: AskResult; community: { slug: string; name: string } } | { kind: 'resolved'; result: SearchResult }

/**
 * /ask: pull learning. While the question is typed, the side panel shows what is already known; if one of
 * those answers it, nothing is posted. Otherwise the question goes to a community (suggested from its
 * content) and is offered to the people most likely to answer it.
 */
export function AskPage() {
  // The home page's "What do you need to know?" box opens this page with the question typed (?q=).
  const [params] = useSearchParams()
  const [title, setTitle] = useState(() => (params.get('q') ?? '').slice(0, 300))
  const [body, setBody] = useState('')
  const [tags, setTags] = useState<string[]>([])
  const [picked, setPicked] = useState<string | null>(null)
  const [outcome, setOutcome] = useState<Outcome | null>(null)
  const text = suggestText(title, body)
  const suggestions = useAskSuggestions(text)
  const communities = useCommunities()
  const options = postableCommunities(communities.data?.items ?? [])
  const suggested = (suggestions.data?.communities ?? []).find((s) => options.some((c) => c.slug === s.slug))
  const community = picked ?? suggested?.slug ?? ''
  const resolve = useResolve()
  const ask = useAsk()

  function reset() {
    setTitle('')
    setBody('')
    setTags([])
    setPicked(null)
    setOutcome(null)
    resolve.reset()
    ask.reset()
  }

  function onResolve(result: SearchResult) {
    resolve.mutate(
      { query: text || result.post.title, postId: result.match.id },
      { onSuccess: () => setOutcome({ kind: 'resolved', result }) },
    )
  }

  function submit(event: FormEvent) {
    event.preventDefault()
    const where = options.find((c) => c.slug === community)
    if (!where) return
    ask.mutate(
      { title: title.trim(), body, tags, communitySlug: where.slug },
      { onSuccess: (result) => setOutcome({ kind: 'posted', result, community: { slug: where.slug, name: where.name } }) },
    )
  }

  return (
    <Page
      title="Ask a question"
      lead={
        <p className="lead">
          Someone here probably knows. While you type, see what is already answered; if nothing fits, your question goes to the people who
          have answered similar ones. <Link to="/for-you">Questions for you</Link>
        </p>
      }
    >
      {outcome?.kind === 'posted' && <AskPosted result={outcome.result} community={outcome.community} onAgain={reset} />}
      {outcome?.kind === 'resolved' && <AskResolved result={outcome.result} onAgain={reset} />}
      {!outcome && (
        // One form in three parts: the question, what is already known, then the rest. On a phone the
        // suggestions come right under the question as it is typed, not below the whole form; on a wide
        // screen the two parts of the form stand together on the left and the suggestions beside them.
        <form className="ask-layout" onSubmit={submit} aria-labelledby="ask-form-heading">
          <div className="card stack ask-form-top">
            <h2 id="ask-form-heading">Your question</h2>
            <TextField
              label="Question"
              hint="One sentence, as you would ask a colleague."
              required
              minLength={3}
              maxLength={300}
              value={title}
              onChange={(e) => setTitle(e.target.value)}
            />
          </div>
          <SuggestionPanel
            query={text}
            data={text.length >= 3 ? suggestions.data : undefined}
            fetching={suggestions.isFetching}
            error={suggestions.error}
            onResolve={onResolve}
            resolving={resolve.isPending}
          />
          <div className="card stack ask-form-rest">
            <TextArea
              label="Details"
              hint="What you are trying to do and what you tried. Markdown works. Optional."
              rows={6}
              maxLength={100_000}
              value={body}
              onChange={(e) => setBody(e.target.value)}
            />
            <TagInput label="Tags" hint="Topics, so the right people are asked." value={tags} onChange={setTags} max={10} />
            <CommunityPicker options={options} value={community} picked={picked !== null} suggested={suggested} onPick={setPicked} />
            <ErrorAlert error={communities.error} />
            <ErrorAlert error={ask.error} />
            <ErrorAlert error={resolve.error} />
            <div className="form-actions">
              <button type="submit" className="button button-primary" disabled={ask.isPending}>
                {ask.isPending ? 'Posting…' : 'Post my question'}
              </button>
            </div>
          </div>
        </form>
      )}
    </Page>
  )
}
