// The API's wire shapes and the one client the pane uses. The shapes are generated from the API's
// OpenAPI document (addin/openapi.json → src/generated/api.d.ts, `bash scripts/api-types.sh`); this
// file only names them. When the API moves a field, regenerate: the pane then fails to build where it
// still uses the old shape, and the test command fails while the generated files are out of date.
import type { components } from "./generated/api";
import { readSse } from "./sse";
import type { SseEvent } from "./sse";

type Schemas = components["schemas"];

/** An RFC 7807 problem; validation problems add `errors` (field → messages). */
export type Problem = Schemas["Microsoft.AspNetCore.Mvc.ProblemDetails"] & { errors?: Record<string, string[]> };

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

export type AuthConfig = Schemas["Identity.MeApi.ClientAuthConfig"];
export type ConfigResponse = Schemas["Identity.MeApi.ClientConfig"];
export type Me = Schemas["Identity.MeApi.MeResponse"];

export type GhostRisk = Schemas["Analysis.GhostRisk"];
export type RiskLevel = GhostRisk["level"];
export type RadarItem = Schemas["Threads.ThreadsApi.RadarItem"];

export type Evidence = Schemas["Analysis.Evidence"];
export type Signal = Schemas["Analysis.Signal"];
export type Recommendation = Schemas["Analysis.Recommendation"];
export type Participant = Schemas["Analysis.Participant"];
export type AnalyzedMessage = Schemas["Analysis.AnalyzedMessage"];
export type ThreadAnalysis = Schemas["Analysis.ThreadAnalysis"];

export type FollowUpKind = Schemas["Drafting.FollowUpKind"];

/** The tones the pane offers (the API also accepts none, for the play's default). */
export type Tone = "warm" | "direct" | "formal";

/** One line of the coach: why the score is what it is, or what to change. */
export type CoachNote = Schemas["Drafting.CoachNote"];
export type Coach = Schemas["Drafting.CoachResult"];

export function noteText(note: CoachNote): string {
  return note.message;
}

export type DraftRequest = Schemas["Drafting.DraftRequest"];
export type Draft = Schemas["Drafting.DraftResponse"];
/** One event of POST /api/drafts/stream. */
export type DraftStreamEvent = Schemas["Drafting.DraftStreamEvent"];
/** What a model has written so far: the subject once known, then each new piece of the body. */
export type DraftDelta = Pick<DraftStreamEvent, "subject" | "text">;
/** The thread facts a draft was grounded in. */
export type DraftFacts = Schemas["Analysis.ThreadFacts"];

export type Slot = Schemas["Invites.InvitesApi.SlotDto"];
/** The part of a proposed slot an invite is created from. */
export type SlotTime = Pick<Slot, "start" | "end">;
export type Proposals = Schemas["Invites.InvitesApi.ProposalResponse"];
export type Attendee = Schemas["Invites.InvitesApi.AttendeeDto"];
/** A thread's meeting: the zone is the user's (IANA or Windows id), so slots fall in their working hours. */
export type InviteRequest = Required<Pick<Schemas["Invites.InvitesApi.ProposalRequest"], "conversationId">> &
  Pick<Schemas["Invites.InvitesApi.ProposalRequest"], "timeZone">;
/** What a create would send, for Outlook's prefilled meeting form (POST /api/invites/preview). */
export type InvitePreview = Schemas["Invites.InvitesApi.InvitePreview"];
export type Invite = Schemas["Invites.InvitesApi.InviteResponse"];

export type TemplateScope = Template["scope"];
export type Template = Schemas["Templates.TemplateDto"];
/** What the template form edits: the fields of a template the user types (a subset of the create request). */
export type TemplateInput = Pick<Template, "name" | "kind" | "subject" | "body"> &
  Partial<Pick<Template, "tags" | "published">> & { scope: TemplateScope };
/** Enough of a template to address it and send its ETag. */
export type TemplateRef = Pick<Template, "id" | "version"> & Partial<Omit<Template, "id" | "version">>;
export type TemplateVariable = Schemas["Templates.TemplateVariableDto"];
export type MessageConversation = Schemas["Mail.MessagesApi.MessageConversation"];
export type SaveDraftRequest = Schemas["Drafting.SaveDraftRequest"];
export type SavedDraft = Schemas["Drafting.SavedDraftResponse"];

export type OutcomeFigures = Schemas["Outcomes.OutcomesApi.OutcomeFigures"];
export type MyOutcomes = Schemas["Outcomes.OutcomesApi.MyOutcomes"];
export type TeamOutcomes = Schemas["Outcomes.OutcomesApi.TeamOutcomes"];
export type TeamOutcomeRow = Schemas["Outcomes.OutcomesApi.TeamOutcomeRow"];
export type MeSettings = Schemas["Outcomes.OutcomesApi.MeSettings"];
export type Reminder = Schemas["Outcomes.OutcomesApi.ReminderResponse"];

/**
 * The value of the X-GhostAssist-Play header a tracked follow-up carries (the API parses it; see
 * docs/decisions/0800): the play, the thread's strongest signal when drafted, the template if any.
 */
export function trackingMarker(play: string, situation: string | undefined, templateId?: string | null): string {
  const value = `${play}; situation=${situation && /^[A-Za-z][A-Za-z0-9-]{0,39}$/.test(situation) ? situation : "none"}`;
  return templateId ? `${value}; template=${templateId.replace(/-/g, "")}` : value;
}

/** Gives a bearer token for the API; `claims` is set when the API asked for a claims challenge. */
export type TokenSource = (claims?: string) => Promise<string | undefined>;

