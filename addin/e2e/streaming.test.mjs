// A draft written by a language model, end to end: the real API pointed at a model on loopback
// (an OpenAI-compatible server that streams its answer a few words at a time), the built pane,
// headless Chromium. What the user sees: the text growing, read-only, then the editor and the coach;
// and Stop, which ends the writing (the model's connection included) and keeps nothing.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { axeViolations, launchBrowser, openPane, screenshot, startApi, startChatModel } from "./harness.mjs";

const PROSPECT = /Harrowgate/;
const SUBJECT = "Is everything all right?";

/** A worried check-in written from the facts the API gave the model (so the grounding checks pass it). */
function answer(facts) {
  return [
    `Subject: ${SUBJECT}`,
    "",
    facts.greeting ?? "Hi,",
    "",
    "I have not heard back from you for a while, and I am a little worried that something might be wrong. You have always been quick to reply, so this is not like you.",
    "",
    "If the timing is bad or plans have changed, that is completely fine. I would simply like to know where things stand. Is everything all right on your side, and would a short call help?",
    "",
    "Best wishes,",
    facts.signOffName ?? "",
  ].join("\n");
}

let model;
let api;
let browser;
let worried;

before(async () => {
  model = await startChatModel({ answer, wordsPerChunk: 3, pauseMs: 150 });
  api = await startApi({ env: model.env });
  browser = await launchBrowser();
  const kinds = await (await fetch(`${api.url}/api/followups/kinds`)).json();
  worried = kinds.find((k) => k.id === "worried-check-in").name;
});

after(async () => {
  await browser?.close();
  await api?.stop();
  await model?.stop();
});

async function startDrafting(page) {
  await page.getByTestId("radar-item").filter({ hasText: PROSPECT }).first().click();
  await page.getByTestId("risk-card").waitFor();
  const recommended = page.getByTestId("recommended-play");
  if (await recommended.filter({ hasText: worried }).count()) await recommended.getByRole("button", { name: "Draft it" }).click();
  else await page.getByRole("button", { name: `Draft: ${worried}` }).click();
}

/** Each different text the writing box showed, read every 40 ms until it is gone. */
function watchWriting(page) {
  return page.evaluate(async () => {
    const seen = [];
    let readOnly = true;
    for (let i = 0; i < 500; i++) {
      const box = document.querySelector('[data-testid="draft-writing-body"]');
      if (box) {
        readOnly &&= box.readOnly;
        if (box.value !== seen[seen.length - 1]) seen.push(box.value);
      } else if (seen.length > 0) {
        break;
      }
      await new Promise((r) => setTimeout(r, 40));
    }
    return { seen, readOnly };
  });
}

describe("a draft written by a language model", () => {
  it("grows in the pane as the model writes it, read-only, then becomes the editable draft with its coach score", async () => {
    const { page, context, errors } = await openPane(browser, api.url, { width: 400 });
    try {
      await startDrafting(page);
      const asked = Date.now();
      await page.getByTestId("draft-writing").waitFor();
      const firstWords = Date.now() - asked;
      assert.ok(await page.getByText("Writing…").isVisible(), "the pane says it is writing");
      assert.ok(await page.getByRole("button", { name: "Stop" }).isVisible(), "Stop is offered while it writes");
      assert.equal(await page.getByTestId("coach-score").count(), 0, "no score before the draft is whole");

      const { seen, readOnly } = await watchWriting(page);

      assert.ok(readOnly, "the text being written cannot be edited");
      const grown = seen.filter((text) => text.length > 0);
      assert.ok(grown.length >= 5, `the text grew in at least 5 steps (saw ${grown.length})`);
      for (let k = 1; k < grown.length; k++) {
        assert.ok(grown[k].startsWith(grown[k - 1]) && grown[k].length > grown[k - 1].length, `step ${k} adds to the text before it`);
      }

      await page.getByTestId("coach-score").waitFor();
      const whole = Date.now() - asked;
      assert.match(await page.getByTestId("coach-score").textContent(), /^\d+/);
      const body = page.getByTestId("draft-body");
      const final = await body.inputValue();
      assert.ok(final.startsWith(grown[grown.length - 1].trimEnd().slice(0, 40)), "the draft is the text that was written");
      assert.match(final, /I am a little worried that something might be wrong/);
      assert.match(final, /Is everything all right on your side, and would a short call help\?\n\nBest wishes,\n\S+/, "the whole answer, signed");
      assert.equal(await page.getByRole("textbox", { name: "Subject" }).inputValue(), SUBJECT);
      assert.equal(await page.getByText("was not used").count(), 0, "the model's draft passed the checks; no fallback");
      assert.equal(await body.isEditable(), true, "the whole draft can be edited");
      assert.ok(await page.getByRole("button", { name: "Copy" }).isVisible());
      assert.deepEqual(errors, []);
      const words = final.split(/\s+/).filter(Boolean).length;
      console.log(`# streamed draft (loopback model, ${model.pace.wordsPerChunk} words per ${model.pace.pauseMs} ms, ${words} words): writing shows ${firstWords} ms after Draft, the whole draft with its coach at ${whole} ms`);
    } finally {
      await context.close();
    }
  });

  it("stops writing on Stop, keeps nothing of the half-written draft, and hangs up on the model", async () => {
    const cutOffBefore = model.stats.cutOff;
    // Slow enough that the checks below run while the model is still writing, on a busy machine too.
    model.pace.pauseMs = 500;
    const { page, context, errors } = await openPane(browser, api.url, { width: 400 });
    try {
      await startDrafting(page);
      const box = page.getByTestId("draft-writing-body");
      await box.waitFor();
      await page.waitForFunction(() => (document.querySelector('[data-testid="draft-writing-body"]')?.value ?? "").length > 20);
      // The writing view is checked like every other view.
      assert.deepEqual(await axeViolations(page), [], "serious or critical axe-core findings while writing");
      await screenshot(page, "draft-writing");

      await page.getByRole("button", { name: "Stop" }).click();

      await page.getByTestId("draft-stopped").waitFor();
      assert.match(await page.getByTestId("draft-stopped").textContent(), /nothing of it was kept/);
      assert.equal(await page.getByTestId("draft-writing").count(), 0);
      // The rest of the answer would have taken seconds: it never lands as a draft.
      await page.waitForTimeout(1500);
      assert.equal(await page.getByTestId("draft-body").count(), 0, "no half-written draft to edit or send");
      assert.equal(await page.getByTestId("coach-score").count(), 0);
      assert.equal(await page.getByRole("button", { name: "Copy" }).count(), 0);
      // The abort went through the API to the model: it stopped being read before its last word.
      for (let i = 0; i < 50 && model.stats.cutOff === cutOffBefore; i++) await new Promise((r) => setTimeout(r, 100));
      assert.equal(model.stats.cutOff, cutOffBefore + 1, "the model's stream was cut off");

      model.pace.pauseMs = 150;
      await page.getByRole("button", { name: "Draft again" }).click();
      await page.getByTestId("coach-score").waitFor({ timeout: 30_000 });
      assert.deepEqual(errors, []);
    } finally {
      model.pace.pauseMs = 150;
      await context.close();
    }
  });
});
