import { OfficeMockObject } from "office-addin-mock";
import { vi } from "vitest";

export interface OutlookMockOptions {
  mode?: "read" | "compose";
  naa?: boolean;
  background?: string;
  failInsert?: string;
  /** Outlook's mailbox time zone (userProfile.timeZone); a Windows id as Outlook on Windows gives it. */
  timeZone?: string;
  /** Mailbox 1.8: compose items have internetHeaders (the follow-up's tracking header). */
  mailbox18?: boolean;
}

/** Office.js as Outlook presents it, built with office-addin-mock; the calls are recorded on it. */
export function installOutlook(options: OutlookMockOptions = {}) {
  const mode = options.mode ?? "read";
  const readItem = {
    itemId: "AAMkAGI2-ews=",
    conversationId: "AAQkAGI2-conv",
    subject: "Proposal and pricing",
    displayReplyAllForm(this: Record<string, unknown>, form: unknown) {
      this.replyAllForm = form;
    },
  };
  const composeItem = {
    conversationId: "AAQkAGI2-conv",
    ...(options.mailbox18
      ? {
          internetHeaders: {
            setAsync(this: Record<string, unknown>, headers: Record<string, string>, callback: (r: unknown) => void) {
              this.headers = headers;
              callback({ status: "succeeded" });
            },
          },
        }
      : {}),
    body: {
      setSelectedDataAsync(this: Record<string, unknown>, data: string, opts: unknown, callback: (r: unknown) => void) {
        this.inserted = data;
        this.insertOptions = opts;
        callback(options.failInsert ? { status: "failed", error: { message: options.failInsert } } : { status: "succeeded" });
      },
    },
  };
  const data = {
    host: "outlook",
    HostType: { Outlook: "Outlook" },
    CoercionType: { Html: "html", Text: "text" },
    AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
    MailboxEnums: { RestVersion: { v2_0: "v2.0" } },
    EventType: { OfficeThemeChanged: "officeThemeChanged" },
    onReady: () => Promise.resolve({ host: "Outlook", platform: "OfficeOnline" }),
    auth: { getAccessToken: () => Promise.resolve("legacy-sso-token") },
    context: {
      requirements: {
        isSetSupported: (name: string, version: string) =>
          (options.naa !== false && name === "NestedAppAuth" && version === "1.1") || (options.mailbox18 === true && name === "Mailbox" && version === "1.8"),
      },
      officeTheme: { bodyBackgroundColor: options.background ?? "#ffffff" },
      mailbox: {
        userProfile: { timeZone: options.timeZone ?? "W. Europe Standard Time", emailAddress: "alex@contoso.example" },
        convertToRestId: (id: string, version: string) => `rest(${version}):${id}`,
        displayNewAppointmentForm(this: Record<string, unknown>, params: unknown) {
          this.appointment = params;
        },
        item: mode === "read" ? readItem : composeItem,
      },
    },
  };
  // The mock's shape is whatever `data` holds; tests read the recorded calls off it freely.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const office = new OfficeMockObject(data) as any;
  vi.stubGlobal("Office", office);
  return office;
}
