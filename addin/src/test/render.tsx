import { render } from "@testing-library/react";
import type { ReactElement } from "react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { vi } from "vitest";
import type { ApiClient, Draft, MyOutcomes, TeamOutcomes, ThreadAnalysis } from "../api";
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
  tone: "warm",
  to: [],
  bodyText: "Hi Dana,\n\nI'm genuinely worried something is wrong.",
  bodyHtml: "<p>Hi Dana,</p><p>I'm genuinely worried something is wrong.</p>",
  coach: { score: 61, band: "fair", reasons: [{ code: "word-count", message: "42 words", points: 12, maxPoints: 20 }], tips: [{ code: "dated-ask", message: "Add a dated ask." }] },
});

const figures = (key: string, label: string, sent: number, recovered: number, missed: number, rate?: number) =>
  ({ key, label, sent, recovered, recoveredByMeeting: 0, missed, pending: sent - recovered - missed, recoveryRate: rate, medianDaysToComeBack: recovered ? 2 : undefined });

export const outcomes: MyOutcomes = wire<MyOutcomes>({
  tracking: true,
  windowDays: 7,
  total: figures("all", "All", 8, 4, 3, 0.571),
  plays: [figures("worried-check-in", "Genuinely worried check-in", 3, 1, 1, 0.5), figures("calendar-invite", "Calendar invite", 5, 3, 2, 0.6)],
  templates: [],
  situations: [],
});

export const teamOutcomes: TeamOutcomes = wire<TeamOutcomes>({
  team: "t",
  minimumSends: 5,
  windowDays: 7,
  people: 3,
  plays: [figures("calendar-invite", "Calendar invite", 6, 4, 2, 0.667), figures("worried-check-in", "Genuinely worried check-in", 2, 1, 1)],
  rows: [
    { templateId: "abc", templateName: "QBR invite", play: "calendar-invite", playName: "Calendar invite", figures: figures("abc:calendar-invite", "Calendar invite", 6, 4, 2, 0.667) },
    { templateName: "No team template", play: "worried-check-in", playName: "Genuinely worried check-in", figures: figures(":worried-check-in", "Genuinely worried check-in", 2, 1, 1) },
  ],
});

export function fakeApi(overrides: Partial<ApiClient> = {}): ApiClient {
  const api = {
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
    outcomes: vi.fn(async () => outcomes),
    teamOutcomes: vi.fn(async () => teamOutcomes),
    settings: vi.fn(async () => ({ tracking: true, headerName: "X-GhostAssist-Play" })),
    setTracking: vi.fn(async (tracking: boolean) => ({ tracking, headerName: "X-GhostAssist-Play" })),
    remind: vi.fn(async (conversationId: string, dueDate: string) => ({ conversationId, messageId: "m1", dueDate, timeZone: "UTC", provider: "demo" })),
    ...overrides,
  } as ApiClient;
  // Unless a test streams pieces itself, the stream answers as the built-in composer does: one
  // draft event, at once, with what draft() answers (so a test's draft() stands for both).
  if (!overrides.streamDraft) api.streamDraft = vi.fn((request) => api.draft(request));
  return api;
}

export async function renderInPane(ui: ReactElement, api: ApiClient = fakeApi(), host: Host = { kind: "browser" }, tracking = false) {
  const me = await api.me();
  const kinds = await api.kinds();
  return render(
    <FluentProvider theme={webLightTheme}>
      <Pane.Provider value={{ api, host, me, kinds, tracking, setTracking: () => {} }}>{ui}</Pane.Provider>
    </FluentProvider>,
  );
}
