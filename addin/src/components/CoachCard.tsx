import { useEffect, useRef, useState } from "react";
import { Caption1, Card, Spinner, Subtitle2, makeStyles, tokens } from "@fluentui/react-components";
import { noteText } from "../api";
import type { Coach, CoachNote } from "../api";
import { usePane } from "../context";

const useStyles = makeStyles({
  score: { fontSize: tokens.fontSizeHero700, fontWeight: tokens.fontWeightSemibold, lineHeight: tokens.lineHeightHero700 },
  coachHead: { display: "flex", alignItems: "baseline", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  points: { color: tokens.colorNeutralForeground3, whiteSpace: "nowrap" },
  band: { color: tokens.colorNeutralForeground2 },
});

/** Coach calls wait for a pause in typing. */
export const COACH_DEBOUNCE_MS = 500;

/**
 * The coach's score of the text being edited: the draft's own score until the user edits, then a
 * re-score after each pause in typing (a newer edit cancels the older request).
 */
export function useCoach(initial: Coach, subject: string, body: string, kind: string, edited: boolean) {
  const { api } = usePane();
  const [coach, setCoach] = useState<Coach>(initial);
  const [coaching, setCoaching] = useState(false);

  useEffect(() => setCoach(initial), [initial]);

  const inflight = useRef<AbortController | undefined>(undefined);
  useEffect(() => {
    if (!edited) return;
    const timer = setTimeout(() => {
      inflight.current?.abort();
      const controller = new AbortController();
      inflight.current = controller;
      setCoaching(true);
      api
        .coach(subject, body, kind, controller.signal)
        .then((c) => !controller.signal.aborted && setCoach(c))
        .catch(() => undefined)
        .finally(() => !controller.signal.aborted && setCoaching(false));
    }, COACH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [api, subject, body, kind, edited]);

  return { coach, coaching };
}

function isScored(note: CoachNote): note is CoachNote & { points: number; maxPoints: number } {
  return typeof note.points === "number" && typeof note.maxPoints === "number";
}

export function CoachCard({ coach, busy }: { coach: Coach; busy: boolean }) {
  const styles = useStyles();
  return (
    <Card data-testid="coach" aria-labelledby="coach-title">
      <div className={styles.coachHead}>
        <Subtitle2 as="h2" id="coach-title">
          Reply likelihood
        </Subtitle2>
        {/* Announced on change so a screen-reader user hears the score move while typing. */}
        <span aria-live="polite" aria-atomic="true" className={styles.score} data-testid="coach-score">
          {Math.round(coach.score)}
          <Caption1> / 100</Caption1>
        </span>
        {busy && <Spinner size="extra-tiny" label="Scoring…" />}
      </div>
      {coach.band && <Caption1 className={styles.band}>{coach.band.charAt(0).toUpperCase() + coach.band.slice(1)}</Caption1>}
      {coach.reasons && coach.reasons.length > 0 && (
        <ul className={styles.list} aria-label="Why this score">
          {coach.reasons.map((r, i) => (
            <li key={i}>
              {noteText(r)}
              {isScored(r) && <span className={styles.points}>{` ${r.points}/${r.maxPoints}`}</span>}
            </li>
          ))}
        </ul>
      )}
      {coach.tips && coach.tips.length > 0 && (
        <>
          <Caption1 as="h3" style={{ margin: 0 }}>
            Tips
          </Caption1>
          <ul className={styles.list} aria-label="Tips" data-testid="coach-tips">
            {coach.tips.map((t, i) => (
              <li key={i}>{noteText(t)}</li>
            ))}
          </ul>
        </>
      )}
    </Card>
  );
}
