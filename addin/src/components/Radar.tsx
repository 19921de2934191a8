import { Body1, Caption1, Skeleton, SkeletonItem, Subtitle2, makeStyles, tokens } from "@fluentui/react-components";
import type { RadarItem } from "../api";
import { usePane } from "../context";
import { useLoad } from "../useLoad";
import { ErrorBar } from "./ErrorBar";
import { RiskBadge } from "./RiskBadge";

const useStyles = makeStyles({
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  item: {
    width: "100%",
    textAlign: "start",
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXXS,
    padding: tokens.spacingHorizontalM,
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    cursor: "pointer",
    font: "inherit",
    ":hover": { backgroundColor: tokens.colorNeutralBackground1Hover },
    ":focus-visible": { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: "2px" },
  },
  row: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, alignItems: "center" },
  subject: { overflowWrap: "anywhere" },
  meta: { color: tokens.colorNeutralForeground2 },
  title: { marginBottom: tokens.spacingVerticalS },
});

/** Riskiest first; threads without a score keep the API's order after the scored ones. */
export function byRisk(items: RadarItem[]): RadarItem[] {
  return [...items].sort((a, b) => (b.ghostRisk?.score ?? -1) - (a.ghostRisk?.score ?? -1));
}

export function Radar({ onOpen }: { onOpen: (conversationId: string) => void }) {
  const { api } = usePane();
  const styles = useStyles();
  const threads = useLoad(() => api.threads(), [api]);

  if (threads.error) return <ErrorBar error={threads.error} onRetry={threads.reload} title="Could not load your threads" />;
  if (!threads.data)
    return (
      <Skeleton aria-label="Loading your threads">
        {[0, 1, 2].map((i) => (
          <SkeletonItem key={i} size={48} style={{ marginBottom: 8 }} />
        ))}
      </Skeleton>
    );
  const items = byRisk(threads.data.filter((t) => t.awaitingThem !== false));
  if (items.length === 0) return <Body1>Nothing is waiting on the other side. Nice.</Body1>;
  return (
    <section aria-labelledby="radar-title">
      <Subtitle2 as="h2" id="radar-title" block className={styles.title}>
        Waiting on them, riskiest first
      </Subtitle2>
      <ul className={styles.list}>
        {items.map((t) => (
          <li key={t.conversationId}>
            <button type="button" className={styles.item} onClick={() => onOpen(t.conversationId)} data-testid="radar-item">
              <Body1 className={styles.subject}>
                <strong>{t.subject || "(no subject)"}</strong>
              </Body1>
              <span className={styles.row}>
                {t.ghostRisk && <RiskBadge risk={t.ghostRisk} />}
                <Caption1 className={styles.meta}>
                  {[t.contact?.name, t.contact?.company].filter(Boolean).join(", ")}
                  {t.daysSilent != null ? ` · ${t.daysSilent} days silent` : ""}
                  {t.unansweredChases ? ` · ${t.unansweredChases} unanswered` : ""}
                </Caption1>
              </span>
              {t.reasons?.[0] && <Caption1 className={styles.meta}>{t.reasons[0]}</Caption1>}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
