import { describe, expect, it } from "vitest";
import { templatize, textToHtml } from "./html";

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
});
