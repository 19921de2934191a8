import { describe, expect, it, vi } from "vitest";
import { ApiError, claimsChallenge, createApi } from "./api";
import type { Draft, DraftDelta } from "./api";

function problem(status: number, body: object, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/problem+json", ...headers } });
}

describe("api client", () => {
  it("sends the bearer token when there is one", async () => {
    const fetcher = vi.fn(async () => new Response("[]", { status: 200 }));
    await createApi(async () => "tok-123", "", fetcher).threads();
    const [, init] = fetcher.mock.calls[0] as unknown as [string, RequestInit];
    expect((init.headers as Record<string, string>).Authorization).toBe("Bearer tok-123");
  });

  it("sends no Authorization header on demo", async () => {
    const fetcher = vi.fn(async () => new Response("[]", { status: 200 }));
    await createApi(async () => undefined, "", fetcher).threads();
    const [, init] = fetcher.mock.calls[0] as unknown as [string, RequestInit];
    expect((init.headers as Record<string, string>).Authorization).toBeUndefined();
  });

  it("shows the problem's own detail", async () => {
    const api = createApi(async () => undefined, "", async () => problem(404, { status: 404, title: "Not found", detail: "No thread with id abc." }));
    await expect(api.analysis("abc")).rejects.toMatchObject({ status: 404, message: "No thread with id abc." });
  });

  it("shows validation messages when a problem has no detail", async () => {
    const api = createApi(async () => undefined, "", async () => problem(400, { title: "One or more validation errors occurred.", errors: { kind: ["Unknown kind 'x'."] } }));
    await expect(api.kinds()).rejects.toThrow("Unknown kind 'x'.");
  });

  it("asks for a new token with the claims of a 401 challenge, then retries once", async () => {
    const claims = '{"access_token":{"acrs":{"essential":true,"value":"c1"}}}';
    const tokens = vi.fn(async (c?: string) => (c ? "stepped-up" : "plain"));
    const fetcher = vi
      .fn()
      .mockResolvedValueOnce(problem(401, { status: 401 }, { "WWW-Authenticate": `Bearer error="insufficient_claims", claims="${btoa(claims)}"` }))
      .mockResolvedValueOnce(new Response("{}", { status: 200 }));
    await createApi(tokens, "", fetcher).me();
    expect(tokens).toHaveBeenLastCalledWith(claims);
    const [, retry] = fetcher.mock.calls[1] as [string, RequestInit];
    expect((retry.headers as Record<string, string>).Authorization).toBe("Bearer stepped-up");
  });

  it("does not loop on a 401 without a claims challenge", async () => {
    const fetcher = vi.fn(async () => problem(401, { status: 401, title: "Unauthorized", detail: "Sign in again." }));
    await expect(createApi(async () => "t", "", fetcher).me()).rejects.toBeInstanceOf(ApiError);
    expect(fetcher).toHaveBeenCalledTimes(1);
  });

  it("reads the base64 claims of a challenge", () => {
    expect(claimsChallenge(`Bearer realm="", claims="${btoa('{"a":1}')}"`)).toBe('{"a":1}');
    expect(claimsChallenge(null)).toBeUndefined();
  });

  it("sends the template's version as If-Match and the invite's Idempotency-Key", async () => {
    const fetcher = vi.fn(async () => new Response("{}", { status: 200 }));
    const api = createApi(async () => undefined, "", fetcher);
    await api.updateTemplate({ id: "t1", name: "n", kind: "k", subject: "s", body: "b", scope: "team", version: 7 }, { name: "n", kind: "k", subject: "s", body: "b", scope: "team" });
    await api.createInvite({ conversationId: "c1" }, { start: "2026-12-01T15:00:00Z", end: "2026-12-01T15:30:00Z" }, "key-1");
    const headers = fetcher.mock.calls.map((c) => (c as unknown as [string, RequestInit])[1].headers as Record<string, string>);
    expect(headers[0]?.["If-Match"]).toBe('"7"');
    expect(headers[1]?.["Idempotency-Key"]).toBe("key-1");
  });

  it("scores a draft as its play, so a summary is not marked down for having no question", async () => {
    const fetcher = vi.fn(async () => new Response("{}", { status: 200 }));
    await createApi(async () => undefined, "", fetcher).coach("Where things stand", "Here is the summary.", "wiifm-summary");
    const [url, init] = fetcher.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe("/api/coach");
    expect(JSON.parse(init.body as string)).toEqual({ subject: "Where things stand", body: "Here is the summary.", kind: "wiifm-summary" });
  });

  it("sends the user's time zone with proposals, the invite and its preview", async () => {
    const fetcher = vi.fn(async () => new Response("{}", { status: 200 }));
    const api = createApi(async () => undefined, "", fetcher);
    const request = { conversationId: "c1", timeZone: "W. Europe Standard Time" };
    const slot = { start: "2026-12-01T15:00:00Z", end: "2026-12-01T15:30:00Z", label: "Tue 16:00" };
    await api.proposals(request, 45);
    await api.createInvite(request, slot, "key-1");
    await api.previewInvite(request, slot);
    const calls = fetcher.mock.calls.map((c) => c as unknown as [string, RequestInit]);
    expect(calls.map(([url]) => url)).toEqual(["/api/invites/proposals", "/api/invites", "/api/invites/preview"]);
    const bodies = calls.map(([, init]) => JSON.parse(init.body as string));
    expect(bodies[0]).toEqual({ conversationId: "c1", timeZone: "W. Europe Standard Time", durationMinutes: 45 });
    expect(bodies[1]).toEqual({ conversationId: "c1", timeZone: "W. Europe Standard Time", slot: { start: slot.start, end: slot.end } });
    expect(bodies[2]).toEqual(bodies[1]);
  });

  it("looks a message's conversation up by its REST id, slashes and all", async () => {
    const fetcher = vi.fn(async () => new Response('{"conversationId":"AAQk="}', { status: 200 }));
    const found = await createApi(async () => undefined, "", fetcher).messageConversation("AAMk/a+b=");
    expect((fetcher.mock.calls[0] as unknown as [string])[0]).toBe("/api/messages/AAMk%2Fa%2Bb%3D/conversation");
    expect(found).toEqual({ conversationId: "AAQk=" });
  });

  it("treats an API without /api/config as demo", async () => {
    const api = createApi(async () => undefined, "", async () => problem(404, { status: 404 }));
    expect(await api.config()).toEqual({ auth: { mode: "demo" } });
  });
});

