// Server-sent events read from a fetch body. EventSource cannot POST (nor send the bearer token),
// so the pane reads POST /api/drafts/stream itself; this is the parsing part of the HTML standard's
// event-stream rules (https://html.spec.whatwg.org/multipage/server-sent-events.html), chunk by chunk.

export interface SseEvent {
  /** The `event:` field, or "message" when the event names none. */
  event: string;
  /** The `data:` lines joined with "\n". */
  data: string;
  id?: string;
}

/**
 * Feed it text as it arrives, in pieces of any size: a line (or a CR LF pair) split across two
 * pieces is put back together. Comment lines (": keep-alive") are ignored, several `data:` lines
 * make one value, and an event is only given out at the empty line that ends it.
 */
export class SseParser {
  private buffer = "";
  private started = false;
  private afterCr = false;
  private event = "";
  private data: string[] = [];
  private id: string | undefined;

  push(text: string): SseEvent[] {
    // A piece may be empty (the decoder holding the first bytes of a character): it changes nothing.
    if (text.length === 0) return [];
    if (!this.started) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    // A CR at the end of the last piece already ended its line: an LF opening this one belongs to it.
    if (this.afterCr && text.startsWith("\n")) text = text.slice(1);
    this.afterCr = false;
    this.buffer += text;
    const out: SseEvent[] = [];
    let start = 0;
    for (let i = 0; i < this.buffer.length; i++) {
      const c = this.buffer[i];
      if (c !== "\n" && c !== "\r") continue;
      this.line(this.buffer.slice(start, i), out);
      if (c === "\r") {
        if (i + 1 < this.buffer.length) {
          if (this.buffer[i + 1] === "\n") i++;
        } else {
          this.afterCr = true;
        }
      }
      start = i + 1;
    }
    this.buffer = this.buffer.slice(start);
    return out;
  }

  /** The stream ended: an event without its closing empty line is dropped, as the standard says. */
  end(): SseEvent[] {
    this.buffer = "";
    this.event = "";
    this.data = [];
    return [];
  }

  private line(line: string, out: SseEvent[]) {
    if (line === "") {
      if (this.data.length > 0) out.push({ event: this.event || "message", data: this.data.join("\n"), ...(this.id !== undefined && { id: this.id }) });
      this.event = "";
      this.data = [];
      return;
    }
    if (line.startsWith(":")) return;
    const colon = line.indexOf(":");
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "event") this.event = value;
    else if (field === "data") this.data.push(value);
    else if (field === "id" && !value.includes("\0")) this.id = value;
    // "retry" and unknown fields mean nothing to a stream that is read once.
  }
}

/** Reads a response body as server-sent events, decoding UTF-8 across chunk boundaries. */
export async function* readSse(body: ReadableStream<Uint8Array>): AsyncGenerator<SseEvent> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const parser = new SseParser();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      yield* parser.push(decoder.decode(value, { stream: true }));
    }
    yield* parser.push(decoder.decode());
    yield* parser.end();
  } finally {
    // Also when the reader stops early: the connection is let go instead of read to its end.
    void reader.cancel().catch(() => undefined);
  }
}
