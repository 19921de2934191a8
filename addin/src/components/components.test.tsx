import { describe, expect, it, vi } from "vitest";
import { fireEvent, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { ApiError } from "../api";
import type { Proposals, RadarItem, Template } from "../api";
import { analysis, draft, fakeApi, renderInPane, wire } from "../test/render";
import { installOutlook } from "../test/outlookMock";
import { DraftView } from "./DraftView";
import { Radar, byRisk } from "./Radar";
import { Plays, RiskCard } from "./ThreadView";

describe("radar", () => {
  it("lists the riskiest thread first", async () => {
    const api = fakeApi({
      threads: vi.fn(async () =>
        wire<RadarItem[]>([
          { conversationId: "a", subject: "Healthy", ghostRisk: { score: 10, level: "low", reasons: [] } },
          { conversationId: "b", subject: "Proposal", ghostRisk: { score: 85, level: "high", reasons: [] } },
        ]),
      ),
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
    expect(byRisk(wire<RadarItem[]>([{ conversationId: "x", subject: "" }, { conversationId: "y", subject: "", ghostRisk: { score: 1, level: "low", reasons: [] } }])).map((t) => t.conversationId)).toEqual(["y", "x"]);
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
    expect(api.coach).toHaveBeenCalledWith("Is something wrong?", expect.stringContaining("Thanks"), "worried-check-in", expect.anything());
  });

  it("re-scores a summary as a summary, so it is not marked down for asking nothing", async () => {
    const api = fakeApi();
    await renderInPane(<DraftView conversationId="conv-1" kind="wiifm-summary" onInvite={() => {}} />, api);
    const body = (await screen.findByTestId("draft-body")) as HTMLTextAreaElement;
    fireEvent.change(body, { target: { value: "Here is where we stand, and what it means for your team." } });
    await waitFor(() => expect(api.coach).toHaveBeenCalledWith(expect.any(String), expect.stringContaining("where we stand"), "wiifm-summary", expect.anything()));
  });

  it("shows why a multi-thread note cannot be drafted and takes the user to the Send to field", async () => {
    const detail = "This thread has no second stakeholder to reach: only the main contact appears on their side. Give a recipient (for example the person who signs off), or choose another play.";
    const api = fakeApi({
      draft: vi.fn(async (r) => {
        if (!r.recipient) throw new ApiError(422, { status: 422, title: "Unprocessable", detail, kind: "multi-thread" });
        return { ...draft, to: [{ address: r.recipient }] };
      }),
    });
    await renderInPane(<DraftView conversationId="conv-1" kind="multi-thread" onInvite={() => {}} onOtherPlay={() => {}} />, api);
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain(detail);
    expect(screen.queryByRole("button", { name: "Retry" })).toBeNull();
    await userEvent.click(screen.getByRole("button", { name: "Enter who to send to" }));
    const field = screen.getByRole("textbox", { name: /Send to/ });
    expect(document.activeElement).toBe(field);
    await userEvent.type(field, "cfo@northwind.example");
    await userEvent.click(screen.getByRole("button", { name: "Redraft" }));
    expect(await screen.findByTestId("draft-to")).toHaveProperty("textContent", expect.stringContaining("cfo@northwind.example"));
    expect(api.draft).toHaveBeenLastCalledWith(expect.objectContaining({ kind: "multi-thread", recipient: "cfo@northwind.example" }));
  });

  it("offers another play, not a retry, when the API says a play does not fit the thread", async () => {
    const api = fakeApi({
      draft: vi.fn().mockRejectedValue(new ApiError(422, { status: 422, detail: "A worried check-in is a last resort for silence, but they wrote last in this thread: answer their message instead." })),
    });
    const onOtherPlay = vi.fn();
    await renderInPane(<DraftView conversationId="conv-1" kind="worried-check-in" onInvite={() => {}} onOtherPlay={onOtherPlay} />, api);
    expect((await screen.findByRole("alert")).textContent).toContain("they wrote last in this thread");
    expect(screen.queryByRole("button", { name: "Retry" })).toBeNull();
    await userEvent.click(screen.getByRole("button", { name: "Choose another play" }));
    expect(onOtherPlay).toHaveBeenCalledTimes(1);
  });

  it("keeps Retry for a failure that may pass", async () => {
    const api = fakeApi({ draft: vi.fn().mockRejectedValueOnce(new ApiError(503, { status: 503, detail: "Microsoft Graph is busy." })).mockResolvedValue(draft) });
    await renderInPane(<DraftView conversationId="conv-1" kind="worried-check-in" onInvite={() => {}} onOtherPlay={() => {}} />, api);
    await userEvent.click(await screen.findByRole("button", { name: "Retry" }));
    expect(await screen.findByTestId("coach-score")).toBeTruthy();
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
    const api = fakeApi({ draft: vi.fn(async () => huge) });
    await renderInPane(<DraftView conversationId="conv-1" kind="worried-check-in" onInvite={() => {}} />, api, { kind: "outlook", mode: "read" });
    await userEvent.click(await screen.findByRole("button", { name: "Insert reply" }));
    expect(await screen.findByText("Too long for the reply form: saved to your Drafts folder.")).toBeTruthy();
    expect(office.context.mailbox.item.replyAllForm).toBeUndefined();
    expect(api.saveToDrafts).toHaveBeenLastCalledWith({ conversationId: "conv-1", subject: huge.subject, bodyText: huge.bodyText, kind: "worried-check-in" });
    expect(api.draft).toHaveBeenCalledTimes(1); // saving never asks for a new draft
  });

  it("highlights the slots a draft holds and counts those left before Insert", async () => {
    const withSlots = { ...draft, bodyText: "Hi Dana,\n\nWhat it means for you:\n- [the outcome you delivered, with a number]\n- [a second outcome for their team]\n\nAlex" };
    await renderInPane(<DraftView conversationId="conv-1" kind="worried-check-in" onInvite={() => {}} />, fakeApi({ draft: vi.fn(async () => withSlots) }));
    const bar = await screen.findByTestId("slots-left");
    expect(bar.textContent).toContain("2 slots left to fill before Insert");
    expect(bar.querySelectorAll("mark")).toHaveLength(2);
    const body = (await screen.findByTestId("draft-body")) as HTMLTextAreaElement;
    fireEvent.change(body, { target: { value: withSlots.bodyText.replace("[a second outcome for their team]", "faster answers") } });
    expect((await screen.findByTestId("slots-left")).textContent).toContain("1 slot left");
    fireEvent.change(body, { target: { value: "Hi Dana,\n\nAll filled.\n\nAlex" } });
    expect(screen.queryByTestId("slots-left")).toBeNull();
  });

  it("saves the text the user edited to Outlook's Drafts, not a new draft", async () => {
    installOutlook({ mode: "read" });
    const api = fakeApi();
    await renderInPane(<DraftView conversationId="conv-1" kind="worried-check-in" onInvite={() => {}} />, api, { kind: "outlook", mode: "read" });
    const body = (await screen.findByTestId("draft-body")) as HTMLTextAreaElement;
    fireEvent.change(body, { target: { value: "Hi Dana,\n\nMy own words." } });
    await userEvent.click(screen.getByRole("button", { name: "Save to Drafts" }));
    expect(await screen.findByText("Saved to your Drafts folder, as you see it here.")).toBeTruthy();
    // With its play, so the saved draft is counted like an inserted one.
    expect(api.saveToDrafts).toHaveBeenLastCalledWith(expect.objectContaining({ conversationId: "conv-1", bodyText: "Hi Dana,\n\nMy own words.", kind: "worried-check-in" }));
    expect(api.draft).toHaveBeenCalledTimes(1);
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
    const template = wire<Template>({ id: "t1", name: "Worried check-in", kind: "worried-check-in", subject: "Are you OK?", body: "Hi", scope: "team", published: false, version: 2, etag: '"2"', canEdit: true });
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
    const template = wire<Template>({ id: "t1", name: "Recap", kind: "worried-check-in", subject: "s", body: "b", scope: "team", published: true, version: 2, canEdit: true });
    const api = fakeApi({ templates: vi.fn(async () => [template]), publishTemplate: vi.fn().mockRejectedValue(new ApiError(412, { detail: "stale" })) });
    await renderInPane(<TemplatesView />, api);
    await userEvent.click(await screen.findByRole("switch", { name: "Published" }));
    expect(await screen.findByText(/Someone changed this template a moment ago/)).toBeTruthy();
  });
});

describe("template dialog", () => {
  it("saves a draft as a personal template with the thread's variables offered", async () => {
    const { TemplateDialog } = await import("./TemplateDialog");
    const saved = wire<Template>({ id: "n1", name: "Mine", kind: "worried-check-in", subject: "Hi", body: "Hi ", scope: "personal", version: 1 });
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

describe("invite", () => {
  const slot = { start: "2026-12-01T15:00:00Z", end: "2026-12-01T15:30:00Z", label: "Tue 1 Dec, 16:00–16:30" };

  it("proposes times in the user's Outlook time zone", async () => {
    installOutlook({ timeZone: "W. Europe Standard Time" });
    const { InviteView } = await import("./InviteView");
    const api = fakeApi({ proposals: vi.fn(async () => wire<Proposals>({ timeZone: "Europe/Berlin", slots: [slot] })) });
    await renderInPane(<InviteView conversationId="conv-1" />, api, { kind: "outlook", mode: "read" });
    expect(await screen.findByRole("radio", { name: slot.label })).toBeTruthy();
    expect(api.proposals).toHaveBeenCalledWith({ conversationId: "conv-1", timeZone: "W. Europe Standard Time" }, 30);
  });

  it("opens Outlook's meeting form filled with the invite the API would send", async () => {
    const office = installOutlook({ timeZone: "W. Europe Standard Time" });
    const { InviteView } = await import("./InviteView");
    const preview = {
      subject: "Harrowgate proposal: 30 minutes",
      start: slot.start,
      end: slot.end,
      timeZone: "Europe/Berlin",
      attendees: [{ address: "dana@northwind.example", name: "Dana Whitfield" }],
      bodyText: "Dana, a short call to settle the proposal.",
      bodyHtml: "<p>Dana, a short call to settle the proposal.</p>",
    };
    const api = fakeApi({ proposals: vi.fn(async () => wire<Proposals>({ timeZone: "Europe/Berlin", slots: [slot] })), previewInvite: vi.fn(async () => preview) });
    await renderInPane(<InviteView conversationId="conv-1" />, api, { kind: "outlook", mode: "read" });
    await userEvent.click(await screen.findByRole("button", { name: "Open meeting form" }));
    await waitFor(() =>
      expect(office.context.mailbox.appointment).toEqual({
        subject: preview.subject,
        start: new Date(slot.start),
        end: new Date(slot.end),
        requiredAttendees: ["dana@northwind.example"],
        body: preview.bodyText,
      }),
    );
    expect(api.previewInvite).toHaveBeenCalledWith({ conversationId: "conv-1", timeZone: "W. Europe Standard Time" }, slot);
    expect(api.createInvite).not.toHaveBeenCalled();
  });

  it("shows why the meeting form could not be filled, with a retry", async () => {
    const office = installOutlook();
    const { InviteView } = await import("./InviteView");
    const api = fakeApi({
      proposals: vi.fn(async () => wire<Proposals>({ timeZone: "Europe/Berlin", slots: [slot] })),
      previewInvite: vi.fn().mockRejectedValue(new ApiError(422, { status: 422, detail: "The thread has no one on the other side to invite." })),
    });
    await renderInPane(<InviteView conversationId="conv-1" />, api, { kind: "outlook", mode: "read" });
    await userEvent.click(await screen.findByRole("button", { name: "Open meeting form" }));
    expect((await screen.findByRole("alert")).textContent).toContain("no one on the other side to invite");
    expect(office.context.mailbox.appointment).toBeUndefined();
  });
});
