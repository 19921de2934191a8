import { Caption1, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { OutcomeFigures } from "../api";
import { numberOf, ratePercent, recoverySentence } from "../outcomes";

const useStyles = makeStyles({
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  row: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS },
  head: { display: "flex", justifyContent: "space-between", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
  track: {
    display: "flex",
    height: "14px",
    borderRadius: tokens.borderRadiusMedium,
    overflow: "hidden",
    backgroundColor: tokens.colorNeutralBackground3,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  recovered: { backgroundColor: tokens.colorPaletteGreenBackground3 },
  missed: { backgroundColor: tokens.colorPaletteRedBackground3 },
  pending: { backgroundColor: tokens.colorNeutralBackground5 },
  meta: { color: tokens.colorNeutralForeground2 },
  legend: { display: "flex", gap: tokens.spacingHorizontalM, flexWrap: "wrap", color: tokens.colorNeutralForeground2 },
  swatch: { display: "inline-block", width: "10px", height: "10px", marginInlineEnd: tokens.spacingHorizontalXS, borderRadius: "2px" },
});

/**
 * A small bar per play: came back (green), did not (red), still waiting (grey), to the scale of the
 * play sent most. Each bar's numbers are in its text too, so the chart is never the only way to read them.
 */
export function OutcomeBars({ figures, label, minimumSends, testId }: { figures: OutcomeFigures[]; label: string; minimumSends?: number; testId?: string }) {
  const styles = useStyles();
  const shown = figures.filter((f) => numberOf(f.sent) > 0);
  const max = Math.max(1, ...shown.map((f) => numberOf(f.sent)));
  if (shown.length === 0) return <Caption1 className={styles.meta}>No tracked follow-ups yet.</Caption1>;
  return (
    <>
      <ul className={styles.list} aria-label={label} data-testid={testId}>
        {shown.map((f) => {
          const sent = numberOf(f.sent);
          const rate = ratePercent(f);
          const sentence = recoverySentence(f) ?? `${sent} sent`;
          const withheld = minimumSends !== undefined && sent < minimumSends;
          const width = (count: number) => `${(count / max) * 100}%`;
          return (
            <li key={f.key} className={styles.row} data-testid="outcome-bar">
              <div className={styles.head}>
                <Text weight="semibold">{f.label}</Text>
                <Caption1 className={styles.meta}>
                  {withheld ? `${sent} sent: a rate shows from ${minimumSends} sends` : rate !== undefined ? `${rate}%` : `${sent} sent`}
                </Caption1>
              </div>
              <div className={styles.track} aria-hidden="true">
                <div className={styles.recovered} style={{ width: width(numberOf(f.recovered)) }} />
                <div className={styles.missed} style={{ width: width(numberOf(f.missed)) }} />
                <div className={styles.pending} style={{ width: width(numberOf(f.pending)) }} />
              </div>
              <Caption1 className={styles.meta}>{sentence}</Caption1>
            </li>
          );
        })}
      </ul>
      <div className={styles.legend} aria-hidden="true">
        <Caption1>
          <span className={`${styles.swatch} ${styles.recovered}`} />
          came back
        </Caption1>
        <Caption1>
          <span className={`${styles.swatch} ${styles.missed}`} />
          no reply in a week
        </Caption1>
        <Caption1>
          <span className={`${styles.swatch} ${styles.pending}`} />
          still waiting
        </Caption1>
      </div>
    </>
  );
}
