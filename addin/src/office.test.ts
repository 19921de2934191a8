import { describe, expect, it, vi } from "vitest";
import { installOutlook } from "./test/outlookMock";
import {
  REPLY_FORM_LIMIT_BYTES,
  detectHost,
  insertAtCursor,
  officeThemeIsDark,
  openAppointmentForm,
  openItem,
  openReplyAll,
  supportsNestedAppAuth,
  userTimeZone,
} from "./office";

describe("office", () => {
  it("runs as the browser preview when Office.js did not load", async () => {
    expect(await detectHost(10)).toEqual({ kind: "browser" });
  });

  it("runs as the browser preview when Office.onReady never answers", async () => {
    const office = installOutlook();
    office.onReady = () => new Promise(() => {});
    expect(await detectHost(10)).toEqual({ kind: "browser" });
  });

  it("knows an Outlook read form from a compose form", async () => {
    installOutlook({ mode: "read" });
    expect(await detectHost(100, "")).toEqual({ kind: "outlook", mode: "read" });
    installOutlook({ mode: "compose" });
    expect(await detectHost(100, "?mode=compose")).toEqual({ kind: "outlook", mode: "compose" });
  });

  it("converts the open item's id to its REST form for the API", () => {
    installOutlook();
    expect(openItem()).toEqual({ conversationId: "AAQkAGI2-conv", restId: "rest(v2.0):AAMkAGI2-ews=", subject: "Proposal and pricing" });
  });

  it("inserts the draft at the cursor as HTML in compose", async () => {
    const office = installOutlook({ mode: "compose" });
    await insertAtCursor("<p>Hi Dana</p>");
    expect(office.context.mailbox.item.body.inserted).toBe("<p>Hi Dana</p>");
    expect(office.context.mailbox.item.body.insertOptions).toEqual({ coercionType: "html" });
  });

  it("reports Outlook's refusal to insert", async () => {
    installOutlook({ mode: "compose", failInsert: "The item is read-only." });
    await expect(insertAtCursor("<p>x</p>")).rejects.toThrow("The item is read-only.");
  });

  it("opens reply-all with the drafted HTML in read mode", () => {
    const office = installOutlook({ mode: "read" });
    expect(openReplyAll("<p>Checking in</p>")).toBe(true);
    expect(office.context.mailbox.item.replyAllForm).toEqual({ htmlBody: "<p>Checking in</p>" });
  });

  it("refuses a draft over 32 KB so it can be saved through Graph instead", () => {
    const office = installOutlook({ mode: "read" });
    // 3-byte characters: the limit counts bytes, not characters.
    const html = "€".repeat(Math.floor(REPLY_FORM_LIMIT_BYTES / 3) + 1);
    expect(openReplyAll(html)).toBe(false);
    expect(office.context.mailbox.item.replyAllForm).toBeUndefined();
  });

  it("opens a prefilled meeting form", () => {
    const office = installOutlook();
    const start = new Date("2026-12-01T15:00:00Z");
    const end = new Date("2026-12-01T15:30:00Z");
    openAppointmentForm({ subject: "Proposal walk-through", start, end, requiredAttendees: ["dana@northwind.example"] });
    expect(office.context.mailbox.appointment).toEqual({ subject: "Proposal walk-through", start, end, requiredAttendees: ["dana@northwind.example"], body: "" });
  });

  it("takes the time zone from Outlook's mailbox settings", () => {
    installOutlook({ timeZone: "Pacific Standard Time" });
    expect(userTimeZone()).toBe("Pacific Standard Time");
  });

  it("takes the browser's time zone outside Outlook", () => {
    vi.unstubAllGlobals();
    expect(userTimeZone()).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
  });

  it("asks for NestedAppAuth 1.1", () => {
    installOutlook({ naa: true });
    expect(supportsNestedAppAuth()).toBe(true);
    installOutlook({ naa: false });
    expect(supportsNestedAppAuth()).toBe(false);
  });

  it("follows a dark Office theme", () => {
    installOutlook({ background: "#1f1f1f" });
    expect(officeThemeIsDark()).toBe(true);
    installOutlook({ background: "#ffffff" });
    expect(officeThemeIsDark()).toBe(false);
  });
});
