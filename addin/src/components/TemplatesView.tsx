import { useState } from "react";
import {
  Body1,
  Button,
  Caption1,
  Card,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  CardHeader,
  Skeleton,
  SkeletonItem,
  Subtitle2,
  Switch,
  Tab,
  TabList,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { AddRegular, DeleteRegular, EditRegular } from "@fluentui/react-icons";
import { ApiError } from "../api";
import type { Template, TemplateScope } from "../api";
import { kindName, usePane } from "../context";
import { formatDate } from "../html";
import { useLoad } from "../useLoad";
import { ErrorBar } from "./ErrorBar";
import { TemplateDialog } from "./TemplateDialog";

const useStyles = makeStyles({
  stack: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  actions: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalS },
  meta: { color: tokens.colorNeutralForeground2 },
  preview: { whiteSpace: "pre-wrap", overflowWrap: "anywhere", maxHeight: "6em", overflow: "hidden" },
});

export function TemplatesView() {
  const { api, me, kinds } = usePane();
  const styles = useStyles();
  const templates = useLoad<Template[]>(() => api.templates(), [api]);
  const [scope, setScope] = useState<TemplateScope>("team");
  const [editing, setEditing] = useState<Template | "new" | undefined>();
  const [error, setError] = useState<unknown>();
  const [deleting, setDeleting] = useState<Template | undefined>();
  const lead = me.user.isTeamLead;

  async function act(action: () => Promise<unknown>) {
    setError(undefined);
    try {
      await action();
    } catch (e) {
      setError(
        e instanceof ApiError && e.status === 412 ? new Error("Someone changed this template a moment ago. The list now shows their version.") : e,
      );
    } finally {
      templates.reload();
    }
  }

  const shown = (templates.data ?? []).filter((t) => t.scope === scope && !t.archived);
  const canEdit = (t: Template) => t.canEdit ?? (t.scope === "personal" || lead);

  return (
    <section className={styles.stack} aria-labelledby="templates-title">
      <Subtitle2 as="h2" id="templates-title">
        Templates
      </Subtitle2>
      <TabList selectedValue={scope} onTabSelect={(_, d) => setScope(d.value as TemplateScope)} aria-label="Library">
        <Tab value="team">Team</Tab>
        <Tab value="personal">Personal</Tab>
      </TabList>
      {(scope === "personal" || lead) && (
        <Button icon={<AddRegular />} onClick={() => setEditing("new")} style={{ alignSelf: "flex-start" }}>
          New {scope} template
        </Button>
      )}
      {error !== undefined && <ErrorBar error={error} />}
      {templates.error !== undefined && <ErrorBar error={templates.error} onRetry={templates.reload} title="Could not load templates" />}
      {!templates.data && !templates.error && (
        <Skeleton aria-label="Loading templates">
          <SkeletonItem size={64} style={{ marginBottom: 8 }} />
          <SkeletonItem size={64} />
        </Skeleton>
      )}
      {templates.data && shown.length === 0 && (
        <Body1>{scope === "team" ? "Your team has no templates yet." : "You have no personal templates yet. Save a draft as one."}</Body1>
      )}
      <ul className={styles.list}>
        {shown.map((t) => (
          <li key={t.id}>
            <Card data-testid="template">
              <CardHeader
                header={<Body1><strong>{t.name}</strong></Body1>}
                description={
                  <Caption1 className={styles.meta}>
                    {kindName(kinds, t.kind)} · v{t.version}
                    {t.updatedAt ? ` · ${formatDate(t.updatedAt)}` : ""}
                    {t.scope === "team" ? (t.published ? " · published" : " · draft") : ""}
                  </Caption1>
                }
              />
              <Caption1 className={styles.preview}>{t.subject}</Caption1>
              {canEdit(t) && (
                <div className={styles.actions}>
                  <Button size="small" icon={<EditRegular />} onClick={() => setEditing(t)} aria-label={`Edit ${t.name}`}>
                    Edit
                  </Button>
                  {t.scope === "team" && lead && (
                    <Switch
                      label="Published"
                      checked={t.published === true}
                      onChange={(_, d) => act(() => api.publishTemplate(t, d.checked))}
                    />
                  )}
                  <Button size="small" appearance="subtle" icon={<DeleteRegular />} onClick={() => setDeleting(t)} aria-label={`Delete ${t.name}`}>
                    Delete
                  </Button>
                </div>
              )}
            </Card>
          </li>
        ))}
      </ul>
      {deleting && (
        <Dialog open modalType="alert" onOpenChange={(_, d) => !d.open && setDeleting(undefined)}>
          <DialogSurface>
            <DialogBody>
              <DialogTitle>{`Delete "${deleting.name}"?`}</DialogTitle>
              <DialogContent>{deleting.scope === "team" ? "Your team will no longer see it." : "It leaves your personal library."} Its earlier versions stay on record.</DialogContent>
              <DialogActions>
                <Button onClick={() => setDeleting(undefined)}>Keep it</Button>
                <Button
                  appearance="primary"
                  onClick={() => {
                    const target = deleting;
                    setDeleting(undefined);
                    void act(() => api.deleteTemplate(target));
                  }}
                >
                  Delete
                </Button>
              </DialogActions>
            </DialogBody>
          </DialogSurface>
        </Dialog>
      )}
      {editing && (
        <TemplateDialog
          title={editing === "new" ? "New template" : `Edit ${editing.name}`}
          existing={editing === "new" ? undefined : editing}
          initial={
            editing === "new"
              ? { name: "", kind: kinds[0]?.id ?? "worried-check-in", subject: "", body: "", scope }
              : { name: editing.name, kind: editing.kind, subject: editing.subject, body: editing.body, tags: editing.tags, scope: editing.scope }
          }
          onClose={() => setEditing(undefined)}
          onSaved={() => {
            setEditing(undefined);
            templates.reload();
          }}
        />
      )}
    </section>
  );
}
