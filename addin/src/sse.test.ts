import { describe, expect, it } from "vitest";
import { SseParser, readSse } from "./sse";

/** Feeds the pieces one by one and gives every event they made. */
function parse(...pieces: string[]) {
  const parser = new SseParser();
  return [...pieces.flatMap((p) => parser.push(p)), ...parser.end()];
}

function body(...chunks: (string | Uint8Array)[]) {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(typeof chunk === "string" ? encoder.encode(chunk) : chunk);
      controller.close();
    },
  });
}

async function all(stream: ReadableStream<Uint8Array>) {
  const events = [];
  for await (const event of readSse(stream)) events.push(event);
  return events;
}

describe("server-sent events", () => {
  it("reads named events with their data", () => {
    expect(parse('event: delta\ndata: {"text":"Hi"}\n\nevent: draft\ndata: {}\n\n')).toEqual([
      { event: "delta", data: '{"text":"Hi"}' },
      { event: "draft", data: "{}" },
    ]);
  });

  it("puts a line split across pieces back together, at any point", () => {
    const stream = 'event: delta\ndata: {"text":"Hello there"}\n\n';
    for (let cut = 1; cut < stream.length; cut++) {
      expect(parse(stream.slice(0, cut), stream.slice(cut))).toEqual([{ event: "delta", data: '{"text":"Hello there"}' }]);
    }
    expect(parse(...stream.split(""))).toEqual([{ event: "delta", data: '{"text":"Hello there"}' }]);
  });

  it("gives an event only at the empty line that ends it", () => {
    const parser = new SseParser();
    expect(parser.push("event: delta\ndata: one\n")).toEqual([]);
    expect(parser.push("\n")).toEqual([{ event: "delta", data: "one" }]);
  });

  it("joins several data lines with line breaks", () => {
    expect(parse("event: delta\ndata: first line\ndata:\ndata:  indented\n\n")).toEqual([{ event: "delta", data: "first line\n\n indented" }]);
  });

  it("reads CR LF and lone CR line ends, also when CR and LF arrive in different pieces", () => {
    expect(parse("event: delta\r\ndata: a\r\n\r\nevent: draft\rdata: b\r\r")).toEqual([
      { event: "delta", data: "a" },
      { event: "draft", data: "b" },
    ]);
    // The CR ends the line at once; the LF that follows in the next piece is not a second (empty) line.
    expect(parse("event: delta\r", "\ndata: a\r", "", "\n", "data: b\r", "\n\r", "\n")).toEqual([{ event: "delta", data: "a\nb" }]);
  });

  it("ignores comments and keep-alives, and fields it does not know", () => {
    expect(parse(": keep-alive\n\n:\n\nretry: 3000\nid: 7\nevent: delta\n: in between\nfoo: bar\ndata: x\n\n")).toEqual([{ event: "delta", data: "x", id: "7" }]);
  });

  it("calls an unnamed event a message and sends no event without data", () => {
    expect(parse("data: plain\n\nevent: delta\n\n")).toEqual([{ event: "message", data: "plain" }]);
  });

  it("reads a field without a colon as a field with an empty value", () => {
    expect(parse("data\n\n")).toEqual([{ event: "message", data: "" }]);
  });

  it("drops an event the stream ended in the middle of", () => {
    expect(parse('event: delta\ndata: {"text":"whole"}\n\n', 'event: delta\ndata: {"text":"cut"}\n', 'event: draft\ndata: {"draft"')).toEqual([{ event: "delta", data: '{"text":"whole"}' }]);
  });

  it("reads a problem event like any other", () => {
    expect(parse('event: problem\ndata: {"problem":{"status":500,"title":"Something went wrong","detail":"The draft could not be finished. Try again."}}\n\n')).toEqual([
      { event: "problem", data: '{"problem":{"status":500,"title":"Something went wrong","detail":"The draft could not be finished. Try again."}}' },
    ]);
  });

  it("decodes UTF-8 split across chunks and skips a byte order mark", async () => {
    const bytes = new TextEncoder().encode("\uFEFFevent: delta\ndata: Grüße – café\n\n");
    const cut = bytes.indexOf(0xc3) + 1; // inside the two bytes of "ü"
    expect(await all(body(bytes.slice(0, cut), bytes.slice(cut)))).toEqual([{ event: "delta", data: "Grüße – café" }]);
  });
});
