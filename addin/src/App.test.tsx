import { describe, expect, it, vi } from "vitest";
import { render, screen, waitFor } from "@testing-library/react";
import { ApiError } from "./api";
import { App, resolveConversation } from "./App";
import { fakeApi } from "./test/render";
import { installOutlook } from "./test/outlookMock";

describe("the open message's thread", () => {
  it("is the conversation the API's mailbox files the message under, not Office.js's id", async () => {
    const api = fakeApi({ messageConversation: vi.fn(async () => ({ conversationId: "graph-conv" })) });
    expect(await resolveConversation(api, { conversationId: "office-conv", restId: "AAMk/rest=" })).toBe("graph-conv");
    expect(api.messageConversation).toHaveBeenCalledWith("AAMk/rest=");
  });

  it("falls back to Office.js's conversation id when the mailbox does not know the message", async () => {
    const api = fakeApi({ messageConversation: vi.fn().mockRejectedValue(new ApiError(404, { status: 404 })) });
    expect(await resolveConversation(api, { conversationId: "office-conv", restId: "unsaved" })).toBe("office-conv");
  });

  it("lets any other failure show, rather than guess a thread", async () => {
    const api = fakeApi({ messageConversation: vi.fn().mockRejectedValue(new ApiError(503, { status: 503, detail: "Microsoft Graph is busy." })) });
    await expect(resolveConversation(api, { conversationId: "office-conv", restId: "r" })).rejects.toThrow("Microsoft Graph is busy.");
  });

  it("uses Office.js's id when composing a new message, which has no item id yet", async () => {
    const api = fakeApi();
    expect(await resolveConversation(api, { conversationId: "office-conv" })).toBe("office-conv");
    expect(api.messageConversation).not.toHaveBeenCalled();
  });

  it("opens the pane on the resolved thread's analysis in Outlook", async () => {
    installOutlook();
    const api = fakeApi({ messageConversation: vi.fn(async () => ({ conversationId: "graph-conv" })) });
    render(<App api={api} host={{ kind: "outlook", mode: "read" }} item={{ conversationId: "office-conv", restId: "AAMk/rest=" }} />);
    expect(await screen.findByTestId("risk-card")).toBeTruthy();
    // The thread is asked for by the resolved id alone: the API never read a ?messageId= beside it.
    await waitFor(() => expect(api.analysis).toHaveBeenCalledWith("graph-conv"));
    expect(api.analysis).not.toHaveBeenCalledWith("office-conv");
  });
});
