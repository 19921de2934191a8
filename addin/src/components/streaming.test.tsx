import { describe, expect, it, vi } from "vitest";
import { act, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { ApiError } from "../api";
import type { Draft, DraftDelta, DraftRequest } from "../api";
import { draft, fakeApi, renderInPane } from "../test/render";
import { DraftView } from "./DraftView";

/** A stream the test drives: it writes pieces, then finishes or fails; an abort rejects it as fetch does. */
function modelStream() {
  const calls: { request: DraftRequest; onDelta: (d: DraftDelta) => void; resolve: (d: Draft) => void; reject: (e: unknown) => void; signal?: AbortSignal }[] = [];
  const streamDraft = vi.fn(
    (request: DraftRequest, onDelta: (d: DraftDelta) => void, signal?: AbortSignal) =>
      new Promise<Draft>((resolve, reject) => {
        calls.push({ request, onDelta, resolve, reject, signal });
        signal?.addEventListener("abort", () => reject(new DOMException("The user aborted a request.", "AbortError")));
      }),
  );
  const last = () => {
    const call = calls[calls.length - 1];
    if (!call) throw new Error("The pane has not asked for a draft yet.");
    return call;
  };
  return {
    streamDraft,
    last,
    write: (delta: DraftDelta) => act(() => last().onDelta(delta)),
    finish: (d: Draft) => act(async () => last().resolve(d)),
    fail: (e: unknown) => act(async () => last().reject(e)),
  };
}

const writingBody = () => screen.getByTestId("draft-writing-body") as HTMLTextAreaElement;

async function startWriting(model: ReturnType<typeof modelStream>) {
  await renderInPane(<DraftView conversationId="conv-1" kind="worried-check-in" onInvite={() => {}} />, fakeApi({ streamDraft: model.streamDraft }));
  await waitFor(() => expect(model.streamDraft).toHaveBeenCalledTimes(1));
  await model.write({ subject: "Is something wrong?", text: "" });
  await model.write({ text: "Hi Dana,\n\n" });
}

describe("a draft written by a model", () => {
  it("shows the text as it is written, read-only with Stop, then the editor and coach when it is whole", async () => {
    const model = modelStream();
    await startWriting(model);

    expect(screen.getByText("Writing…")).toBeTruthy();
    expect(screen.getByRole("button", { name: "Stop" })).toBeTruthy();
    expect(writingBody().value).toBe("Hi Dana,\n\n");
    expect(writingBody().readOnly).toBe(true);
    expect((screen.getByRole("textbox", { name: "Subject" }) as HTMLInputElement).value).toBe("Is something wrong?");
    // Nothing can leave the pane, and nothing is scored, before the draft is whole.
    expect(screen.queryByTestId("coach-score")).toBeNull();
    expect(screen.queryByRole("button", { name: "Copy" })).toBeNull();
    expect(screen.queryByTestId("draft-body")).toBeNull();

    await model.write({ text: "I'm genuinely worried" });
    expect(writingBody().value).toBe("Hi Dana,\n\nI'm genuinely worried");

    await model.finish(draft);
    expect((await screen.findByTestId("coach-score")).textContent).toContain("61");
    expect((screen.getByTestId("draft-body") as HTMLTextAreaElement).value).toBe(draft.bodyText);
    expect((screen.getByTestId("draft-body") as HTMLTextAreaElement).readOnly).toBe(false);
    expect(screen.queryByTestId("draft-writing")).toBeNull();
    expect(screen.queryByText("Writing…")).toBeNull();
  });

  it("Stop aborts the request and keeps nothing of the half-written draft", async () => {
    const model = modelStream();
    await startWriting(model);

    await userEvent.click(screen.getByRole("button", { name: "Stop" }));

    expect(model.last().signal?.aborted).toBe(true);
    expect(screen.getByTestId("draft-stopped").textContent).toContain("nothing of it was kept");
    expect(screen.queryByTestId("draft-writing")).toBeNull();
    expect(screen.queryByTestId("draft-body")).toBeNull();
    expect(screen.queryByRole("alert")).toBeNull();

    await userEvent.click(screen.getByRole("button", { name: "Draft again" }));
    await waitFor(() => expect(model.streamDraft).toHaveBeenCalledTimes(2));
    expect(screen.queryByTestId("draft-stopped")).toBeNull();
    await model.finish(draft);
    expect(await screen.findByTestId("coach-score")).toBeTruthy();
  });

  it("a stop while redrafting brings back the whole draft it was replacing", async () => {
    const model = modelStream();
    await startWriting(model);
    await model.finish(draft);
    await screen.findByTestId("coach-score");

    await userEvent.click(screen.getByRole("button", { name: "Formal" }));
    await waitFor(() => expect(model.streamDraft).toHaveBeenCalledTimes(2));
    expect(model.streamDraft).toHaveBeenLastCalledWith(expect.objectContaining({ tone: "formal" }), expect.any(Function), expect.any(AbortSignal));
    await model.write({ subject: "A formal note", text: "Dear Dana," });
    expect(writingBody().value).toBe("Dear Dana,");
    expect(screen.queryByTestId("draft-body")).toBeNull();

    await userEvent.click(screen.getByRole("button", { name: "Stop" }));
    expect((screen.getByTestId("draft-body") as HTMLTextAreaElement).value).toBe(draft.bodyText);
    expect(screen.getByTestId("draft-stopped")).toBeTruthy();
    // The tone shown is the one the draft on screen was written in; choosing Formal again asks for it again.
    expect(screen.getByRole("button", { name: "Warm" }).getAttribute("aria-pressed")).toBe("true");
    expect(screen.getByRole("button", { name: "Formal" }).getAttribute("aria-pressed")).toBe("false");
    await userEvent.click(screen.getByRole("button", { name: "Formal" }));
    await waitFor(() => expect(model.streamDraft).toHaveBeenCalledTimes(3));
    expect(model.streamDraft).toHaveBeenLastCalledWith(expect.objectContaining({ tone: "formal" }), expect.any(Function), expect.any(AbortSignal));
  });

  it("shows a stream that ends without its draft as an error, with nothing half-written left", async () => {
    const model = modelStream();
    await startWriting(model);

    await model.fail(new Error("The draft stopped before it was finished, so nothing of it was kept. Try again."));

    expect((await screen.findByRole("alert")).textContent).toContain("stopped before it was finished");
    expect(screen.queryByTestId("draft-writing")).toBeNull();
    expect(screen.queryByTestId("draft-body")).toBeNull();
    expect(screen.queryByRole("button", { name: "Copy" })).toBeNull();
    await userEvent.click(screen.getByRole("button", { name: "Retry" }));
    await waitFor(() => expect(model.streamDraft).toHaveBeenCalledTimes(2));
  });

  it("shows a problem event in the error bar", async () => {
    const model = modelStream();
    await startWriting(model);

    await model.fail(new ApiError(500, { status: 500, title: "Something went wrong", detail: "The draft could not be finished. Try again." }));

    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("Could not draft this play");
    expect(alert.textContent).toContain("The draft could not be finished. Try again.");
    expect(screen.queryByTestId("draft-writing")).toBeNull();
  });

  it("with the built-in composer shows the whole draft at once, as before, with no writing state", async () => {
    const api = fakeApi();
    const { container } = await renderInPane(<DraftView conversationId="conv-1" kind="worried-check-in" onInvite={() => {}} />, api);
    // Seen on every render until the draft shows: the skeleton, never the writing view.
    const seen = new Set<string>();
    const observer = new MutationObserver(() => container.querySelector('[data-testid="draft-writing"]') && seen.add("writing"));
    observer.observe(container, { childList: true, subtree: true });
    expect((await screen.findByTestId("coach-score")).textContent).toContain("61");
    observer.disconnect();
    expect(seen.size).toBe(0);
    expect(api.streamDraft).toHaveBeenCalledWith(expect.objectContaining({ conversationId: "conv-1", kind: "worried-check-in" }), expect.any(Function), expect.any(AbortSignal));
    expect(screen.queryByRole("button", { name: "Stop" })).toBeNull();
  });
});
