// The API's wire shapes and the one client the pane uses. When the API moves a field, this file
// is the only place that changes.

export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: Record<string, string[]>;
  [extension: string]: unknown;
}

export class ApiError extends Error {
  constructor(
    public readonly status: number,
    public readonly problem: Problem,
  ) {
    super(problemMessage(status, problem));
    this.name = "ApiError";
  }
}

export function problemMessage(status: number, problem: Problem): string {
  const validation = problem.errors ? Object.values(problem.errors).flat().join(" ") : "";
  return problem.detail || validation || problem.title || `The request failed (${status}).`;
}

export interface AuthConfig {
  mode: "demo" | "entra";
  clientId?: string;
  authority?: string;
  scopes?: string[];
}
export interface ConfigResponse {
  auth: AuthConfig;
}

export interface Me {
  user: { id: string; tenantId: string; name: string; email?: string; roles: string[]; isTeamLead: boolean };
  sources: { auth?: string; mailbox?: string; composer?: string; invites?: string; templates?: string };
}

export type RiskLevel = "low" | "medium" | "high" | "critical" | string;

export interface GhostRisk {
  score: number;
  level: RiskLevel;
  reasons: string[];
}

export interface RadarItem {
  conversationId: string;
  subject: string;
  contact?: { name?: string; address?: string; company?: string };
  lastMessageAt?: string;
  daysSilent?: number;
  unansweredChases?: number;
  awaitingThem?: boolean;
  ghostRisk?: GhostRisk;
  /** The top reasons, as sentences. */
  reasons?: string[];
  nextPlay?: string;
  messageCount?: number;
}

export interface Evidence {
  messageId: string;
  quote: string;
}
export interface Signal {
  code: string;
  message: string;
  weight: number;
  evidence: Evidence[];
}
export interface Recommendation {
  kind: string;
  why: string;
}
export interface Participant {
  address: string;
  name?: string;
  side: "ours" | "theirs";
  organisation?: string;
  title?: string;
  isMainContact: boolean;
  isSenior: boolean;
}
export interface AnalyzedMessage {
  id: string;
  fromAddress?: string;
  fromName?: string;
  sentDateTime?: string;
  fromUs: boolean;
  isAutoReply: boolean;
  newText: string;
  signature?: string;
}
export interface ThreadAnalysis {
  conversationId: string;
  subject: string;
  me?: string;
  daysSilent?: number;
  unansweredChases: number;
  awaitingThem: boolean;
  ghostRisk: GhostRisk;
  signals: Signal[];
  recommended: Recommendation[];
  participants: Participant[];
  messages: AnalyzedMessage[];
  facts?: Record<string, unknown>;
}

export interface FollowUpKind {
  id: string;
  name: string;
  whenToUse?: string;
  [more: string]: unknown;
}

export type Tone = "warm" | "direct" | "formal";

/** One line of the coach: why the score is what it is, or what to change. */
export interface CoachNote {
  code?: string;
  message: string;
  points?: number;
  maxPoints?: number;
}

export interface Coach {
  score: number;
  /** "weak" | "fair" | "strong" ... */
  band?: string;
  reasons?: (CoachNote | string)[];
  tips?: (CoachNote | string)[];
  [more: string]: unknown;
}

export function noteText(note: CoachNote | string): string {
  return typeof note === "string" ? note : note.message;
}

export interface DraftRequest {
  conversationId: string;
  kind: string;
  tone?: Tone;
  templateId?: string;
  /** Who the note goes to instead of the main contact (an address): the multi-thread play's second stakeholder. */
  recipient?: string;
  saveToOutlook?: boolean;
}
export interface Draft {
  subject: string;
  to: Attendee[];
  cc?: Attendee[];
  bodyText: string;
  bodyHtml: string;
  coach: Coach;
  facts?: DraftFacts;
  provider?: string;
  warnings?: string[];
  webLink?: string;
}