/** An event-stream answer sent in the given pieces (cut anywhere, as the network may). */
function eventStream(...pieces: string[]) {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const piece of pieces) controller.enqueue(encoder.encode(piece));
      controller.close();
    },
  });
  return new Response(body, { status: 200, headers: { "Content-Type": "text/event-stream" } });
}

const whole = { subject: "Your decision by Thursday", bodyText: "Hi Sam,\n\nCould you confirm by Thursday?", coach: { score: 88 } } as Draft;
const request = { conversationId: "conv-1", kind: "action-consequence" };

describe("streamed drafts", () => {
  it("passes on each piece as it arrives, then gives the whole draft", async () => {
    const fetcher = vi.fn(async () =>
      eventStream(
        'event: delta\ndata: {"subject":"Your decision by Thursday","text":""}\n\n',
        'event: delta\ndata: {"text":"Hi Sam,\\n\\n"}\n\nevent: del',
        'ta\ndata: {"text":"Could you confirm"}\n\n: keep-alive\n\n',
        `event: draft\ndata: ${JSON.stringify({ draft: whole })}\n\n`,
      ),
    );
    const deltas: DraftDelta[] = [];
    const draft = await createApi(async () => "tok", "", fetcher).streamDraft(request, (d) => deltas.push(d));
    expect(draft).toEqual(whole);
    expect(deltas.map((d) => d.text).join("")).toBe("Hi Sam,\n\nCould you confirm");
    expect(deltas[0]?.subject).toBe("Your decision by Thursday");
    const [url, init] = fetcher.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe("/api/drafts/stream");
    expect(init.method).toBe("POST");
    expect(JSON.parse(init.body as string)).toEqual(request);
    const headers = init.headers as Record<string, string>;
    expect(headers.Accept).toBe("text/event-stream, application/problem+json");
    expect(headers.Authorization).toBe("Bearer tok");
  });

  it("gives a refusal made before anything streamed as the API's problem", async () => {
    const api = createApi(async () => undefined, "", async () => problem(422, { status: 422, detail: "This thread has no second stakeholder to reach." }));
    await expect(api.streamDraft(request, () => {})).rejects.toMatchObject({ status: 422, message: "This thread has no second stakeholder to reach." });
  });

  it("gives a problem event as the API's problem, after the pieces written before it", async () => {
    const fetcher = async () =>
      eventStream('event: delta\ndata: {"subject":"Hi","text":"Hi Sam"}\n\n', 'event: problem\ndata: {"problem":{"status":500,"title":"Something went wrong","detail":"The draft could not be finished. Try again."}}\n\n');
    const onDelta = vi.fn();
    const error = await createApi(async () => undefined, "", fetcher).streamDraft(request, onDelta).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 500, message: "The draft could not be finished. Try again." });
    expect(onDelta).toHaveBeenCalledTimes(1);
  });

  it("is an error, never a draft, when the stream ends without its draft", async () => {
    const fetcher = async () => eventStream('event: delta\ndata: {"subject":"Hi","text":"Hi Sam, half a sen"}\n\n', `event: draft\ndata: ${JSON.stringify({ draft: whole }).slice(0, 30)}`);
    await expect(createApi(async () => undefined, "", fetcher).streamDraft(request, () => {})).rejects.toThrow("stopped before it was finished");
  });

  it("lets the connection go once the draft has come", async () => {
    const cancel = vi.fn();
    const fetcher = async () =>
      new Response(
        new ReadableStream<Uint8Array>({
          start(stream) {
            // The draft, and then a server that never closes the stream.
            stream.enqueue(new TextEncoder().encode(`event: draft\ndata: ${JSON.stringify({ draft: whole })}\n\n`));
          },
          cancel,
        }),
        { status: 200 },
      );
    await expect(createApi(async () => undefined, "", fetcher).streamDraft(request, () => {})).resolves.toEqual(whole);
    await vi.waitFor(() => expect(cancel).toHaveBeenCalledTimes(1));
  });

  it("says the connection was lost when it breaks mid-draft, not the browser's own words", async () => {
    const fetcher = async () => {
      let sent = false;
      const body = new ReadableStream<Uint8Array>({
        pull(stream) {
          if (!sent) {
            sent = true;
            stream.enqueue(new TextEncoder().encode('event: delta\ndata: {"subject":"Hi","text":"Hi"}\n\n'));
          } else {
            stream.error(new TypeError("network error"));
          }
        },
      });
      return new Response(body, { status: 200 });
    };
    const onDelta = vi.fn();
    await expect(createApi(async () => undefined, "", fetcher).streamDraft(request, onDelta)).rejects.toThrow("The connection was lost while the draft was written");
    expect(onDelta).toHaveBeenCalledTimes(1);
  });

  it("stops reading when aborted", async () => {
    const controller = new AbortController();
    const fetcher = vi.fn(async (_url: RequestInfo | URL, init?: RequestInit) => {
      const body = new ReadableStream<Uint8Array>({
        start(stream) {
          stream.enqueue(new TextEncoder().encode('event: delta\ndata: {"subject":"Hi","text":"Hi"}\n\n'));
          init?.signal?.addEventListener("abort", () => stream.error(new DOMException("Aborted", "AbortError")));
        },
      });
      return new Response(body, { status: 200 });
    });
    const pending = createApi(async () => undefined, "", fetcher).streamDraft(request, () => controller.abort(), controller.signal);
    await expect(pending).rejects.toMatchObject({ name: "AbortError" });
    expect(fetcher.mock.calls[0]?.[1]?.signal).toBe(controller.signal);
  });
});
