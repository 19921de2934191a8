import { useEffect, useRef } from "react";
import { Button, Field, Input, Spinner, Textarea, makeStyles, tokens } from "@fluentui/react-components";
import { StopRegular } from "@fluentui/react-icons";
import type { Writing } from "../useDraftStream";

const useStyles = makeStyles({
  stack: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  head: { display: "flex", alignItems: "center", justifyContent: "space-between", gap: tokens.spacingHorizontalS },
});

/**
 * A draft while a model writes it: shown as it grows, read-only (it may still be replaced by the
 * built-in draft if the finished text fails the checks), with a way to stop it.
 */
export function DraftWriting({ writing, onStop }: { writing: Writing; onStop: () => void }) {
  const styles = useStyles();
  const body = useRef<HTMLTextAreaElement>(null);
  // Follow the newest line, as the text grows past the box.
  useEffect(() => {
    const element = body.current;
    if (element) element.scrollTop = element.scrollHeight;
  }, [writing.body]);

  return (
    <div className={styles.stack} aria-busy="true" data-testid="draft-writing">
      <div className={styles.head}>
        <Spinner size="tiny" label="Writing…" labelPosition="after" />
        <Button icon={<StopRegular />} onClick={onStop}>
          Stop
        </Button>
      </div>
      <Field label="Subject">
        <Input value={writing.subject} readOnly />
      </Field>
      <Field label="Message" hint="You can edit the draft when it is finished.">
        <Textarea ref={body} value={writing.body} readOnly resize="vertical" rows={12} data-testid="draft-writing-body" />
      </Field>
    </div>
  );
}
