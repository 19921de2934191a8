import { useEffect, useRef, useState } from "react";
import {
  Button,
  Caption1,
  FluentProvider,
  Spinner,
  Tab,
  TabList,
  Title3,
  ToggleButton,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { ArrowLeftRegular, WeatherMoonRegular } from "@fluentui/react-icons";
import { ApiError } from "./api";
import type { ApiClient, FollowUpKind, Me, ThreadAnalysis } from "./api";
import { Pane, usePane } from "./context";
import type { PaneContext } from "./context";
import type { Host, OpenItem } from "./office";
import { usePaneTheme } from "./theme";
import { useLoad } from "./useLoad";
import { DraftView } from "./components/DraftView";
import { Boundary } from "./components/Boundary";
import { ErrorBar } from "./components/ErrorBar";
import { InviteView } from "./components/InviteView";
import { Radar } from "./components/Radar";
import { TemplatesView } from "./components/TemplatesView";
import { OutcomesView } from "./components/OutcomesView";
import { rememberSituation } from "./outcomes";
import { Plays, RiskCard, ThreadSkeleton } from "./components/ThreadView";

export type View =
  | { name: "radar" }
  | { name: "templates" }
  | { name: "outcomes" }
  | { name: "thread"; id: string; sub: "risk" | "invite" | { draft: string } };

const useStyles = makeStyles({
  app: { minHeight: "100vh", backgroundColor: tokens.colorNeutralBackground2, color: tokens.colorNeutralForeground1 },
  header: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "center",
    justifyContent: "space-between",
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  brand: { display: "flex", flexDirection: "column" },
  main: {
    padding: tokens.spacingHorizontalM,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    maxWidth: "760px",
    marginInline: "auto",
    ":focus": { outline: "none" },
  },
  meta: { color: tokens.colorNeutralForeground2 },
});

/** First paint of a risk card, for the time-to-first-risk-card figure. */
function markFirstRiskCard() {
  if (performance.getEntriesByName("first-risk-card").length === 0) performance.mark("first-risk-card");
}

function ThreadPage({ view, go }: { view: Extract<View, { name: "thread" }>; go: (v: View) => void }) {
  const { api } = usePane();
  const analysis = useLoad<ThreadAnalysis>(() => api.analysis(view.id), [api, view.id]);
  useEffect(() => {
    if (analysis.data) {
      markFirstRiskCard();
      rememberSituation(analysis.data);
    }
  }, [analysis.data]);
  const at = (sub: Extract<View, { name: "thread" }>["sub"]) => go({ ...view, sub });

  if (view.sub !== "risk")
    return (
      <>
        <Button appearance="subtle" icon={<ArrowLeftRegular />} onClick={() => at("risk")} style={{ alignSelf: "flex-start" }}>
          Back to the thread
        </Button>
        {view.sub === "invite" ? (
          <InviteView conversationId={view.id} />
        ) : (
          <DraftView key={view.sub.draft} conversationId={view.id} kind={view.sub.draft} onInvite={() => at("invite")} onOtherPlay={() => at("risk")} />
        )}
      </>
    );
  if (analysis.error) return <ErrorBar error={analysis.error} onRetry={analysis.reload} title="Could not read this thread" />;
  if (!analysis.data) return <ThreadSkeleton />;
  return (
    <>
      <RiskCard analysis={analysis.data} />
      <Plays analysis={analysis.data} onDraft={(kind) => at({ draft: kind })} onInvite={() => at("invite")} />
    </>
  );
}

export interface ThemeSwitch {
  dark: boolean;
  setDark?: (dark: boolean) => void;
}

export function Shell({ start, theme }: { start: View; theme: ThemeSwitch }) {
  const { host, me } = usePane();
  const styles = useStyles();
  const [view, setView] = useState<View>(start);
  const mainRef = useRef<HTMLElement>(null);
  const go = (next: View) => {
    setView(next);
    window.scrollTo?.(0, 0);
    // The button that was pressed is gone with the old screen: keyboard and screen-reader users
    // continue from the top of the new one.
    requestAnimationFrame(() => mainRef.current?.focus({ preventScroll: true }));
  };
  // The open message's thread has its own tab; a thread picked on the radar stays under Radar.
  const tab = view.name === "templates" || view.name === "outcomes" ? view.name : view.name === "thread" && start.name === "thread" && view.id === start.id ? "thread" : "radar";
  return (
    <>
      <header className={styles.header}>
        <div className={styles.brand}>
          <Title3 as="h1">GhostAssist</Title3>
          <Caption1 className={styles.meta}>
            {host.kind === "browser" ? `Preview on the ${me.sources.mailbox ?? "demo"} mailbox · ${me.user.name}` : me.user.name}
          </Caption1>
        </div>
        <ThemeToggle {...theme} />
      </header>
      <nav aria-label="GhostAssist">
        <TabList
          selectedValue={tab}
          onTabSelect={(_, d) => {
            if (d.value === "radar") go({ name: "radar" });
            else if (d.value === "templates") go({ name: "templates" });
            else if (d.value === "outcomes") go({ name: "outcomes" });
            else if (start.name === "thread") go(start);
          }}
          size="small"
          style={{ paddingInline: tokens.spacingHorizontalS }}
        >
          {start.name === "thread" && <Tab value="thread">This thread</Tab>}
          <Tab value="radar">Radar</Tab>
          <Tab value="templates">Templates</Tab>
          <Tab value="outcomes">Outcomes</Tab>
        </TabList>
      </nav>
      <main className={styles.main} ref={mainRef} tabIndex={-1} aria-label="Content">
        <Boundary resetKey={view}>
          {view.name === "radar" && <Radar onOpen={(id) => go({ name: "thread", id, sub: "risk" })} />}
          {view.name === "templates" && <TemplatesView />}
          {view.name === "outcomes" && <OutcomesView />}
          {view.name === "thread" && <ThreadPage key={view.id} view={view} go={go} />}
        </Boundary>
      </main>
    </>
  );
}

/** Only in a browser: inside Outlook the pane follows the Office theme. */
function ThemeToggle({ dark, setDark }: ThemeSwitch) {
  if (!setDark) return null;
  return (
    <ToggleButton appearance="subtle" icon={<WeatherMoonRegular />} checked={dark} aria-pressed={dark} onClick={() => setDark(!dark)}>
      Dark
    </ToggleButton>
  );
}

/**
 * The open item's conversation as the API's mailbox knows it. Office.js's conversationId can differ
 * from Graph's, so a message with a REST id is looked up by that id; Office's id is the fallback
 * when the mailbox does not know the message (a draft not saved yet, or a preview link).
 */
export async function resolveConversation(api: ApiClient, item?: OpenItem): Promise<string | undefined> {
  if (item?.restId) {
    try {
      return (await api.messageConversation(item.restId)).conversationId;
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 404 && item.conversationId)) throw error;
    }
  }
  return item?.conversationId;
}