/** The thread facts a draft was grounded in (ThreadFacts on the API). */
export interface DraftFacts {
  contactFirstName?: string;
  contactName?: string;
  company?: string;
  userFirstName?: string;
  userName?: string;
  [more: string]: unknown;
}

export interface Slot {
  start: string;
  end: string;
  startLocal?: string;
  endLocal?: string;
  label?: string;
}
export interface Proposals {
  timeZone: string;
  durationMinutes?: number;
  slots: Slot[];
  attendees?: Attendee[];
  reason?: string;
}
export interface Attendee {
  address: string;
  name?: string;
}
/** A thread's meeting: the zone is the user's (IANA or Windows id), so slots fall in their working hours. */
export interface InviteRequest {
  conversationId: string;
  timeZone?: string;
}

/** What a create would send, for Outlook's prefilled meeting form (POST /api/invites/preview). */
export interface InvitePreview {
  subject: string;
  start: string;
  end: string;
  timeZone: string;
  attendees: Attendee[];
  bodyText: string;
  bodyHtml: string;
}

export interface Invite {
  id: string;
  subject: string;
  start: string;
  end: string;
  attendees: (Attendee | string)[];
  icsUrl?: string;
  webLink?: string;
  provider: string;
  bodyText?: string;
}

export type TemplateScope = "personal" | "team";
export interface Template {
  id: string;
  name: string;
  kind: string;
  subject: string;
  body: string;
  tags?: string[];
  scope: TemplateScope;
  published?: boolean;
  archived?: boolean;
  version: number;
  /** The value for If-Match; the API sends it with every template. */
  etag?: string;
  canEdit?: boolean;
  usage?: { used: number; inserted: number };
  ownerName?: string;
  updatedBy?: string;
  updatedAt?: string;
  [more: string]: unknown;
}
export interface TemplateInput {
  name: string;
  kind: string;
  subject: string;
  body: string;
  tags?: string[];
  scope: TemplateScope;
  published?: boolean;
}

export interface TemplateVariable {
  name: string;
  /** What to type: "{{contactFirstName}}". */
  token: string;
  description: string;
  example?: string;
}

/** Gives a bearer token for the API; `claims` is set when the API asked for a claims challenge. */
export type TokenSource = (claims?: string) => Promise<string | undefined>;

export interface ApiClient {
  config(): Promise<ConfigResponse>;
  me(): Promise<Me>;
  threads(): Promise<RadarItem[]>;
  analysis(conversationId: string, restId?: string): Promise<ThreadAnalysis>;
  kinds(): Promise<FollowUpKind[]>;
  draft(request: DraftRequest): Promise<Draft>;
  /** Graph's conversation id of a message, by its REST id (Office.js's own conversationId can differ). */
  messageConversation(restId: string): Promise<{ conversationId: string }>;
  /** `kind` scores the draft as that play (a WIIFM summary needs no question or ask). */
  coach(subject: string, body: string, kind?: string, signal?: AbortSignal): Promise<Coach>;
  proposals(request: InviteRequest, durationMinutes?: number): Promise<Proposals>;
  createInvite(request: InviteRequest, slot: Slot, idempotencyKey: string): Promise<Invite>;
  previewInvite(request: InviteRequest, slot: Slot): Promise<InvitePreview>;
  templates(): Promise<Template[]>;
  createTemplate(input: TemplateInput): Promise<Template>;
  updateTemplate(template: Template, input: TemplateInput): Promise<Template>;
  publishTemplate(template: Template, published: boolean): Promise<Template>;
  deleteTemplate(template: Template): Promise<void>;
  templateUsage(templateId: string, event: "used" | "inserted"): Promise<void>;
  templateVariables(): Promise<TemplateVariable[]>;
}

/** The claims challenge of a 401 (`WWW-Authenticate: Bearer ..., claims="<base64 or json>"`). */
export function claimsChallenge(header: string | null): string | undefined {
  const match = header ? /claims="([^"]+)"/i.exec(header) : null;
  if (!match?.[1]) return undefined;
  const raw = match[1];
  if (raw.trim().startsWith("{")) return raw;
  try {
    return atob(raw);
  } catch {
    return undefined;
  }
}

