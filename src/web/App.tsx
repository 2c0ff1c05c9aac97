import { ConnectionsPage } from './features/connections/ConnectionsPage'
import { MatchPage } from './features/connections/MatchPage'
import { ProgrammePage } from './features/connections/ProgrammePage'
import { ReflectionPage } from './features/connections/ReflectionPage'
import { Navigate, Outlet, Route, Routes, useLocation, useParams } from 'react-router-dom'
import { ErrorAlert, Loading } from './components/Alerts'
import { Shell } from './components/Shell'
import { AdminPage } from './features/admin/AdminPage'
import { AdminsOnlyPage } from './features/home/AdminsOnlyPage'
import { AskPage } from './features/ask/AskPage'
import { ForYouPage } from './features/ask/ForYouPage'
import { ForgotPage } from './features/auth/ForgotPage'
import { InvitePage } from './features/auth/InvitePage'
import { LoginPage } from './features/auth/LoginPage'
import { ResetPage } from './features/auth/ResetPage'
import { SetupPage } from './features/auth/SetupPage'
import { DirectoryPage } from './features/directory/DirectoryPage'
import { AvailabilityPage } from './features/expertise/AvailabilityPage'
import { HomePage } from './features/home/HomePage'
import { DiscoveredCommunityPage } from './features/insights/DiscoveredCommunityPage'
import { InsightsPage } from './features/insights/InsightsPage'
import { NetworkMapPage } from './features/insights/NetworkMapPage'
import { MyTrajectoryPage, PersonTrajectoryPage } from './features/insights/TrajectoryPages'

import { ExclusionPage } from './features/insights/ExclusionPage'
import { PracticeSpreadPage } from './features/insights/PracticeSpreadPage'
import { PracticesPage } from './features/insights/PracticesPage'
import { ReorgPage } from './features/insights/ReorgPage'
import { TeamPage } from './features/insights/TeamPage'
import { NotFoundPage } from './features/home/NotFoundPage'
import { CommunitiesPage } from './features/communities/CommunitiesPage'
import { CommunityHomePage } from './features/communities/CommunityHomePage'
import { MembersPage } from './features/communities/MembersPage'
import { NewCommunityPage } from './features/communities/NewCommunityPage'
import { RequestsPage } from './features/communities/RequestsPage'
import { SettingsPage } from './features/communities/SettingsPage'
import { LearnedFromPage } from './features/knowledge/LearnedFromPage'
import { ChallengePage } from './features/learning/ChallengePage'
import { LearningMapPage } from './features/learning/LearningMapPage'
import { LearningPage } from './features/learning/LearningPage'
import { LessonEditor } from './features/learning/LessonEditor'
import { LessonPage } from './features/learning/LessonPage'
import { PlayerPage } from './features/learning/PlayerPage'
import { QuizEditor } from './features/learning/QuizEditor'
import { QuizPage } from './features/learning/QuizPage'
import { ReviewPage } from './features/learning/ReviewPage'
import { SessionPage } from './features/learning/SessionPage'
import { SimulationEditor } from './features/learning/SimulationEditor'
import { SimulationPage } from './features/learning/SimulationPage'
import { NewPostPage } from './features/knowledge/NewPostPage'
import { ThreadPage } from './features/knowledge/ThreadPage'
import { FlagsPage } from './features/knowledge/FlagsPage'
import { NotificationsPage } from './features/notifications/NotificationsPage'
import { OrgChartPage } from './features/org/OrgChartPage'
import { SearchPage } from './features/search/SearchPage'
import { MyProfilePage } from './features/profile/MyProfilePage'
import { PersonPage } from './features/profile/PersonPage'
import { useSession } from './lib/session'

/** Pages for logged-in people; others are sent to the login page and brought back afterwards. */
function RequireViewer({ loggedIn }: { loggedIn: boolean }) {
  const location = useLocation()
  if (!loggedIn) {
    const next = location.pathname + location.search
    return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />
  }
  return <Outlet />
}

function RequireAdmin({ isAdmin }: { isAdmin: boolean }) {
  return isAdmin ? <Outlet /> : <AdminsOnlyPage />
}

/** Insights are for managers and admins; to anyone else they do not exist. */
function RequireManager({ allowed }: { allowed: boolean }) {
  return allowed ? <Outlet /> : <NotFoundPage />
}

/** The learned-from page's old address ("learning" now names the learning catalogue), from old links. */
function ToLearnedFrom() {
  const { id = '' } = useParams()
  return <Navigate to={`/people/${encodeURIComponent(id)}/learned-from`} replace />
}

