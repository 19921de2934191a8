import { useState } from "react";
import {
  Body1,
  Caption1,
  Card,
  CardHeader,
  Spinner,
  Subtitle2,
  Switch,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { MyOutcomes, TeamOutcomes } from "../api";
import { usePane } from "../context";
import { medianText, numberOf, ratePercent } from "../outcomes";
import { useLoad } from "../useLoad";
import { ErrorBar, errorText } from "./ErrorBar";
import { OutcomeBars } from "./OutcomeBars";

const useStyles = makeStyles({
  stack: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  meta: { color: tokens.colorNeutralForeground2 },
  table: { tableLayout: "auto" },
  wrap: { overflowWrap: "anywhere" },
});

/** Did it work? The user's own figures per play, the tracking switch, and for team leads the team's. */
export function OutcomesView() {
  const { api, me, tracking, setTracking } = usePane();
  const styles = useStyles();
  const mine = useLoad<MyOutcomes>(() => api.outcomes(), [api]);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string>();

  async function toggle(on: boolean) {
    setSaving(true);
    setError(undefined);
    try {
      setTracking((await api.setTracking(on)).tracking);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setSaving(false);
    }
  }

  const total = mine.data?.total;
  return (
    <div className={styles.stack}>
      <Card>
        <CardHeader header={<Subtitle2 as="h2">Tracking</Subtitle2>} />
        <Switch
          checked={tracking}
          disabled={saving}
          onChange={(_, d) => void toggle(d.checked)}
          label={tracking ? "Track the follow-ups I send from GhostAssist" : "Tracking is off"}
        />
        <Caption1 className={styles.meta}>
          A tracked follow-up carries a header naming its play. Only counts are kept (play, template, situation, week): never the text, the subject or who
          it went to.
        </Caption1>
        {error && <Body1 role="alert">{error}</Body1>}
      </Card>
      <Card data-testid="my-outcomes">
        <CardHeader
          header={<Subtitle2 as="h2">Which plays bring them back</Subtitle2>}
          description={
            total && numberOf(total.sent) > 0 ? (
              <Caption1 className={styles.meta}>
                {`${numberOf(total.recovered)} of ${numberOf(total.recovered) + numberOf(total.missed)} of your tracked follow-ups came back within a week`}
                {medianText(total) ? `, ${medianText(total)}` : ""}.
              </Caption1>
            ) : undefined
          }
        />
        {mine.error ? (
          <ErrorBar error={mine.error} onRetry={mine.reload} title="Could not load your figures" />
        ) : !mine.data ? (
          <Spinner size="small" label="Counting…" />
        ) : (
          <OutcomeBars figures={mine.data.plays} label="Your follow-ups per play" testId="my-play-bars" />
        )}
      </Card>
      {me.user.isTeamLead && <TeamOutcomesCard />}
    </div>
  );
}

function TeamOutcomesCard() {
  const { api } = usePane();
  const styles = useStyles();
  const team = useLoad<TeamOutcomes>(() => api.teamOutcomes(), [api]);
  const min = numberOf(team.data?.minimumSends ?? 5);
  return (
    <Card data-testid="team-outcomes">
      <CardHeader
        header={<Subtitle2 as="h2">Your team</Subtitle2>}
        description={
          team.data ? (
            <Caption1 className={styles.meta}>
              {`${numberOf(team.data.people)} ${numberOf(team.data.people) === 1 ? "person" : "people"} · counts only · a rate shows from ${min} sends`}
            </Caption1>
          ) : undefined
        }
      />
      {team.error ? (
        <ErrorBar error={team.error} onRetry={team.reload} title="Could not load the team's figures" />
      ) : !team.data ? (
        <Spinner size="small" label="Counting…" />
      ) : (
        <>
          <OutcomeBars figures={team.data.plays} label="The team's follow-ups per play" minimumSends={min} testId="team-play-bars" />
          <Table size="small" aria-label="The team's figures per template and play" className={styles.table}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell>Template · play</TableHeaderCell>
                <TableHeaderCell>Sent</TableHeaderCell>
                <TableHeaderCell>Came back</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {team.data.rows.map((row) => {
                const rate = ratePercent(row.figures);
                return (
                  <TableRow key={`${row.templateId ?? "none"}-${row.play}`} data-testid="team-row">
                    <TableCell className={styles.wrap}>
                      {row.templateName} · {row.playName}
                    </TableCell>
                    <TableCell>{numberOf(row.figures.sent)}</TableCell>
                    <TableCell>
                      {rate !== undefined
                        ? `${numberOf(row.figures.recovered)} of ${numberOf(row.figures.recovered) + numberOf(row.figures.missed)} (${rate}%)`
                        : `needs ${min} sends`}
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </>
      )}
    </Card>
  );
}