/** Loads who the user is, the plays and the open item's thread, then shows that thread or the radar. */
export function App({ api, host, item }: { api: ApiClient; host: Host; item?: OpenItem }) {
  const styles = useStyles();
  const { theme, dark, setDark } = usePaneTheme(host);
  const boot = useLoad<[Me, FollowUpKind[], string | undefined, boolean]>(
    () =>
      Promise.all([
        api.me(),
        api.kinds(),
        resolveConversation(api, item),
        // Unreadable settings mean no tracking: the header is only set on a known yes.
        api.settings().then((s) => s.tracking, () => false),
      ]),
    [api, item],
  );
  const [tracking, setTracking] = useState<boolean | undefined>();
  const pane: PaneContext | undefined = boot.data && {
    api,
    host,
    me: boot.data[0],
    kinds: boot.data[1],
    tracking: tracking ?? boot.data[3],
    setTracking,
  };
  const conversationId = boot.data?.[2];
  const start: View = conversationId ? { name: "thread", id: conversationId, sub: "risk" } : { name: "radar" };
  return (
    <FluentProvider theme={theme} className={styles.app}>
      {pane ? (
        <Pane.Provider value={pane}>
          <Shell start={start} theme={{ dark, setDark }} />
        </Pane.Provider>
      ) : (
        <main className={styles.main}>
          {boot.error ? <ErrorBar error={boot.error} onRetry={boot.reload} title="GhostAssist could not start" /> : <Spinner label="Starting GhostAssist…" />}
        </main>
      )}
    </FluentProvider>
  );
}
