import { render } from "@testing-library/react";
import type { ReactElement } from "react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { vi } from "vitest";
import type { ApiClient, Draft, ThreadAnalysis } from "../api";
import { Pane } from "../context";
import type { Host } from "../office";

/** A wire object naming only the fields a test reads; the rest are left out, as a partial answer would. */
export function wire<T>(partial: DeepPartial<T>): T {
  return partial as T;
}
type DeepPartial<T> = T extends (infer U)[] ? DeepPartial<U>[] : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;

export const analysis: ThreadAnalysis = wire<ThreadAnalysis>({
  conversationId: "conv-1",
  subject: "Proposal and pricing",
  daysSilent: 15,
  unansweredChases: 3,
  awaitingThem: true,
  ghostRisk: { score: 82, level: "high", reasons: ["15 days silent"] },
  signals: [
    { code: "days-silent", message: "Dana has not replied for 15 days.", weight: 30, evidence: [{ messageId: "m1", quote: "We need to decide this month." }] },
    { code: "unanswered-chases", message: "3 chases went unanswered.", weight: 25, evidence: [] },
  ],
  recommended: [{ kind: "worried-check-in", why: "Three chases without a reply: ask honestly whether something is wrong." }],
  participants: [{ address: "dana@northwind.example", name: "Dana", side: "theirs", isMainContact: true, isSenior: false }],
  messages: [{ id: "m1", fromName: "Dana Whitfield", sentDateTime: "2026-10-20T10:00:00Z", fromUs: false, isAutoReply: false, newText: "" }],
});

export const draft: Draft = wire<Draft>({
  subject: "Is something wrong?",
  to: [],
  bodyText: "Hi Dana,\n\nI'm genuinely worried something is wrong.",
  bodyHtml: "<p>Hi Dana,</p><p>I'm genuinely worried something is wrong.</p>",
  coach: { score: 61, band: "fair", reasons: [{ code: "word-count", message: "42 words", points: 12, maxPoints: 20 }], tips: [{ code: "dated-ask", message: "Add a dated ask." }] },
});

export function fakeApi(overrides: Partial<ApiClient> = {}): ApiClient {
  return {
    config: vi.fn(async () => ({ auth: { mode: "demo" as const } })),
    me: vi.fn(async () => ({ user: { id: "u", tenantId: "t", name: "Alex Morgan", roles: ["TeamLead"], isTeamLead: true }, sources: { mailbox: "demo" } })),
    threads: vi.fn(async () => []),
    analysis: vi.fn(async () => analysis),
    kinds: vi.fn(async () => [
      { id: "worried-check-in", name: "Genuinely worried check-in" },
      { id: "calendar-invite", name: "Calendar invite" },
    ]),
    draft: vi.fn(async () => draft),
    saveToDrafts: vi.fn(async () => ({ conversationId: "conv-1", outlookMessageId: "draft-1", webLink: "https://outlook.example/draft-1" })),
    coach: vi.fn(async () => ({ score: 77, reasons: ["Has a question"], tips: [] })),
    proposals: vi.fn(async () => ({ timeZone: "UTC", slots: [] })),
    createInvite: vi.fn(),
    previewInvite: vi.fn(),
    messageConversation: vi.fn(async () => ({ conversationId: "conv-1" })),
    templates: vi.fn(async () => []),
    createTemplate: vi.fn(),
    updateTemplate: vi.fn(),
    publishTemplate: vi.fn(),
    deleteTemplate: vi.fn(),
    templateUsage: vi.fn(async () => {}),
    templateVariables: vi.fn(async () => [{ name: "contactFirstName", token: "{{contactFirstName}}", description: "The contact's first name." }]),
    ...overrides,
  } as ApiClient;
}

export async function renderInPane(ui: ReactElement, api: ApiClient = fakeApi(), host: Host = { kind: "browser" }) {
  const me = await api.me();
  const kinds = await api.kinds();
  return render(
    <FluentProvider theme={webLightTheme}>
      <Pane.Provider value={{ api, host, me, kinds }}>{ui}</Pane.Provider>
    </FluentProvider>,
  );
}
