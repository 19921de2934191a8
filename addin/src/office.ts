// Every Office.js call the pane makes lives here, so the rest of the pane runs the same in a
// plain browser and unit tests can swap `Office` for an office-addin-mock object.

export type Host =
  | { kind: "browser" }
  | { kind: "outlook"; mode: "read" | "compose" };

/** The open message as the pane needs it to find its thread. */
export interface OpenItem {
  conversationId?: string;
  /** The item id in REST/Graph form (convertToRestId), when the item has one. */
  restId?: string;
  subject?: string;
}

/** displayReplyAllForm refuses an htmlBody over 32 KB. */
export const REPLY_FORM_LIMIT_BYTES = 32 * 1024;

function office(): typeof Office | undefined {
  return typeof Office === "undefined" ? undefined : Office;
}

/**
 * Outlook or a plain browser. Office.onReady never settles in some non-Office frames, so a short
 * timeout decides for the browser preview.
 */
export async function detectHost(timeoutMs = 2500, search = globalThis.location?.search ?? ""): Promise<Host> {
  const o = office();
  if (!o?.onReady) return { kind: "browser" };
  const info = await Promise.race([
    o.onReady().catch(() => undefined),
    new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), timeoutMs)),
  ]);
  if (!info || info.host !== o.HostType.Outlook) return { kind: "browser" };
  const item = o.context?.mailbox?.item as Partial<Office.MessageRead> | undefined;
  const readForm = typeof item?.displayReplyAllForm === "function";
  const compose = new URLSearchParams(search).get("mode") === "compose" || !readForm;
  return { kind: "outlook", mode: compose ? "compose" : "read" };
}

export function openItem(): OpenItem | undefined {
  const o = office();
  const mailbox = o?.context?.mailbox;
  const item = mailbox?.item as (Partial<Office.MessageRead> & Partial<Office.MessageCompose>) | undefined;
  if (!mailbox || !item) return undefined;
  const itemId = typeof item.itemId === "string" ? item.itemId : undefined;
  return {
    conversationId: item.conversationId ?? undefined,
    // Office.js ids are EWS-shaped; the API reads the thread through Graph, which wants REST ids.
    restId: itemId ? mailbox.convertToRestId(itemId, o.MailboxEnums.RestVersion.v2_0) : undefined,
    subject: typeof item.subject === "string" ? item.subject : undefined,
  };
}

/** Compose mode: put the draft where the cursor is. */
export function insertAtCursor(html: string): Promise<void> {
  const o = office();
  const item = o?.context?.mailbox?.item as Office.MessageCompose | undefined;
  if (!o || !item?.body?.setSelectedDataAsync) return Promise.reject(new Error("There is no message being composed."));
  return new Promise((resolve, reject) => {
    item.body.setSelectedDataAsync(html, { coercionType: o.CoercionType.Html }, (result) => {
      if (result.status === o.AsyncResultStatus.Failed) reject(new Error(result.error?.message ?? "Outlook refused the draft."));
      else resolve();
    });
  });
}

/** The custom header that marks a follow-up drafted by GhostAssist. */
export const TRACKING_HEADER = "X-GhostAssist-Play";

/**
 * Compose mode: marks the message being written as a tracked follow-up (Office.js internetHeaders,
 * Mailbox 1.8). Resolves "unsupported" where the host lacks the requirement set or the API (older
 * Outlook builds): the follow-up is then simply not tracked. Never rejects: tracking must not get
 * in the way of sending.
 */
export function setTrackingHeader(value: string): Promise<"set" | "unsupported" | "failed"> {
  const o = office();
  const item = o?.context?.mailbox?.item as (Office.MessageCompose & { internetHeaders?: Office.InternetHeaders }) | undefined;
  let supported = false;
  try {
    supported = o?.context?.requirements?.isSetSupported("Mailbox", "1.8") === true;
  } catch {
    supported = false;
  }
  if (!o || !supported || typeof item?.internetHeaders?.setAsync !== "function") return Promise.resolve("unsupported");
  return new Promise((resolve) => {
    try {
      item.internetHeaders!.setAsync({ [TRACKING_HEADER]: value }, (result) => {
        resolve(result.status === o.AsyncResultStatus.Failed ? "failed" : "set");
      });
    } catch {
      resolve("failed");
    }
  });
}

export function utf8Bytes(text: string): number {
  return new TextEncoder().encode(text).length;
}

/**
 * Read mode: open a reply-all prefilled with the draft. Returns false when the draft is too large
 * for the form, so the caller can save it through Graph instead.
 */
export function openReplyAll(html: string): boolean {
  const item = office()?.context?.mailbox?.item as Office.MessageRead | undefined;
  if (!item?.displayReplyAllForm) throw new Error("There is no open message to reply to.");
  if (utf8Bytes(html) > REPLY_FORM_LIMIT_BYTES) return false;
  item.displayReplyAllForm({ htmlBody: html });
  return true;
}

/**
 * The user's time zone for meeting times: Outlook's mailbox setting (a Windows or IANA id, the API
 * takes both), else the browser's; undefined only when neither knows (the API then uses its configured zone).
 */
export function userTimeZone(): string | undefined {
  const fromOutlook = office()?.context?.mailbox?.userProfile?.timeZone;
  if (typeof fromOutlook === "string" && fromOutlook.trim()) return fromOutlook;
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || undefined;
  } catch {
    return undefined;
  }
}

export interface AppointmentDraft {
  subject: string;
  start: Date;
  end: Date;
  requiredAttendees: string[];
  body?: string;
}

export function openAppointmentForm(draft: AppointmentDraft): void {
  const mailbox = office()?.context?.mailbox;
  if (!mailbox?.displayNewAppointmentForm) throw new Error("Outlook cannot open a meeting form here.");
  mailbox.displayNewAppointmentForm({
    requiredAttendees: draft.requiredAttendees,
    start: draft.start,
    end: draft.end,
    subject: draft.subject,
    body: draft.body ?? "",
  });
}

/** True when Office says its theme is dark; undefined outside Office. */
export function officeThemeIsDark(): boolean | undefined {
  const theme = office()?.context?.officeTheme;
  if (!theme?.bodyBackgroundColor) return undefined;
  return luminance(theme.bodyBackgroundColor) < 0.5;
}

export function luminance(hex: string): number {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})/i.exec(hex.trim());
  if (!m) return 1;
  const [r, g, b] = [m[1], m[2], m[3]].map((h) => parseInt(h ?? "ff", 16) / 255) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function supportsNestedAppAuth(): boolean {
  try {
    return office()?.context?.requirements?.isSetSupported("NestedAppAuth", "1.1") === true;
  } catch {
    return false;
  }
}

/** The legacy single sign-on token (Office.auth), for hosts without Nested App Authentication. */
export async function legacySsoToken(): Promise<string | undefined> {
  const auth = office()?.auth;
  if (!auth?.getAccessToken) return undefined;
  return auth.getAccessToken({ allowSignInPrompt: true, allowConsentPrompt: true, forMSGraphAccess: false });
}

/** Calls back when the user switches Office's theme (hosts without the event simply never call). */
export function onOfficeThemeChanged(callback: () => void): void {
  const o = office();
  const mailbox = o?.context?.mailbox as (Office.Mailbox & { addHandlerAsync?: Office.Mailbox["addHandlerAsync"] }) | undefined;
  try {
    mailbox?.addHandlerAsync?.(o!.EventType.OfficeThemeChanged, callback);
  } catch {
    // Older requirement sets have no theme event; the theme stays as it was at start.
  }
}
