import { useState } from "react";
import { Button, MessageBar, MessageBarBody, Spinner, Toolbar, makeStyles, tokens } from "@fluentui/react-components";
import { AlertRegular, CalendarAddRegular, CopyRegular, DraftsRegular, MailArrowUpRegular, SaveRegular } from "@fluentui/react-icons";
import type { Draft, DraftRequest, Tone } from "../api";
import { trackingMarker } from "../api";
import { kindName, usePane } from "../context";
import { formatDay, templatize } from "../html";
import { insertAtCursor, openReplyAll, setTrackingHeader, userTimeZone } from "../office";
import { situationOf } from "../outcomes";
import { errorText } from "./ErrorBar";
import { toneLabel } from "./DraftChoices";
import { TemplateDialog } from "./TemplateDialog";

const useStyles = makeStyles({
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
});

type Status = { intent: "success" | "error" | "info"; text: string } | undefined;

/** What the user does with the (edited) draft: insert it, copy it, keep it as a template, or meet instead. */
export function DraftActions({
  draft,
  request,
  subject,
  body,
  html,
  tone,
  onInvite,
  onTemplateSaved,
}: {
  draft: Draft;
  /** The request the draft came from (its thread, play and template). */
  request: DraftRequest & { kind: string };
  subject: string;
  body: string;
  html: () => string;
  tone: Tone;
  onInvite: () => void;
  onTemplateSaved: () => void;
}) {
  const { api, host, kinds, tracking } = usePane();
  const styles = useStyles();
  const [status, setStatus] = useState<Status>();
  const [busy, setBusy] = useState(false);
  const [saving, setSaving] = useState(false);
  // After the draft has left the pane (inserted, opened, saved or copied): offer the Outlook reminder.
  const [sentOff, setSentOff] = useState(false);
  const [reminder, setReminder] = useState<Status>();
  const [reminding, setReminding] = useState(false);
  const { kind, templateId } = request;

  // Team leads see which templates get sent; counting must never get in the user's way.
  const countInsert = () => templateId && void api.templateUsage(templateId, "inserted").catch(() => undefined);

  async function insertReply() {
    setBusy(true);
    setStatus(undefined);
    try {
      if (host.kind === "outlook" && host.mode === "compose") {
        await insertAtCursor(html());
        const marked = tracking ? await setTrackingHeader(trackingMarker(kind, situationOf(request.conversationId ?? ""), templateId)) : "off";
        setStatus({
          intent: "success",
          text:
            marked === "set"
              ? "Inserted into your message. It is tracked: GhostAssist will count whether they come back."
              : marked === "off"
                ? "Inserted into your message."
                : "Inserted into your message. This Outlook cannot mark it as tracked, so it will not be counted.",
        });
        setSentOff(true);
        countInsert();
      } else if (openReplyAll(html())) {
        setStatus({ intent: "success", text: "Reply-all opened with the draft." });
        setSentOff(true);
        countInsert();
      } else {
        // Over the reply form's 32 KB: the API saves the text the user sees as a reply-all in Outlook's Drafts via Graph.
        const saved = await saveToDrafts();
        setStatus({ intent: "success", text: saved.webLink ? "Too long for the reply form: saved to your Drafts folder." : "Saved to your Drafts folder." });
        setSentOff(true);
        countInsert();
      }
    } catch (error) {
      setStatus({ intent: "error", text: errorText(error) });
    } finally {
      setBusy(false);
    }
  }

  /**
   * The subject and text as the user sees them (edited or not): never a new draft. The play and
   * template go with them, so the saved draft is tracked like an inserted one (the API leaves the
   * header off when the user turned tracking off).
   */
  const saveToDrafts = () => api.saveToDrafts({ conversationId: request.conversationId, subject, bodyText: body, kind, templateId });

  async function saveDrafts() {
    setBusy(true);
    setStatus(undefined);
    try {
      await saveToDrafts();
      setStatus({ intent: "success", text: "Saved to your Drafts folder, as you see it here." });
      countInsert();
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
      setSentOff(true);
    } catch {
      setStatus({ intent: "error", text: "The browser did not allow copying. Select the text and copy it by hand." });
    }
  }

  async function remind() {
    if (!request.conversationId || !draft.askBy) return;
    setReminding(true);
    setReminder(undefined);
    try {
      const flag = await api.remind(request.conversationId, draft.askBy, userTimeZone());
      setReminder({ intent: "success", text: `Flagged in Outlook: it reminds you on ${formatDay(flag.dueDate)} if they have not replied.` });
    } catch (error) {
      setReminder({ intent: "error", text: errorText(error) });
    } finally {
      setReminding(false);
    }
  }

  return (
    <>
      <Toolbar aria-label="Draft actions" className={styles.actions}>
        {host.kind === "outlook" && (
          <Button appearance="primary" icon={busy ? <Spinner size="tiny" /> : <MailArrowUpRegular />} disabled={busy} onClick={insertReply}>
            Insert reply
          </Button>
        )}
        {host.kind === "outlook" && (
          <Button icon={<DraftsRegular />} disabled={busy} onClick={saveDrafts}>
            Save to Drafts
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
      {sentOff && request.conversationId && draft.askBy && !(reminder?.intent === "success") && (
        <Button icon={reminding ? <Spinner size="tiny" /> : <AlertRegular />} disabled={reminding} onClick={remind} style={{ alignSelf: "flex-start" }}>
          {`Remind me if no reply by ${formatDay(draft.askBy)}`}
        </Button>
      )}
      {reminder && (
        <MessageBar intent={reminder.intent} role={reminder.intent === "error" ? "alert" : "status"} data-testid="reminder-status">
          <MessageBarBody>{reminder.text}</MessageBarBody>
        </MessageBar>
      )}
      {saving && (
        <TemplateDialog
          title="Save as template"
          initial={{
            name: `${kindName(kinds, kind)} (${toneLabel(tone)})`,
            kind,
            subject: templatize(subject, draft.facts),
            body: templatize(body, draft.facts),
            scope: "personal",
          }}
          onClose={() => setSaving(false)}
          onSaved={(t) => {
            setSaving(false);
            setStatus({ intent: "success", text: `Saved "${t.name}" to your ${t.scope === "team" ? "team's" : "personal"} templates.` });
            onTemplateSaved();
          }}
        />
      )}
    </>
  );
}