export function App() {
  const session = useSession()
  if (session.isPending) {
    return (
      <main id="main" className="auth">
        <Loading />
      </main>
    )
  }
  if (session.isError) {
    return (
      <main id="main" className="auth">
        <h1>Wellspring is not reachable</h1>
        <ErrorAlert error={session.error} />
      </main>
    )
  }
  const { setupNeeded, viewer } = session.data
  if (setupNeeded) {
    // Nothing else makes sense before the first admin exists.
    return (
      <Routes>
        <Route path="/setup" element={<SetupPage />} />
        <Route path="*" element={<Navigate to="/setup" replace />} />
      </Routes>
    )
  }
  return (
    <Routes>
      <Route path="/setup" element={<Navigate to="/" replace />} />
      <Route path="/login" element={<LoginPage />} />
      <Route path="/forgot" element={<ForgotPage />} />
      <Route path="/reset/:token" element={<ResetPage />} />
      <Route path="/invite/:token" element={<InvitePage />} />
      <Route element={<RequireViewer loggedIn={viewer !== null} />}>
        <Route element={<Shell />}>
          <Route index element={<HomePage />} />
          <Route path="/me" element={<MyProfilePage />} />
          <Route path="/people/:id" element={<PersonPage />} />
          <Route path="/directory" element={<DirectoryPage />} />
          <Route path="/org" element={<OrgChartPage />} />
          <Route path="/communities" element={<CommunitiesPage />} />
          <Route path="/communities/new" element={<NewCommunityPage />} />
          <Route path="/communities/:slug" element={<CommunityHomePage />} />
          <Route path="/communities/:slug/members" element={<MembersPage />} />
          <Route path="/communities/:slug/requests" element={<RequestsPage />} />
          <Route path="/communities/:slug/settings" element={<SettingsPage />} />
          <Route path="/communities/:slug/learning-map" element={<LearningMapPage />} />
          <Route path="/communities/:slug/new" element={<NewPostPage />} />
          <Route path="/posts/:id" element={<ThreadPage />} />
          <Route path="/people/:id/learned-from" element={<LearnedFromPage />} />
          <Route path="/people/:id/learning" element={<ToLearnedFrom />} />
          <Route path="/search" element={<SearchPage />} />
          <Route path="/flags" element={<FlagsPage />} />
          <Route path="/learning" element={<LearningPage />} />
          <Route path="/connections" element={<ConnectionsPage />} />
          <Route path="/connections/programmes/:id" element={<ProgrammePage />} />
          <Route path="/connections/programmes/:id/reflection" element={<ReflectionPage />} />
          <Route path="/connections/matches/:id" element={<MatchPage />} />
          <Route path="/learning/sessions/:id" element={<SessionPage />} />
          <Route path="/learning/lessons/new" element={<LessonEditor />} />
          <Route path="/learning/lessons/:id/edit" element={<LessonEditor />} />
          <Route path="/learning/lessons/:id" element={<LessonPage />} />
          <Route path="/learning/quizzes/:id" element={<QuizPage />} />
          <Route path="/learning/quizzes/:id/edit" element={<QuizEditor />} />
          <Route path="/learning/review" element={<ReviewPage />} />
          <Route path="/learning/challenges/:id" element={<ChallengePage />} />
          <Route path="/learning/simulations/new" element={<SimulationEditor />} />
          <Route path="/learning/simulations/:id/edit" element={<SimulationEditor />} />
          <Route path="/learning/simulations/:id" element={<SimulationPage />} />
          <Route path="/learning/:id" element={<PlayerPage />} />
          <Route path="/notifications" element={<NotificationsPage />} />
          <Route path="/ask" element={<AskPage />} />
          <Route path="/for-you" element={<ForYouPage />} />
          <Route path="/settings/availability" element={<AvailabilityPage />} />
          <Route path="/me/trajectory" element={<MyTrajectoryPage />} />
          <Route element={<RequireAdmin isAdmin={viewer?.isAdmin ?? false} />}>
            <Route path="/admin" element={<AdminPage />} />
          </Route>
          <Route element={<RequireManager allowed={(viewer?.isManager ?? false) || (viewer?.isAdmin ?? false)} />}>
            <Route path="/insights" element={<InsightsPage />} />
            <Route path="/insights/communities/:id" element={<DiscoveredCommunityPage />} />
            <Route path="/insights/map" element={<NetworkMapPage />} />
            <Route path="/insights/people/:id/trajectory" element={<PersonTrajectoryPage />} />

            <Route path="/insights/team" element={<TeamPage />} />
            <Route path="/insights/exclusion" element={<ExclusionPage />} />
            <Route path="/insights/reorg" element={<ReorgPage />} />
            <Route path="/insights/practices" element={<PracticesPage />} />
            <Route path="/insights/practices/:id" element={<PracticeSpreadPage />} />
          </Route>
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Route>
    </Routes>
  )
}
