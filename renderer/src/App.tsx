import { lazy, Suspense, useState } from 'react';
import { LiveUpdatesProvider } from './hooks/live-updates';
import { EngineStatusProvider, useEngineStatus } from './features/shell/engine-status';
import { ConnectionBanner, ConnectionProvider } from './features/shell/connection';
import { LocaleFormatsProvider } from './hooks/locale-formats';
import { AppHeader } from './features/shell/AppHeader';
import { PausedBanner } from './features/shell/PausedBanner';
import { NotCancelledBanner } from './features/shell/NotCancelledBanner';
import { ResumeReviewDialog } from './features/shell/ResumeReviewDialog';
import { TodayScreen } from './features/today/TodayScreen';
import { NextContactsScreen } from './features/next-contacts/NextContactsScreen';
import { ImportScreen } from './features/import/ImportScreen';
import { SettingsScreen } from './features/settings/SettingsScreen';
import { AuditScreen } from './features/audit/AuditScreen';
import { CoverageScreen } from './features/coverage/CoverageScreen';
import { SenderDownBanner } from './features/coverage/SenderDownBanner';
import { InboxScreen } from './features/inbox/InboxScreen';
import { SourcesScreen } from './features/sources/SourcesScreen';
import { ScheduleStaleBanner } from './features/sources/ScheduleStaleBanner';
import type { ScopeRef } from '../../shared/domain/staff';
import { ScopedPauseBar } from './features/staff/ScopedPauseBar';
import { UndoToastHost } from './features/staff/undo';
import './styles/app.css';

// Loaded when first opened: the chart library is most of its weight (docs/reports.md).
const ReportsScreen = lazy(() => import('./features/reports/ReportsScreen').then((m) => ({ default: m.ReportsScreen })));

const SCREENS = [
  ['today', 'Today'],
  ['inbox', 'Inbox'],
  ['next', 'Next contacts'],
  ['coverage', 'Coverage'],
  ['import', 'Import'],
  ['sources', 'Sources'],
  ['reports', 'Reports'],
  ['settings', 'Settings'],
  ['audit', 'Audit log'],
] as const;
export type ScreenId = (typeof SCREENS)[number][0];

/** The app shell: header with the kill switch, the paused banner on every screen, navigation. Needs an ApiProvider above it. */
export function App({ initialScreen = 'today' }: Readonly<{ initialScreen?: ScreenId }>) {
  const [screen, setScreen] = useState<ScreenId>(initialScreen);
  const [reviewing, setReviewing] = useState(false);
  const openReview = () => setReviewing(true);
  // The resume review of one paused provider or channel (docs/control.md#resume-review).
  const [reviewingScope, setReviewingScope] = useState<ScopeRef | null>(null);
  const nav = (
    <nav className="tabs" aria-label="Screens">
      {SCREENS.map(([id, label]) => (
        <button key={id} type="button" className="tab" aria-current={screen === id ? 'page' : undefined} onClick={() => setScreen(id)}>
          {label}
        </button>
      ))}
    </nav>
  );
  return (
    <ConnectionProvider>
      <LiveUpdatesProvider>
        <EngineStatusProvider>
          <ClinicLocale>
            <div className="app">
              <AppHeader
                onReviewResume={openReview}
                onOpenCoverage={() => setScreen('coverage')}
                nav={nav}
                scopedPauses={<ScopedPauseBar onReviewResume={setReviewingScope} />}
              />
              <ConnectionBanner />
              <PausedBanner onReviewResume={openReview} />
              <NotCancelledBanner />
              <SenderDownBanner />
              <ScheduleStaleBanner onOpenSources={() => setScreen('sources')} />
              <main className="main">
                <Screen id={screen} />
              </main>
              {reviewing ? <ResumeReviewDialog onClose={() => setReviewing(false)} /> : null}
              {reviewingScope ? <ResumeReviewDialog scope={reviewingScope} onClose={() => setReviewingScope(null)} /> : null}
              <UndoToastHost />
            </div>
          </ClinicLocale>
        </EngineStatusProvider>
      </LiveUpdatesProvider>
    </ConnectionProvider>
  );
}

/** Formats follow the OS locale (app) or the browser's (web host), and the clinic's country for phone numbers. */
function ClinicLocale({ children }: Readonly<{ children: React.ReactNode }>) {
  const { status } = useEngineStatus();
  const languages = typeof navigator === 'undefined' ? [] : navigator.languages;
  return (
    <LocaleFormatsProvider languages={languages} country={status?.country}>
      {children}
    </LocaleFormatsProvider>
  );
}

function Screen({ id }: Readonly<{ id: ScreenId }>) {
  switch (id) {
    case 'today':
      return <TodayScreen />;
    case 'inbox':
      return <InboxScreen />;
    case 'next':
      return <NextContactsScreen />;
    case 'coverage':
      return <CoverageScreen />;
    case 'import':
      return <ImportScreen />;
    case 'sources':
      return <SourcesScreen />;
    case 'settings':
      return <SettingsScreen />;
    case 'reports':
      return (
        <Suspense fallback={<p role="status">Loading reports…</p>}>
          <ReportsScreen />
        </Suspense>
      );
    case 'audit':
      return <AuditScreen />;
    default: {
      const never: never = id;
      throw new Error(`unknown screen ${String(never)}`);
    }
  }
}
