import { describe, expect, it, vi } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { trackingMarker } from "../api";
import { setTrackingHeader } from "../office";
import { recoverySentence, rememberSituation } from "../outcomes";
import { analysis, draft, fakeApi, outcomes, renderInPane } from "../test/render";
import { installOutlook } from "../test/outlookMock";
import { DraftView } from "./DraftView";
import { OutcomesView } from "./OutcomesView";
import { Plays } from "./ThreadView";

const dated = { ...draft, askBy: "2026-12-04" };

describe("tracked follow-ups", () => {
  it("sets the play header in compose where Outlook has Mailbox 1.8, and says so where it has not", async () => {
    const office = installOutlook({ mode: "compose", mailbox18: true });
    expect(await setTrackingHeader("calendar-invite; situation=days-silent")).toBe("set");
    expect(office.context.mailbox.item.internetHeaders.headers).toEqual({ "X-GhostAssist-Play": "calendar-invite; situation=days-silent" });

    installOutlook({ mode: "compose" });
    expect(await setTrackingHeader("calendar-invite")).toBe("unsupported");
  });

  it("writes the marker the API reads: play, strongest signal, template without dashes", () => {
    expect(trackingMarker("urgency-test", "days-silent", "0f8c1a2b-0000-4000-8000-000000000001")).toBe(
      "urgency-test; situation=days-silent; template=0f8c1a2b000040008000000000000001",
    );
    expect(trackingMarker("re-engage", "<script>")).toBe("re-engage; situation=none");
  });

  it("marks an inserted follow-up with its play and the thread's strongest signal when tracking is on", async () => {
    const office = installOutlook({ mode: "compose", mailbox18: true });
    rememberSituation(analysis);
    await renderInPane(<DraftView conversationId="conv-1" kind="worried-check-in" onInvite={() => {}} />, fakeApi(), { kind: "outlook", mode: "compose" }, true);

    await userEvent.click(await screen.findByRole("button", { name: "Insert reply" }));

    expect(await screen.findByText(/It is tracked/)).toBeTruthy();
    expect(office.context.mailbox.item.internetHeaders.headers).toEqual({ "X-GhostAssist-Play": "worried-check-in; situation=days-silent" });
  });

  it("sets no header when the user turned tracking off", async () => {
    const office = installOutlook({ mode: "compose", mailbox18: true });
    await renderInPane(<DraftView conversationId="conv-1" kind="worried-check-in" onInvite={() => {}} />, fakeApi(), { kind: "outlook", mode: "compose" }, false);

    await userEvent.click(await screen.findByRole("button", { name: "Insert reply" }));

    expect(await screen.findByText("Inserted into your message.")).toBeTruthy();
    expect(office.context.mailbox.item.internetHeaders.headers).toBeUndefined();
  });

  it("offers an Outlook reminder on the draft's ask-by date once the draft has left the pane", async () => {
    const api = fakeApi({ draft: vi.fn(async () => dated) });
    await renderInPane(<DraftView conversationId="conv-1" kind="worried-check-in" onInvite={() => {}} />, api);
    await screen.findByTestId("coach-score");
    expect(screen.queryByRole("button", { name: /Remind me/ })).toBeNull();
    Object.assign(navigator, { clipboard: { writeText: vi.fn(async () => {}) } });

    await userEvent.click(screen.getByRole("button", { name: "Copy" }));
    await userEvent.click(await screen.findByRole("button", { name: /Remind me if no reply by/ }));

    await waitFor(() => expect(api.remind).toHaveBeenCalledWith("conv-1", "2026-12-04", expect.anything()));
    expect((await screen.findByTestId("reminder-status")).textContent).toMatch(/Flagged in Outlook: it reminds you on/);
  });
});

describe("outcome figures", () => {
  it("says how often a play brought them back, leaving waiting ones out of the rate", () => {
    expect(recoverySentence(outcomes.plays[1])).toBe("3 of 5 came back within a week");
    expect(recoverySentence({ ...outcomes.plays[0]!, pending: 1 })).toBe("1 of 2 came back within a week (1 still waiting)");
    expect(recoverySentence({ ...outcomes.plays[0]!, sent: 0, recovered: 0, missed: 0, pending: 0 })).toBeUndefined();
  });

  it("shows the user's record beside each play", async () => {
    await renderInPane(<Plays analysis={analysis} onDraft={() => {}} onInvite={() => {}} />);

    const records = await screen.findAllByTestId("play-record");
    expect(records.map((r) => r.textContent)).toEqual([
      "Your record: 1 of 2 came back within a week (1 still waiting)",
      "Your record: 3 of 5 came back within a week",
    ]);
  });

  it("charts the user's plays, shows the team's rows with a rate only from five sends, and turns tracking off", async () => {
    const api = fakeApi();
    await renderInPane(<OutcomesView />, api, { kind: "browser" }, true);

    const mine = await screen.findByTestId("my-play-bars");
    expect(within(mine).getAllByTestId("outcome-bar").map((b) => b.textContent)).toEqual([
      expect.stringContaining("50%"),
      expect.stringContaining("60%"),
    ]);
    const rows = await screen.findAllByTestId("team-row");
    expect(rows.map((r) => r.textContent)).toEqual([
      "QBR invite · Calendar invite64 of 6 (67%)",
      "No team template · Genuinely worried check-in2needs 5 sends",
    ]);
    expect(within(screen.getByTestId("team-play-bars")).getAllByTestId("outcome-bar")[1]!.textContent).toContain("a rate shows from 5 sends");

    await userEvent.click(screen.getByRole("switch"));
    expect(api.setTracking).toHaveBeenCalledWith(false);
  });
});
