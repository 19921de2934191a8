import { useEffect, useRef, useState } from "react";
import {
  Button,
  Caption1,
  Card,
  Dropdown,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Option,
  Skeleton,
  SkeletonItem,
  Spinner,
  Subtitle2,
  Textarea,
  ToggleButton,
  Toolbar,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { CalendarAddRegular, CopyRegular, MailArrowUpRegular, SaveRegular } from "@fluentui/react-icons";
import { noteText } from "../api";
import type { Coach, CoachNote, Draft, Template, Tone } from "../api";
import { kindName, usePane } from "../context";
import { personText, templatize, textToHtml } from "../html";
import { insertAtCursor, openReplyAll } from "../office";
import { useLoad } from "../useLoad";
import { ErrorBar, errorText, isRefusal } from "./ErrorBar";
import type { ErrorAction } from "./ErrorBar";
import { TemplateDialog } from "./TemplateDialog";

const useStyles = makeStyles({
  stack: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  tones: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalXS },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  score: { fontSize: tokens.fontSizeHero700, fontWeight: tokens.fontWeightSemibold, lineHeight: tokens.lineHeightHero700 },
  coachHead: { display: "flex", alignItems: "baseline", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  points: { color: tokens.colorNeutralForeground3, whiteSpace: "nowrap" },
  band: { color: tokens.colorNeutralForeground2 },
  recipient: { display: "flex", flexWrap: "wrap", alignItems: "flex-end", gap: tokens.spacingHorizontalS },
});

export const TONES: { id: Tone; label: string }[] = [
  { id: "warm", label: "Warm" },
  { id: "direct", label: "Direct" },
  { id: "formal", label: "Formal" },
];

const MULTI_THREAD = "multi-thread";

/** Coach calls wait for a pause in typing. */
export const COACH_DEBOUNCE_MS = 500;

function isScored(note: CoachNote | string): note is CoachNote & { points: number; maxPoints: number } {
  return typeof note !== "string" && typeof note.points === "number" && typeof note.maxPoints === "number";
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

type Status = { intent: "success" | "error" | "info"; text: string } | undefined;

export function DraftView({ conversationId, kind, onInvite, onOtherPlay }: { conversationId: string; kind: string; onInvite: () => void; onOtherPlay?: () => void }) {
  const { api, host, kinds } = usePane();
  const styles = useStyles();
  const [tone, setTone] = useState<Tone>("warm");
  const [templateId, setTemplateId] = useState<string | undefined>();
  const [recipient, setRecipient] = useState<string | undefined>();
  const [recipientInput, setRecipientInput] = useState("");
  const recipientField = useRef<HTMLInputElement>(null);
  const draft = useLoad<Draft>(() => api.draft({ conversationId, kind, tone, templateId, recipient }), [api, conversationId, kind, tone, templateId, recipient]);
  const templates = useLoad<Template[]>(() => api.templates(), [api]);
  const [subject, setSubject] = useState("");
  const [body, setBody] = useState("");
  const [edited, setEdited] = useState(false);
  const [coach, setCoach] = useState<Coach | undefined>();
  const [coaching, setCoaching] = useState(false);
  const [status, setStatus] = useState<Status>();
  const [busy, setBusy] = useState(false);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (!draft.data) return;
    setSubject(draft.data.subject);
    setBody(draft.data.bodyText);
    setCoach(draft.data.coach);
    setEdited(false);
  }, [draft.data]);

  // Re-score after a pause in typing; a newer edit cancels the older request.
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

  // A 422 is the API saying this play does not fit the thread as asked: the same request would be
  // refused again, so the bar offers what would change the answer instead of a retry.
  const refused = isRefusal(draft.error);
  const nextStep: ErrorAction | undefined = !refused
    ? undefined
    : kind === MULTI_THREAD
      ? { label: "Enter who to send to", onClick: () => recipientField.current?.focus() }
      : onOtherPlay && { label: "Choose another play", onClick: onOtherPlay };

  const html = () => (edited || !draft.data ? textToHtml(body) : draft.data.bodyHtml);

  // Team leads see which templates get sent; counting must never get in the user's way.
  const countInsert = () => templateId && void api.templateUsage(templateId, "inserted").catch(() => undefined);

  async function insertReply() {
    setBusy(true);
    setStatus(undefined);
    try {
      if (host.kind === "outlook" && host.mode === "compose") {
        await insertAtCursor(html());
        setStatus({ intent: "success", text: "Inserted into your message." });
        countInsert();
      } else if (openReplyAll(html())) {
        setStatus({ intent: "success", text: "Reply-all opened with the draft." });
        countInsert();
      } else {
        // Over the reply form's 32 KB: the API saves the draft as a reply-all in Outlook's Drafts via
        // Graph. It saves its own composition (the request has no field for the edited text).
        const saved = await api.draft({ conversationId, kind, tone, templateId, recipient, saveToOutlook: true });
        setStatus({ intent: "success", text: saved.webLink ? "Too long for the reply form: saved to your Drafts folder." : "Saved to your Drafts folder." });
        countInsert();
      }
    } catch (error) {
      setStatus({ intent: "error", text: errorText(error) });
    } finally {
      setBusy(false);
    }
  }

  async function copy() {
    try {
      const text = `${subject}\n\n${body}`;
      if (typeof ClipboardItem !== "undefined" && navigator.clipboard?.write) {
        await navigator.clipboard.write([
          new ClipboardItem({ "text/plain": new Blob([text], { type: "text/plain" }), "text/html": new Blob([html()], { type: "text/html" }) }),
        ]);
      } else {
        await navigator.clipboard.writeText(text);
      }
      setStatus({ intent: "success", text: "Copied." });
    } catch {
      setStatus({ intent: "error", text: "The browser did not allow copying. Select the text and copy it by hand." });
    }
  }

  return (
    <section className={styles.stack} aria-labelledby="draft-title">
      <Subtitle2 as="h2" id="draft-title">
        {kindName(kinds, kind)}
      </Subtitle2>
      <div role="group" aria-label="Tone" className={styles.tones}>
        {TONES.map((t) => (
          <ToggleButton key={t.id} size="small" checked={tone === t.id} aria-pressed={tone === t.id} onClick={() => setTone(t.id)}>
            {t.label}
          </ToggleButton>
        ))}
      </div>
      {templates.data && templates.data.some((t) => t.kind === kind) && (
        <Field label="Template">
          <Dropdown
            value={templates.data.find((t) => t.id === templateId)?.name ?? "GhostAssist's own draft"}
            selectedOptions={[templateId ?? ""]}
            onOptionSelect={(_, d) => setTemplateId(d.optionValue || undefined)}
          >
            <Option value="">GhostAssist's own draft</Option>
            {templates.data
              .filter((t) => t.kind === kind && !t.archived)
              .map((t) => (
                <Option key={t.id} value={t.id} text={t.name}>
                  {`${t.name}${t.scope === "team" ? " (team)" : ""}`}
                </Option>
              ))}
          </Dropdown>
        </Field>
      )}
      {kind === MULTI_THREAD && (
        <form
          className={styles.recipient}
          onSubmit={(e) => {
            e.preventDefault();
            setRecipient(recipientInput.trim() || undefined);
          }}
        >
          <Field label="Send to (the person who signs off)" hint="Leave empty to let GhostAssist pick from the thread." style={{ flex: "1 1 180px" }}>
            <Input ref={recipientField} type="email" value={recipientInput} onChange={(_, d) => setRecipientInput(d.value)} placeholder="name@their-company.com" />
          </Field>
          <Button type="submit">Redraft</Button>
        </form>
      )}
      {draft.error !== undefined && <ErrorBar error={draft.error} onRetry={refused ? undefined : draft.reload} action={nextStep} title="Could not draft this play" />}
      {draft.loading && !draft.data && (
        <Skeleton aria-label="Drafting">
          <SkeletonItem size={32} style={{ marginBottom: 8 }} />
          <SkeletonItem size={128} />
        </Skeleton>
      )}
      {draft.data && (
        <>
          {draft.loading && <Spinner size="tiny" label="Redrafting…" />}
          {draft.data.warnings?.map((w) => (
            <MessageBar key={w} intent="warning">
              <MessageBarBody>{w}</MessageBarBody>
            </MessageBar>
          ))}
          {draft.data.to.length > 0 && (
            <Caption1 data-testid="draft-to">
              To {draft.data.to.map((a) => personText(a)).join(", ")}
            </Caption1>
          )}
          <Field label="Subject">
            <Input
              value={subject}
              onChange={(_, d) => {
                setSubject(d.value);
                setEdited(true);
              }}
            />
          </Field>
          <Field label="Message">
            <Textarea
              value={body}
              resize="vertical"
              rows={12}
              onChange={(_, d) => {
                setBody(d.value);
                setEdited(true);
              }}
              data-testid="draft-body"
            />
          </Field>
          {coach && <CoachCard coach={coach} busy={coaching} />}
          <Toolbar aria-label="Draft actions" className={styles.actions}>
            {host.kind === "outlook" && (
              <Button appearance="primary" icon={busy ? <Spinner size="tiny" /> : <MailArrowUpRegular />} disabled={busy} onClick={insertReply}>
                Insert reply
              </Button>
            )}
            <Button appearance={host.kind === "outlook" ? "secondary" : "primary"} icon={<CopyRegular />} onClick={copy}>
              Copy
            </Button>
            <Button icon={<SaveRegular />} onClick={() => setSaving(true)}>
              Save as template
            </Button>
            <Button icon={<CalendarAddRegular />} onClick={onInvite}>
              Propose a meeting
            </Button>
          </Toolbar>
          {status && (
            <MessageBar intent={status.intent} role={status.intent === "error" ? "alert" : "status"}>
              <MessageBarBody>{status.text}</MessageBarBody>
            </MessageBar>
          )}
          {saving && (
            <TemplateDialog
              title="Save as template"
              initial={{
                name: `${kindName(kinds, kind)} (${TONES.find((t) => t.id === tone)?.label})`,
                kind,
                subject: templatize(subject, draft.data.facts),
                body: templatize(body, draft.data.facts),
                scope: "personal",
              }}
              onClose={() => setSaving(false)}
              onSaved={(t) => {
                setSaving(false);
                setStatus({ intent: "success", text: `Saved "${t.name}" to your ${t.scope === "team" ? "team's" : "personal"} templates.` });
                templates.reload();
              }}
            />
          )}
        </>
      )}
    </section>
  );
}
