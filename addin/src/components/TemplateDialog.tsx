import { useRef, useState } from "react";
import type { FormEvent } from "react";
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  Radio,
  RadioGroup,
  Select,
  Spinner,
  Textarea,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { ApiError } from "../api";
import type { Template, TemplateInput, TemplateVariable } from "../api";
import { useLoad } from "../useLoad";
import { usePane } from "../context";
import { ErrorBar } from "./ErrorBar";

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  surface: { maxWidth: "min(560px, calc(100vw - 16px))", padding: tokens.spacingHorizontalL },
});

export const NAME_LIMIT = 120;

/** Create a template, or edit one (with its ETag, so nobody's edit is silently overwritten). */
export function TemplateDialog({
  title,
  initial,
  existing,
  onClose,
  onSaved,
}: {
  title: string;
  initial: TemplateInput;
  existing?: Template;
  onClose: () => void;
  onSaved: (template: Template) => void;
}) {
  const { api, me, kinds } = usePane();
  const styles = useStyles();
  const [input, setInput] = useState<TemplateInput>(initial);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<TemplateInput>) => setInput((i) => ({ ...i, ...patch }));
  const variables = useLoad<TemplateVariable[]>(() => api.templateVariables(), [api]);
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  // Where the caret was when the body lost focus to the variable picker; unset means "at the end".
  const caret = useRef<{ start: number; end: number } | undefined>(undefined);

  /** Puts a variable where the caret was in the body, and the caret after it. */
  function insertVariable(token: string) {
    const area = bodyRef.current;
    const at = caret.current?.start ?? input.body.length;
    const end = caret.current?.end ?? at;
    caret.current = { start: at + token.length, end: at + token.length };
    set({ body: input.body.slice(0, at) + token + input.body.slice(end) });
    requestAnimationFrame(() => {
      area?.focus();
      area?.setSelectionRange(at + token.length, at + token.length);
    });
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      onSaved(existing ? await api.updateTemplate(existing, input) : await api.createTemplate(input));
    } catch (e) {
      setError(
        e instanceof ApiError && e.status === 412
          ? new Error("Someone changed this template while you were editing. Close, reopen it to get their version, and apply your change again.")
          : e,
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog open modalType="modal" onOpenChange={(_, d) => !d.open && onClose()}>
      <DialogSurface className={styles.surface}>
        <form onSubmit={submit}>
          <DialogBody>
            <DialogTitle>{title}</DialogTitle>
            <DialogContent className={styles.form}>
              <Field label="Name" required validationMessage={input.name.length > NAME_LIMIT ? `At most ${NAME_LIMIT} characters.` : undefined}>
                <Input value={input.name} onChange={(_, d) => set({ name: d.value })} />
              </Field>
              <Field label="Play">
                <Select value={input.kind} onChange={(_, d) => set({ kind: d.value })}>
                  {kinds.map((k) => (
                    <option key={k.id} value={k.id}>
                      {k.name}
                    </option>
                  ))}
                </Select>
              </Field>
              <Field label="Subject" required>
                <Input value={input.subject} onChange={(_, d) => set({ subject: d.value })} />
              </Field>
              <Field label="Body" required hint="Variables such as {{contactFirstName}} are filled from the thread.">
                <Textarea
                  ref={bodyRef}
                  onSelect={(e) => (caret.current = { start: e.currentTarget.selectionStart, end: e.currentTarget.selectionEnd })}
                  value={input.body} rows={8} resize="vertical" onChange={(_, d) => set({ body: d.value })} />
              </Field>
              {variables.data && variables.data.length > 0 && (
                <Field label="Insert a variable">
                  <Select
                    value=""
                    onChange={(_, d) => {
                      if (d.value) insertVariable(d.value);
                    }}
                  >
                    <option value="">Choose…</option>
                    {variables.data.map((v) => (
                      <option key={v.name} value={v.token}>{`${v.token}: ${v.description}`}</option>
                    ))}
                  </Select>
                </Field>
              )}
              {me.user.isTeamLead && !existing && (
                <Field label="Library">
                  <RadioGroup value={input.scope} onChange={(_, d) => set({ scope: d.value as TemplateInput["scope"] })} layout="horizontal">
                    <Radio value="personal" label="Personal" />
                    <Radio value="team" label="Team" />
                  </RadioGroup>
                </Field>
              )}
              {error !== undefined && <ErrorBar error={error} title="Not saved" />}
            </DialogContent>
            <DialogActions>
              <Button appearance="secondary" onClick={onClose}>
                Cancel
              </Button>
              <Button appearance="primary" type="submit" disabled={busy || !input.name.trim() || input.name.length > NAME_LIMIT} icon={busy ? <Spinner size="tiny" /> : undefined}>
                Save
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