export interface ApiClient {
  config(): Promise<ConfigResponse>;
  me(): Promise<Me>;
  threads(): Promise<RadarItem[]>;
  analysis(conversationId: string): Promise<ThreadAnalysis>;
  kinds(): Promise<FollowUpKind[]>;
  draft(request: DraftRequest): Promise<Draft>;
  /**
   * The same draft, streamed: `onDelta` gets each piece while a model writes, and the promise gives
   * the whole draft with its coach. A problem (before or during the stream) is an ApiError; a stream
   * that ends without its draft is an error too, so a half-written draft is never taken for a whole one.
   */
  streamDraft(request: DraftRequest, onDelta: (delta: DraftDelta) => void, signal?: AbortSignal): Promise<Draft>;
  /** Saves the text the user sees (edited or not) as a reply-all draft in Outlook: nothing is drafted again. */
  saveToDrafts(request: SaveDraftRequest): Promise<SavedDraft>;
  /** Graph's conversation id of a message, by its REST id (Office.js's own conversationId can differ). */
  messageConversation(restId: string): Promise<MessageConversation>;
  /** `kind` scores the draft as that play (a WIIFM summary needs no question or ask). */
  coach(subject: string, body: string, kind?: string, signal?: AbortSignal): Promise<Coach>;
  proposals(request: InviteRequest, durationMinutes?: number): Promise<Proposals>;
  createInvite(request: InviteRequest, slot: SlotTime, idempotencyKey: string): Promise<Invite>;
  previewInvite(request: InviteRequest, slot: SlotTime): Promise<InvitePreview>;
  templates(): Promise<Template[]>;
  createTemplate(input: TemplateInput): Promise<Template>;
  updateTemplate(template: TemplateRef, input: TemplateInput): Promise<Template>;
  publishTemplate(template: TemplateRef, published: boolean): Promise<Template>;
  deleteTemplate(template: TemplateRef): Promise<void>;
  templateUsage(templateId: string, event: "used" | "inserted"): Promise<void>;
  templateVariables(): Promise<TemplateVariable[]>;
  outcomes(): Promise<MyOutcomes>;
  teamOutcomes(team?: string): Promise<TeamOutcomes>;
  settings(): Promise<MeSettings>;
  setTracking(tracking: boolean): Promise<MeSettings>;
  /** Flags the thread's newest message in Outlook, due on `dueDate` (yyyy-MM-dd), with a reminder. */
  remind(conversationId: string, dueDate: string, timeZone?: string): Promise<Reminder>;
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

const etagOf = (template: TemplateRef) => template.etag ?? `"${template.version}"`;

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

  async function streamDraft(request: DraftRequest, onDelta: (delta: DraftDelta) => void, signal?: AbortSignal): Promise<Draft> {
    // Problem details are named too: a refusal (400/404/422) comes back as problem+json before anything streams.
    const response = await send("POST", "/api/drafts/stream", request, { Accept: "text/event-stream, application/problem+json" }, signal);
    if (!response.body) throw new Error("The browser could not read the draft as it was written. Try again.");
    const events = readSse(response.body);
    try {
      return await readDraft(events, onDelta, signal);
    } finally {
      // Lets the connection go when the reading ends early (the draft or a problem came, or it broke).
      void events.return(undefined);
    }
  }

  async function readDraft(events: AsyncGenerator<SseEvent>, onDelta: (delta: DraftDelta) => void, signal?: AbortSignal): Promise<Draft> {
    for (;;) {
      let next: IteratorResult<SseEvent>;
      try {
        next = await events.next();
      } catch (error) {
        // A Stop is the caller's own abort; anything else is the connection failing mid-draft.
        if (signal?.aborted) throw error;
        throw new Error("The connection was lost while the draft was written, so nothing of it was kept. Try again.");
      }
      if (next.done) break;
      const { event, data } = next.value;
      if (event !== "delta" && event !== "draft" && event !== "problem") continue;
      let payload: DraftStreamEvent;
      try {
        payload = JSON.parse(data) as DraftStreamEvent;
      } catch {
        throw new Error("The draft could not be read as it was written. Try again.");
      }
      if (event === "delta") onDelta({ subject: payload.subject, text: payload.text });
      else if (event === "draft" && payload.draft) return payload.draft;
      else if (event === "problem" && payload.problem) {
        const { status, title, detail } = payload.problem;
        throw new ApiError(status, { status, title, detail });
      }
    }
    throw new Error("The draft stopped before it was finished, so nothing of it was kept. Try again.");
  }

  return {
    config: () => json<ConfigResponse>("GET", "/api/config").catch((error: unknown) => {
      // An API without /api/config predates sign-in: it runs on demo.
      if (error instanceof ApiError && error.status === 404) return { auth: { mode: "demo" as const } };
      throw error;
    }),
    me: () => json("GET", "/api/me"),
    threads: () => json("GET", "/api/threads"),
    analysis: (conversationId) => json("GET", `/api/threads/${id(conversationId)}/analysis`),
    kinds: () => json("GET", "/api/followups/kinds"),
    draft: (request) => json("POST", "/api/drafts", request),
    streamDraft,
    saveToDrafts: (request) => json("POST", "/api/drafts/outlook", request),
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
    outcomes: () => json("GET", "/api/outcomes"),
    teamOutcomes: (team) => json("GET", `/api/outcomes/team${team ? `?team=${id(team)}` : ""}`),
    settings: () => json("GET", "/api/me/settings"),
    setTracking: (tracking) => json("PUT", "/api/me/settings", { tracking }),
    remind: (conversationId, dueDate, timeZone) => json("POST", "/api/reminders", { conversationId, dueDate, timeZone }),
    templateUsage: async (templateId, event) => {
      await send("POST", `/api/templates/${id(templateId)}/usage`, { event });
    },
    deleteTemplate: async (template) => {
      await send("DELETE", `/api/templates/${id(template.id)}`, undefined, { "If-Match": etagOf(template) });
    },
  };
}
