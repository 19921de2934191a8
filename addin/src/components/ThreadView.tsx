import { useState } from "react";
import {
  Body1,
  Button,
  Caption1,
  Card,
  CardHeader,
  Skeleton,
  SkeletonItem,
  Subtitle2,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { CalendarAddRegular, ChevronDownRegular, ChevronRightRegular, EditRegular } from "@fluentui/react-icons";
import type { AnalyzedMessage, MyOutcomes, Signal, ThreadAnalysis } from "../api";
import { kindName, usePane } from "../context";
import { formatDate } from "../html";
import { recoverySentence } from "../outcomes";
import { useLoad } from "../useLoad";
import { RiskBadge } from "./RiskBadge";

const useStyles = makeStyles({
  stack: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  signals: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  signal: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS },
  quote: {
    margin: 0,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`,
    borderLeft: `3px solid ${tokens.colorBrandStroke1}`,
    backgroundColor: tokens.colorNeutralBackground2,
    whiteSpace: "pre-wrap",
    overflowWrap: "anywhere",
  },
  plays: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  play: { display: "flex", flexWrap: "wrap", alignItems: "center", justifyContent: "space-between", gap: tokens.spacingHorizontalS },
  meta: { color: tokens.colorNeutralForeground2 },
  wrap: { overflowWrap: "anywhere" },
});

export function ThreadSkeleton() {
  return (
    <Skeleton aria-label="Reading the thread">
      <SkeletonItem size={32} style={{ marginBottom: 8 }} />
      <SkeletonItem size={96} style={{ marginBottom: 8 }} />
      <SkeletonItem size={48} />
    </Skeleton>
  );
}

function EvidenceList({ signal, messages }: { signal: Signal; messages: AnalyzedMessage[] }) {
  const styles = useStyles();
  return (
    <>
      {signal.evidence.map((e, i) => {
        const message = messages.find((m) => m.id === e.messageId);
        return (
          <figure key={`${e.messageId}-${i}`} style={{ margin: 0 }}>
            <blockquote className={styles.quote}>{e.quote}</blockquote>
            {message && (
              <Caption1 as="p" className={styles.meta} style={{ margin: 0 }}>
                {message.fromName ?? message.fromAddress} · {formatDate(message.sentDateTime)}
              </Caption1>
            )}
          </figure>
        );
      })}
    </>
  );
}

export function RiskCard({ analysis }: { analysis: ThreadAnalysis }) {
  const styles = useStyles();
  const [open, setOpen] = useState<string | undefined>();
  const signals = [...analysis.signals].sort((a, b) => b.weight - a.weight);
  return (
    <Card data-testid="risk-card" aria-labelledby="risk-title">
      <CardHeader
        header={
          <Subtitle2 as="h2" id="risk-title" className={styles.wrap}>
            {analysis.subject || "(no subject)"}
          </Subtitle2>
        }
        description={
          <Caption1 className={styles.meta}>
            {analysis.awaitingThem === false
              ? `You owe them a reply · they wrote ${analysis.daysSilent} days ago`
              : `${analysis.daysSilent} days silent`}
            {analysis.awaitingThem !== false && analysis.unansweredChases ? ` · ${analysis.unansweredChases} unanswered chases` : ""}
          </Caption1>
        }
      />
      <div>
        <RiskBadge risk={analysis.ghostRisk} size="large" />
      </div>
      {signals.length === 0 ? (
        <Body1>No warning signs in this thread.</Body1>
      ) : (
        <ul className={styles.signals} aria-label="Why">
          {signals.map((s) => {
            const expanded = open === s.code;
            const regionId = `evidence-${s.code}`;
            return (
              <li key={s.code} className={styles.signal} data-testid="signal">
                <Body1 className={styles.wrap}>{s.message}</Body1>
                {s.evidence.length > 0 && (
                  <>
                    <Button
                      appearance="subtle"
                      size="small"
                      icon={expanded ? <ChevronDownRegular /> : <ChevronRightRegular />}
                      aria-expanded={expanded}
                      aria-controls={regionId}
                      onClick={() => setOpen(expanded ? undefined : s.code)}
                      style={{ alignSelf: "flex-start" }}
                    >
                      {expanded ? "Hide the evidence" : "Show the evidence"}
                    </Button>
                    <div id={regionId} hidden={!expanded}>
                      {expanded && <EvidenceList signal={s} messages={analysis.messages} />}
                    </div>
                  </>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </Card>
  );
}

/** "3 of 5 came back within a week" for a play, from the user's own tracked follow-ups. */
function PlayRecord({ outcomes, kind }: { outcomes: MyOutcomes | undefined; kind: string }) {
  const styles = useStyles();
  const sentence = recoverySentence(outcomes?.plays.find((p) => p.key === kind), outcomes?.windowDays);
  return sentence ? (
    <Caption1 className={styles.meta} block data-testid="play-record">
      Your record: {sentence}
    </Caption1>
  ) : null;
}

export function Plays({ analysis, onDraft, onInvite }: { analysis: ThreadAnalysis; onDraft: (kind: string) => void; onInvite: () => void }) {
  const { api, kinds } = usePane();
  const styles = useStyles();
  // The figures are a help, not a need: a failure leaves the plays as they are.
  const outcomes = useLoad<MyOutcomes>(() => api.outcomes(), [api]);
  const first = analysis.recommended[0];
  const others = kinds.filter((k) => k.id !== first?.kind);
  return (
    <section className={styles.stack} aria-labelledby="plays-title">
      {first && (
        <Card appearance="filled-alternative" data-testid="recommended-play">
          <CardHeader
            header={
              <Subtitle2 as="h2" id="plays-title">
                Next play: {kindName(kinds, first.kind)}
              </Subtitle2>
            }
          />
          <Body1 className={styles.wrap}>{first.why}</Body1>
          <PlayRecord outcomes={outcomes.data} kind={first.kind} />
          <div className={styles.play}>
            <Button appearance="primary" icon={<EditRegular />} onClick={() => onDraft(first.kind)}>
              Draft it
            </Button>
            <Button icon={<CalendarAddRegular />} onClick={onInvite}>
              Propose a meeting
            </Button>
          </div>
        </Card>
      )}
      <div>
        <Subtitle2 as="h2" id={first ? "all-plays-title" : "plays-title"} block>
          {first ? "Other plays" : "Plays"}
        </Subtitle2>
        <ul className={styles.plays}>
          {others.map((k) => {
            const why = analysis.recommended.find((r) => r.kind === k.id)?.why ?? k.whenToUse;
            return (
              <li key={k.id} className={styles.play}>
                <span style={{ flex: "1 1 160px" }}>
                  <Text weight="semibold" block>
                    {k.name}
                  </Text>
                  {why && <Caption1 className={styles.meta}>{why}</Caption1>}
                  <PlayRecord outcomes={outcomes.data} kind={k.id} />
                </span>
                <Button size="small" onClick={() => onDraft(k.id)} aria-label={`Draft: ${k.name}`}>
                  Draft
                </Button>
              </li>
            );
          })}
        </ul>
      </div>
    </section>
  );
}
