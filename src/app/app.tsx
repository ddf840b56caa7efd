/**
 * The shell: session gate, app lock, router and the update prompt. While the lock is on (or asks for
 * a PIN) no screen is mounted, so no resident's data is in the page; the 巡查中 banner stays
 * mounted, hidden, because it keeps the running patrol's GPS recording. Only the home list ships in the first
 * chunk; login, forms, detail (and the printed papers beyond it), settings and the map (with maplibre-gl) are lazy route chunks (all
 * precached by the service worker, so they open offline too).
 */

import { useEffect } from 'preact/hooks';
import lazy, { ErrorBoundary } from 'preact-iso/lazy';
import { LocationProvider, Route, Router, useLocation } from 'preact-iso/router';
import { UpdatePrompt } from './components/update-prompt';
import { activePatrolId } from './lib/active-patrol';
import { lockState } from './lock/lock-state';
import { HomeScreen } from './screens/home-screen';
import { session } from './status/session';

/** A lazy screen that needs the strings of the screens beyond home (i18n/screen-messages.ts). */
function withScreenMessages<T>(load: () => Promise<T>): () => Promise<T> {
  return () => Promise.all([import('./i18n/screen-messages'), load()]).then(([, screen]) => screen);
}

const LoginScreen = lazy(() => import('./screens/login-screen').then((m) => m.LoginScreen));
const LockScreen = lazy(() => import('./lock/lock-screen').then((m) => m.LockScreen));
const SetPinScreen = lazy(() => import('./lock/set-pin-screen').then((m) => m.SetPinScreen));
const RecordFormScreen = lazy(
  withScreenMessages(() => import('./screens/record-form-screen').then((m) => m.RecordFormScreen)),
);
const DetailScreen = lazy(
  withScreenMessages(() => import('./screens/detail-screen').then((m) => m.DetailScreen)),
);
const ConflictScreen = lazy(
  withScreenMessages(() => import('./screens/conflict-screen').then((m) => m.ConflictScreen)),
);
const MapScreen = lazy(withScreenMessages(() => import('./screens/map-screen').then((m) => m.MapScreen)));
const PatrolStartScreen = lazy(
  withScreenMessages(() => import('./screens/patrol-start-screen').then((m) => m.PatrolStartScreen)),
);
const PatrolScreen = lazy(
  withScreenMessages(() => import('./screens/patrol-screen').then((m) => m.PatrolScreen)),
);
// The GPS recording, the wake lock and the 巡查中 banner: loaded only while a patrol runs.
const PatrolBanner = lazy(
  withScreenMessages(() => import('./patrol/patrol-banner').then((m) => m.PatrolBanner)),
);
const OverviewScreen = lazy(
  withScreenMessages(() => import('./screens/overview-screen').then((m) => m.OverviewScreen)),
);
const SettingsScreen = lazy(
  withScreenMessages(() => import('./screens/settings-screen').then((m) => m.SettingsScreen)),
);

/** Unknown paths (an old bookmark, a typo) go home instead of a blank page. */
function GoHome() {
  const { route } = useLocation();
  useEffect(() => route('/', true), [route]);
  return null;
}

function Routes() {
  return (
    <Router>
      <Route path="/" component={HomeScreen} />
      <Route path="/login" component={LoginScreen} />
      <Route path="/new/:kind" component={RecordFormScreen} />
      <Route path="/records/:id" component={DetailScreen} />
      <Route path="/records/:id/edit" component={RecordFormScreen} />
      <Route path="/records/:id/resolve" component={ConflictScreen} />
      {/* 打印文书: the detail chunk loads the print screen, so home carries no route chunk for it. */}
      <Route path="/records/:id/print/:paper" component={DetailScreen} />
      <Route path="/patrol/start" component={PatrolStartScreen} />
      <Route path="/patrol" component={PatrolScreen} />
      <Route path="/settings" component={SettingsScreen} />
      <Route path="/map" component={MapScreen} />
      <Route path="/overview" component={OverviewScreen} />
      <Route default component={GoHome} />
    </Router>
  );
}

/** What the signed-in user sees: the app once unlocked, else the lock (nothing while it decides). */
function Gate() {
  switch (lockState.value) {
    case 'unlocked':
      return <Routes />;
    case 'locked':
      return <LockScreen />;
    case 'set-pin':
      return <SetPinScreen />;
    default:
      return null;
  }
}

export function App() {
  // undefined: still reading the stored session (a few ms from IndexedDB) — render nothing rather than flash the login.
  if (session.value === undefined) return null;
  return (
    <LocationProvider>
      <ErrorBoundary>{session.value === null ? <LoginScreen /> : <Gate />}</ErrorBoundary>
      {session.value && activePatrolId.value && (
        <div hidden={lockState.value !== 'unlocked'}>
          <ErrorBoundary>
            <PatrolBanner />
          </ErrorBoundary>
        </div>
      )}
      <UpdatePrompt />
    </LocationProvider>
  );
}