const etagOf = (template: Template) => template.etag ?? `"${template.version}"`;

export function createApi(tokens: TokenSource, baseUrl = "", fetcher: typeof fetch = (...a) => fetch(...a)): ApiClient {
  async function send(method: string, path: string, body?: unknown, headers: Record<string, string> = {}, signal?: AbortSignal): Promise<Response> {
    const attempt = async (claims?: string) => {
      const token = await tokens(claims);
      const all: Record<string, string> = { Accept: "application/json", ...headers };
      if (token) all.Authorization = `Bearer ${token}`;
      if (body !== undefined) all["Content-Type"] = "application/json";
      return fetcher(baseUrl + path, { method, headers: all, body: body === undefined ? undefined : JSON.stringify(body), signal });
    };
    let response = await attempt();
    if (response.status === 401) {
      // Conditional access or consent: ask for a token satisfying the API's claims, once.
      const claims = claimsChallenge(response.headers.get("WWW-Authenticate"));
      if (claims) response = await attempt(claims);
    }
    if (!response.ok) {
      let problem: Problem = {};
      try {
        problem = (await response.json()) as Problem;
      } catch {
        problem = { title: response.statusText };
      }
      throw new ApiError(response.status, problem);
    }
    return response;
  }

  async function json<T>(method: string, path: string, body?: unknown, headers?: Record<string, string>, signal?: AbortSignal): Promise<T> {
    const response = await send(method, path, body, headers, signal);
    return (await response.json()) as T;
  }

  const id = encodeURIComponent;

  return {
    config: () => json<ConfigResponse>("GET", "/api/config").catch((error: unknown) => {
      // An API without /api/config predates sign-in: it runs on demo.
      if (error instanceof ApiError && error.status === 404) return { auth: { mode: "demo" as const } };
      throw error;
    }),
    me: () => json("GET", "/api/me"),
    threads: () => json("GET", "/api/threads"),
    analysis: (conversationId, restId) =>
      json("GET", `/api/threads/${id(conversationId)}/analysis${restId ? `?messageId=${id(restId)}` : ""}`),
    kinds: () => json("GET", "/api/followups/kinds"),
    draft: (request) => json("POST", "/api/drafts", request),
    messageConversation: (restId) => json("GET", `/api/messages/${id(restId)}/conversation`),
    coach: (subject, body, kind, signal) => json("POST", "/api/coach", { subject, body, kind }, undefined, signal),
    proposals: (request, durationMinutes) => json("POST", "/api/invites/proposals", { ...request, durationMinutes }),
    createInvite: (request, slot, idempotencyKey) =>
      json("POST", "/api/invites", { ...request, slot: { start: slot.start, end: slot.end } }, { "Idempotency-Key": idempotencyKey }),
    previewInvite: (request, slot) => json("POST", "/api/invites/preview", { ...request, slot: { start: slot.start, end: slot.end } }),
    templates: () => json("GET", "/api/templates"),
    createTemplate: (input) => json("POST", "/api/templates", input),
    updateTemplate: (template, input) =>
      json("PUT", `/api/templates/${id(template.id)}`, { name: input.name, kind: input.kind, subject: input.subject, body: input.body, tags: input.tags }, { "If-Match": etagOf(template) }),
    publishTemplate: (template, published) =>
      json("POST", `/api/templates/${id(template.id)}/${published ? "publish" : "unpublish"}`, undefined, { "If-Match": etagOf(template) }),
    templateVariables: () => json("GET", "/api/templates/variables"),
    templateUsage: async (templateId, event) => {
      await send("POST", `/api/templates/${id(templateId)}/usage`, { event });
    },
    deleteTemplate: async (template) => {
      await send("DELETE", `/api/templates/${id(template.id)}`, undefined, { "If-Match": etagOf(template) });
    },
  };
}
