import { useRef, useState } from "react";
import { Button, Caption1, MessageBar, MessageBarActions, MessageBarBody, Skeleton, SkeletonItem, Spinner, Subtitle2, makeStyles, tokens } from "@fluentui/react-components";
import type { Template, Tone } from "../api";
import { kindName, usePane } from "../context";
import { personText } from "../html";
import { useLoad } from "../useLoad";
import { useDraftStream } from "../useDraftStream";
import { ErrorBar, isRefusal } from "./ErrorBar";
import type { ErrorAction } from "./ErrorBar";
import { RecipientForm, TemplateChoice, ToneChoice } from "./DraftChoices";
import { DraftEditor } from "./DraftEditor";
import { DraftWriting } from "./DraftWriting";

const useStyles = makeStyles({
  stack: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
});

const MULTI_THREAD = "multi-thread";

/**
 * A play's draft for a thread. This view holds only what the draft is asked for with (tone,
 * template, recipient); the choices, the editor with its coach, and the actions hold their own state.
 * The draft is streamed: with a language model its text shows as it is written (read-only, with
 * Stop), and the editor, coach and actions appear only with the whole draft. The built-in composer
 * answers with the whole draft at once.
 */
export function DraftView({ conversationId, kind, onInvite, onOtherPlay }: { conversationId: string; kind: string; onInvite: () => void; onOtherPlay?: () => void }) {
  const { api, kinds } = usePane();
  const styles = useStyles();
  const [tone, setTone] = useState<Tone>("warm");
  const [templateId, setTemplateId] = useState<string | undefined>();
  const [recipient, setRecipient] = useState<string | undefined>();
  const recipientField = useRef<HTMLInputElement>(null);
  const request = { conversationId, kind, tone, templateId, recipient };
  const draft = useDraftStream((onDelta, signal) => api.streamDraft(request, onDelta, signal), [api, conversationId, kind, tone, templateId, recipient]);
  const templates = useLoad<Template[]>(() => api.templates(), [api]);
  // After Stop the draft on screen is the one the redraft was replacing: the tone shown is the one it
  // was written in, and choosing the stopped tone again asks for it again.
  const shownTone = draft.stopped && draft.data?.tone ? (draft.data.tone as Tone) : tone;

  // A 422 is the API saying this play does not fit the thread as asked: the same request would be
  // refused again, so the bar offers what would change the answer instead of a retry.
  const refused = isRefusal(draft.error);
  const nextStep: ErrorAction | undefined = !refused
    ? undefined
    : kind === MULTI_THREAD
      ? { label: "Enter who to send to", onClick: () => recipientField.current?.focus() }
      : onOtherPlay && { label: "Choose another play", onClick: onOtherPlay };

  return (
    <section className={styles.stack} aria-labelledby="draft-title">
      <Subtitle2 as="h2" id="draft-title">
        {kindName(kinds, kind)}
      </Subtitle2>
      <ToneChoice tone={shownTone} onChange={(t) => (t === tone ? draft.reload() : setTone(t))} />
      <TemplateChoice templates={templates.data} kind={kind} templateId={templateId} onChange={setTemplateId} />
      {kind === MULTI_THREAD && <RecipientForm ref={recipientField} onRedraft={setRecipient} />}
      {draft.error !== undefined && <ErrorBar error={draft.error} onRetry={refused ? undefined : draft.reload} action={nextStep} title="Could not draft this play" />}
      {draft.stopped && (
        <MessageBar intent="info" data-testid="draft-stopped">
          <MessageBarBody>Stopped before the draft was finished: nothing of it was kept.</MessageBarBody>
          <MessageBarActions>
            <Button size="small" onClick={draft.reload}>
              Draft again
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {draft.writing ? (
        <DraftWriting writing={draft.writing} onStop={draft.stop} />
      ) : (
        draft.loading &&
        !draft.data && (
          <Skeleton aria-label="Drafting">
            <SkeletonItem size={32} style={{ marginBottom: 8 }} />
            <SkeletonItem size={128} />
          </Skeleton>
        )
      )}
      {draft.data && !draft.writing && (
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
          <DraftEditor draft={draft.data} request={{ ...request, tone: shownTone }} tone={shownTone} onInvite={onInvite} onTemplateSaved={templates.reload} />
        </>
      )}
    </section>
  );
}
