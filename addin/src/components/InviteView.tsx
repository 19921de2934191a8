import { useRef, useState } from "react";
import {
  Body1,
  Button,
  Caption1,
  Card,
  CardHeader,
  Field,
  Link,
  Radio,
  RadioGroup,
  Select,
  Skeleton,
  SkeletonItem,
  Spinner,
  Subtitle2,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { ArrowDownloadRegular, CalendarCheckmarkRegular, CalendarAddRegular } from "@fluentui/react-icons";
import type { Invite, InviteRequest, Proposals, Slot } from "../api";
import { usePane } from "../context";
import { formatRange, formatWhen, personText } from "../html";
import { openAppointmentForm, userTimeZone } from "../office";
import { useLoad } from "../useLoad";
import { ErrorBar } from "./ErrorBar";

const useStyles = makeStyles({
  stack: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  meta: { color: tokens.colorNeutralForeground2 },
});

const DURATIONS = [30, 45, 60];

function slotKey(slot: Slot): string {
  return `${slot.start}|${slot.end}`;
}

export function InviteView({ conversationId }: { conversationId: string }) {
  const { api, host } = usePane();
  const styles = useStyles();
  const [duration, setDuration] = useState(30);
  // The user's zone, read once: slots fall in their working hours and the form shows their clock.
  const [request] = useState<InviteRequest>(() => ({ conversationId, timeZone: userTimeZone() }));
  const proposals = useLoad<Proposals>(() => api.proposals(request, duration), [api, request, duration]);
  const [selected, setSelected] = useState<string | undefined>();
  const [invite, setInvite] = useState<Invite | undefined>();
  const [failure, setFailure] = useState<{ error: unknown; retry: () => void; title: string }>();
  const [busy, setBusy] = useState(false);
  const [opening, setOpening] = useState(false);
  // One key per chosen slot: a double click or a retry after a lost answer replays, never doubles.
  const keys = useRef(new Map<string, string>());

  const slots = proposals.data?.slots ?? [];
  const slot = slots.find((s) => slotKey(s) === selected) ?? slots[0];

  async function create() {
    if (!slot) return;
    const key = slotKey(slot);
    if (!keys.current.has(key)) keys.current.set(key, crypto.randomUUID());
    setBusy(true);
    setFailure(undefined);
    try {
      setInvite(await api.createInvite(request, slot, keys.current.get(key)!));
    } catch (e) {
      setFailure({ error: e, retry: () => void create(), title: "The invite was not created" });
    } finally {
      setBusy(false);
    }
  }

  // Outlook's own meeting form, filled with exactly what Create invite would send; the user edits
  // and sends it there, so nothing is created here.
  async function openInOutlook() {
    if (!slot) return;
    setOpening(true);
    setFailure(undefined);
    try {
      const preview = await api.previewInvite(request, slot);
      openAppointmentForm({
        subject: preview.subject,
        start: new Date(preview.start),
        end: new Date(preview.end),
        requiredAttendees: preview.attendees.map((a) => a.address).filter((a): a is string => !!a),
        body: preview.bodyText,
      });
    } catch (e) {
      setFailure({ error: e, retry: () => void openInOutlook(), title: "Outlook's meeting form did not open" });
    } finally {
      setOpening(false);
    }
  }

  if (invite)
    return (
      <Card data-testid="invite-confirmation" aria-labelledby="invite-done">
        <CardHeader
          image={<CalendarCheckmarkRegular fontSize={24} aria-hidden />}
          header={
            <Subtitle2 as="h2" id="invite-done">
              Invite created
            </Subtitle2>
          }
          description={<Caption1 className={styles.meta}>{invite.subject}</Caption1>}
        />
        <Body1>{`${formatRange(invite.start, invite.end, proposals.data?.timeZone)}${proposals.data?.timeZone ? ` (${proposals.data.timeZone})` : ""}`}</Body1>
        {invite.attendees.length > 0 && <Caption1>With {invite.attendees.map((a) => personText(a, true)).join(", ")}</Caption1>}
        <div className={styles.actions}>
          {invite.icsUrl && (
            <Button as="a" href={invite.icsUrl} download={`${invite.subject || "invite"}.ics`} appearance="primary" icon={<ArrowDownloadRegular />}>
              Download .ics
            </Button>
          )}
          {invite.webLink && (
            <Link href={invite.webLink} target="_blank" rel="noreferrer">
              Open in Outlook calendar
            </Link>
          )}
        </div>
      </Card>
    );

  return (
    <section className={styles.stack} aria-labelledby="invite-title">
      <Subtitle2 as="h2" id="invite-title">
        Propose a meeting
      </Subtitle2>
      <Field label="Length">
        <Select value={String(duration)} onChange={(_, d) => setDuration(Number(d.value))}>
          {DURATIONS.map((d) => (
            <option key={d} value={d}>{`${d} minutes`}</option>
          ))}
        </Select>
      </Field>
      {proposals.error !== undefined && <ErrorBar error={proposals.error} onRetry={proposals.reload} title="No times to propose" />}
      {proposals.loading && (
        <Skeleton aria-label="Finding free times">
          <SkeletonItem size={24} style={{ marginBottom: 8 }} />
          <SkeletonItem size={24} style={{ marginBottom: 8 }} />
          <SkeletonItem size={24} />
        </Skeleton>
      )}
      {!proposals.loading && proposals.data && (
        <>
          {proposals.data.reason && <Body1>{proposals.data.reason}</Body1>}
          <Field label={`Free times (${proposals.data.timeZone})`}>
            <RadioGroup value={slot ? slotKey(slot) : undefined} onChange={(_, d) => setSelected(d.value)} data-testid="slots">
              {slots.map((s) => (
                <Radio key={slotKey(s)} value={slotKey(s)} label={s.label ?? `${formatWhen(s.start, proposals.data?.timeZone)}`} />
              ))}
            </RadioGroup>
          </Field>
          <div className={styles.actions}>
            <Button appearance="primary" icon={busy ? <Spinner size="tiny" /> : <CalendarAddRegular />} disabled={!slot || busy} onClick={create}>
              Create invite
            </Button>
            {host.kind === "outlook" && (
              <Button disabled={!slot || opening} icon={opening ? <Spinner size="tiny" /> : undefined} onClick={() => void openInOutlook()}>
                Open meeting form
              </Button>
            )}
          </div>
        </>
      )}
      {failure && <ErrorBar error={failure.error} onRetry={failure.retry} title={failure.title} />}
    </section>
  );
}
