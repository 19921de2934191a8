import { describe, expect, it, vi } from "vitest";
import { fireEvent, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { ApiError } from "../api";
import { analysis, draft, fakeApi, renderInPane } from "../test/render";
import { installOutlook } from "../test/outlookMock";
import { DraftView } from "./DraftView";
import { Radar, byRisk } from "./Radar";
import { Plays, RiskCard } from "./ThreadView";

describe("radar", () => {
  it("lists the riskiest thread first", async () => {
    const api = fakeApi({
      threads: vi.fn(async () => [
        { conversationId: "a", subject: "Healthy", ghostRisk: { score: 10, level: "low", reasons: [] } },
        { conversationId: "b", subject: "Proposal", ghostRisk: { score: 85, level: "high", reasons: [] } },
      ]),
    });
    const open = vi.fn();
    await renderInPane(<Radar onOpen={open} />, api);
    const items = await screen.findAllByTestId("radar-item");
    expect(items.map((i) => i.textContent)).toEqual([expect.stringContaining("Proposal"), expect.stringContaining("Healthy")]);
    await userEvent.click(items[0]!);
    expect(open).toHaveBeenCalledWith("b");
  });

  it("shows the problem's message and retries", async () => {
    const threads = vi.fn().mockRejectedValueOnce(new ApiError(503, { detail: "Microsoft Graph is busy; try again in 10 seconds." })).mockResolvedValueOnce([]);
    await renderInPane(<Radar onOpen={() => {}} />, fakeApi({ threads }));
    expect(await screen.findByText("Microsoft Graph is busy; try again in 10 seconds.")).toBeTruthy();
    await userEvent.click(screen.getByRole("button", { name: "Retry" }));
    expect(await screen.findByText(/Nothing is waiting/)).toBeTruthy();
  });

  it("keeps unscored threads after scored ones", () => {
    expect(byRisk([{ conversationId: "x", subject: "" }, { conversationId: "y", subject: "", ghostRisk: { score: 1, level: "low", reasons: [] } }]).map((t) => t.conversationId)).toEqual(["y", "x"]);
  });
});

describe("risk card", () => {
  it("shows each signal and its quote on click", async () => {
    await renderInPane(<RiskCard analysis={analysis} />);
    expect(screen.getByText("High risk · 82")).toBeTruthy();
    expect(screen.getByText("3 chases went unanswered.")).toBeTruthy();
    expect(screen.queryByText("We need to decide this month.")).toBeNull();
    const toggle = screen.getByRole("button", { name: "Show the evidence" });
    await userEvent.click(toggle);
    expect(screen.getByText("We need to decide this month.")).toBeTruthy();
    expect(toggle.getAttribute("aria-expanded")).toBe("true");
  });

  it("puts the recommended play first", async () => {
    const onDraft = vi.fn();
    await renderInPane(<Plays analysis={analysis} onDraft={onDraft} onInvite={() => {}} />);
    expect(screen.getByTestId("recommended-play").textContent).toContain("Genuinely worried check-in");
    await userEvent.click(screen.getByRole("button", { name: "Draft it" }));
    expect(onDraft).toHaveBeenCalledWith("worried-check-in");
    expect(screen.getByRole("button", { name: "Draft: Calendar invite" })).toBeTruthy();
  });
});

describe("draft", () => {
  it("re-scores the draft after a pause in typing", async () => {
    const api = fakeApi();
    await renderInPane(<DraftView conversationId="conv-1" kind="worried-check-in" onInvite={() => {}} />, api);
    expect((await screen.findByTestId("coach-score")).textContent).toContain("61");
    const body = screen.getByTestId("draft-body") as HTMLTextAreaElement;
    fireEvent.change(body, { target: { value: `${body.value} When could we talk on Tuesday?` } });
    fireEvent.change(body, { target: { value: `${body.value} When could we talk on Tuesday? Thanks` } });
    await waitFor(() => expect(screen.getByTestId("coach-score").textContent).toContain("77"));
    expect(api.coach).toHaveBeenCalledTimes(1);
    expect(api.coach).toHaveBeenCalledWith("Is something wrong?", expect.stringContaining("Thanks"), expect.anything());
  });

  it("redrafts in the chosen tone", async () => {
    const api = fakeApi();
    await renderInPane(<DraftView conversationId="conv-1" kind="worried-check-in" onInvite={() => {}} />, api);
    await screen.findByTestId("coach-score");
    await userEvent.click(screen.getByRole("button", { name: "Formal" }));
    await waitFor(() => expect(api.draft).toHaveBeenLastCalledWith(expect.objectContaining({ tone: "formal" })));
  });

  it("inserts the drafted HTML at the cursor when composing in Outlook", async () => {
    const office = installOutlook({ mode: "compose" });
    await renderInPane(<DraftView conversationId="conv-1" kind="worried-check-in" onInvite={() => {}} />, fakeApi(), { kind: "outlook", mode: "compose" });
    await userEvent.click(await screen.findByRole("button", { name: "Insert reply" }));
    expect(office.context.mailbox.item.body.inserted).toBe(draft.bodyHtml);
    expect(await screen.findByText("Inserted into your message.")).toBeTruthy();
  });

  it("opens reply-all with the edited text as HTML in read mode", async () => {
    const office = installOutlook({ mode: "read" });
    await renderInPane(<DraftView conversationId="conv-1" kind="worried-check-in" onInvite={() => {}} />, fakeApi(), { kind: "outlook", mode: "read" });
    const body = (await screen.findByTestId("draft-body")) as HTMLTextAreaElement;
    fireEvent.change(body, { target: { value: "Hi Dana,\n\nIs <everything> OK?" } });
    await userEvent.click(screen.getByRole("button", { name: "Insert reply" }));
    expect(office.context.mailbox.item.replyAllForm).toEqual({ htmlBody: "<p>Hi Dana,</p><p>Is &lt;everything&gt; OK?</p>" });
  });

  it("saves a draft too large for the reply form to Outlook's Drafts through the API", async () => {
    const office = installOutlook({ mode: "read" });
    const huge = { ...draft, bodyHtml: `<p>${"x".repeat(33 * 1024)}</p>` };
    const api = fakeApi({ draft: vi.fn(async (r) => (r.saveToOutlook ? { ...huge, webLink: "https://outlook.example/draft" } : huge)) });
    await renderInPane(<DraftView conversationId="conv-1" kind="worried-check-in" onInvite={() => {}} />, api, { kind: "outlook", mode: "read" });
    await userEvent.click(await screen.findByRole("button", { name: "Insert reply" }));
    expect(await screen.findByText("Too long for the reply form: saved to your Drafts folder.")).toBeTruthy();
    expect(office.context.mailbox.item.replyAllForm).toBeUndefined();
    expect(api.draft).toHaveBeenLastCalledWith(expect.objectContaining({ conversationId: "conv-1", saveToOutlook: true }));
  });

  it("offers Copy but no Insert reply outside Outlook", async () => {
    await renderInPane(<DraftView conversationId="conv-1" kind="worried-check-in" onInvite={() => {}} />);
    await screen.findByTestId("coach-score");
    expect(screen.queryByRole("button", { name: "Insert reply" })).toBeNull();
    expect(screen.getByRole("button", { name: "Copy" })).toBeTruthy();
  });
});

describe("coach", () => {
  it("explains the score line by line with its points, and gives the tips", async () => {
    await renderInPane(<DraftView conversationId="conv-1" kind="worried-check-in" onInvite={() => {}} />);
    await screen.findByTestId("coach-score");
    const why = screen.getByRole("list", { name: "Why this score" });
    expect(why.textContent).toBe("42 words 12/20");
    expect(screen.getByRole("list", { name: "Tips" }).textContent).toBe("Add a dated ask.");
    expect(screen.getByText("Fair")).toBeTruthy();
  });
});

describe("templates", () => {
  it("lets a team lead publish a team template with its ETag, and asks before deleting", async () => {
    const { TemplatesView } = await import("./TemplatesView");
    const template = { id: "t1", name: "Worried check-in", kind: "worried-check-in", subject: "Are you OK?", body: "Hi", scope: "team" as const, published: false, version: 2, etag: '"2"', canEdit: true };
    const api = fakeApi({ templates: vi.fn(async () => [template]), publishTemplate: vi.fn(async () => ({ ...template, published: true, version: 3 })) });
    await renderInPane(<TemplatesView />, api);
    await userEvent.click(await screen.findByRole("switch", { name: "Published" }));
    expect(api.publishTemplate).toHaveBeenCalledWith(template, true);
    await userEvent.click(screen.getByRole("button", { name: "Delete Worried check-in" }));
    expect(await screen.findByText('Delete "Worried check-in"?')).toBeTruthy();
    await userEvent.click(screen.getByRole("button", { name: "Keep it" }));
    expect(api.deleteTemplate).not.toHaveBeenCalled();
  });

  it("tells the user when someone else changed the template first", async () => {
    const { TemplatesView } = await import("./TemplatesView");
    const template = { id: "t1", name: "Recap", kind: "worried-check-in", subject: "s", body: "b", scope: "team" as const, published: true, version: 2, canEdit: true };
    const api = fakeApi({ templates: vi.fn(async () => [template]), publishTemplate: vi.fn().mockRejectedValue(new ApiError(412, { detail: "stale" })) });
    await renderInPane(<TemplatesView />, api);
    await userEvent.click(await screen.findByRole("switch", { name: "Published" }));
    expect(await screen.findByText(/Someone changed this template a moment ago/)).toBeTruthy();
  });
});

describe("template dialog", () => {
  it("saves a draft as a personal template with the thread's variables offered", async () => {
    const { TemplateDialog } = await import("./TemplateDialog");
    const saved = { id: "n1", name: "Mine", kind: "worried-check-in", subject: "Hi", body: "Hi ", scope: "personal" as const, version: 1 };
    const api = fakeApi({ createTemplate: vi.fn(async () => saved) });
    const onSaved = vi.fn();
    await renderInPane(
      <TemplateDialog title="Save as template" initial={{ name: "Mine", kind: "worried-check-in", subject: "Hi", body: "Hi ", scope: "personal" }} onClose={() => {}} onSaved={onSaved} />,
      api,
    );
    const pick = await screen.findByRole("combobox", { name: "Insert a variable" });
    await userEvent.selectOptions(pick, "{{contactFirstName}}");
    await userEvent.click(screen.getByRole("button", { name: "Save" }));
    await waitFor(() => expect(onSaved).toHaveBeenCalledWith(saved));
    expect(api.createTemplate).toHaveBeenCalledWith(expect.objectContaining({ body: "Hi {{contactFirstName}}", scope: "personal" }));
  });
});
