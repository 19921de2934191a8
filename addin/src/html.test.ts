import { describe, expect, it } from "vitest";
import { formatRange, templatize, textToHtml } from "./html";

describe("html", () => {
  it("turns edited text into escaped paragraphs", () => {
    expect(textToHtml("Hi Dana,\n\nLine one\nline <two>")).toBe("<p>Hi Dana,</p><p>Line one<br>line &lt;two&gt;</p>");
  });

  it("turns the thread's names into template variables", () => {
    const facts = { contactFirstName: "Dana", contactName: "Dana Whitfield", company: "Northwind", userFirstName: "Alex" };
    expect(templatize("Hi Dana, is Northwind still on? Dana Whitfield said so. Danaë stays. Alex", facts)).toBe(
      "Hi {{contactFirstName}}, is {{company}} still on? {{contactName}} said so. Danaë stays. {{userFirstName}}",
    );
  });

  it("writes a meeting on one day with its date once", () => {
    const text = formatRange("2026-11-23T09:30:00Z", "2026-11-23T10:00:00Z", "UTC");
    expect(text.match(/23/g)?.length).toBe(1);
    expect(formatRange("2026-11-23T23:30:00Z", "2026-11-24T00:30:00Z", "UTC").match(/2[34]/g)?.length).toBe(2);
  });
});
