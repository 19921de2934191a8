import { useEffect, useState } from "react";
import { Field, Input, MessageBar, MessageBarBody, Textarea, makeStyles, tokens } from "@fluentui/react-components";
import type { Draft, DraftRequest, Tone } from "../api";
import { textToHtml } from "../html";
import { CoachCard, useCoach } from "./CoachCard";
import { DraftActions } from "./DraftActions";

const useStyles = makeStyles({
  slot: { backgroundColor: tokens.colorPaletteYellowBackground2, color: tokens.colorNeutralForeground1, padding: `0 ${tokens.spacingHorizontalXXS}`, borderRadius: tokens.borderRadiusSmall },
});

/** The visible slots ("[the outcome you delivered]") a draft holds where the thread lacks a fact. */
export function slotsIn(text: string): string[] {
  return text.match(/\[[^\]\n]{2,80}\]/g) ?? [];
}

/** The draft as the user edits it, scored by the coach as they type; a new draft replaces the edits. */
export function DraftEditor({
  draft,
  request,
  tone,
  onInvite,
  onTemplateSaved,
}: {
  draft: Draft;
  request: DraftRequest & { kind: string };
  tone: Tone;
  onInvite: () => void;
  onTemplateSaved: () => void;
}) {
  const [subject, setSubject] = useState(draft.subject);
  const [body, setBody] = useState(draft.bodyText);
  const [edited, setEdited] = useState(false);
  const { coach, coaching } = useCoach(draft.coach, subject, body, request.kind, edited);
  const styles = useStyles();
  const slots = slotsIn(`${subject}\n${body}`);

  useEffect(() => {
    setSubject(draft.subject);
    setBody(draft.bodyText);
    setEdited(false);
  }, [draft]);

  // The API's HTML until the user edits; then the edited text, escaped.
  const html = () => (edited ? textToHtml(body) : draft.bodyHtml);

  return (
    <>
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
      {slots.length > 0 && (
        <MessageBar intent="warning" data-testid="slots-left">
          <MessageBarBody>
            {slots.length === 1 ? "1 slot" : `${slots.length} slots`} left to fill before Insert:{" "}
            {slots.map((slot, i) => (
              <span key={i}>
                {i > 0 && ", "}
                <mark className={styles.slot}>{slot}</mark>
              </span>
            ))}
          </MessageBarBody>
        </MessageBar>
      )}
      <CoachCard coach={coach} busy={coaching} />
      <DraftActions draft={draft} request={request} subject={subject} body={body} html={html} tone={tone} onInvite={onInvite} onTemplateSaved={onTemplateSaved} />
    </>
  );
}
