import { useEffect, useState } from "react";
import { Field, Input, Textarea } from "@fluentui/react-components";
import type { Draft, DraftRequest, Tone } from "../api";
import { textToHtml } from "../html";
import { CoachCard, useCoach } from "./CoachCard";
import { DraftActions } from "./DraftActions";

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
      <CoachCard coach={coach} busy={coaching} />
      <DraftActions draft={draft} request={request} subject={subject} body={body} html={html} tone={tone} onInvite={onInvite} onTemplateSaved={onTemplateSaved} />
    </>
  );
}
