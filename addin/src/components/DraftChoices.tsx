// What the user chooses before a draft is written: its tone, a template, and (multi-thread) who it goes to.
import { forwardRef, useState } from "react";
import { Button, Dropdown, Field, Input, Option, ToggleButton, makeStyles, tokens } from "@fluentui/react-components";
import type { Template, Tone } from "../api";

const useStyles = makeStyles({
  tones: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalXS },
  recipient: { display: "flex", flexWrap: "wrap", alignItems: "flex-end", gap: tokens.spacingHorizontalS },
});

export const TONES: { id: Tone; label: string }[] = [
  { id: "warm", label: "Warm" },
  { id: "direct", label: "Direct" },
  { id: "formal", label: "Formal" },
];

export const toneLabel = (tone: Tone) => TONES.find((t) => t.id === tone)?.label;

export function ToneChoice({ tone, onChange }: { tone: Tone; onChange: (tone: Tone) => void }) {
  const styles = useStyles();
  return (
    <div role="group" aria-label="Tone" className={styles.tones}>
      {TONES.map((t) => (
        <ToggleButton key={t.id} size="small" checked={tone === t.id} aria-pressed={tone === t.id} onClick={() => onChange(t.id)}>
          {t.label}
        </ToggleButton>
      ))}
    </div>
  );
}

/** The play's templates, when there are any; "" is GhostAssist's own draft. */
export function TemplateChoice({
  templates,
  kind,
  templateId,
  onChange,
}: {
  templates: Template[] | undefined;
  kind: string;
  templateId: string | undefined;
  onChange: (templateId: string | undefined) => void;
}) {
  if (!templates || !templates.some((t) => t.kind === kind)) return null;
  return (
    <Field label="Template">
      <Dropdown
        value={templates.find((t) => t.id === templateId)?.name ?? "GhostAssist's own draft"}
        selectedOptions={[templateId ?? ""]}
        onOptionSelect={(_, d) => onChange(d.optionValue || undefined)}
      >
        <Option value="">GhostAssist's own draft</Option>
        {templates
          .filter((t) => t.kind === kind && !t.archived)
          .map((t) => (
            <Option key={t.id} value={t.id} text={t.name}>
              {`${t.name}${t.scope === "team" ? " (team)" : ""}`}
            </Option>
          ))}
      </Dropdown>
    </Field>
  );
}

/** The multi-thread play's "send to": typed here, applied on Redraft (empty lets the API pick). */
export const RecipientForm = forwardRef<HTMLInputElement, { onRedraft: (recipient: string | undefined) => void }>(function RecipientForm(
  { onRedraft },
  ref,
) {
  const styles = useStyles();
  const [typed, setTyped] = useState("");
  return (
    <form
      className={styles.recipient}
      onSubmit={(e) => {
        e.preventDefault();
        onRedraft(typed.trim() || undefined);
      }}
    >
      <Field label="Send to (the person who signs off)" hint="Leave empty to let GhostAssist pick from the thread." style={{ flex: "1 1 180px" }}>
        <Input ref={ref} type="email" value={typed} onChange={(_, d) => setTyped(d.value)} placeholder="name@their-company.com" />
      </Field>
      <Button type="submit">Redraft</Button>
    </form>
  );
});
