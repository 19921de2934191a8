// The end-to-end harness: the real API (Release build, demo sources, throwaway SQLite and invite
// folder) on a free loopback port, and Debian's headless Chromium driven by playwright-core.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, mkdirSync } from "node:fs";
import { createServer as createHttpServer } from "node:http";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
export const repo = join(here, "..", "..");
const apiDir = join(repo, "api");
const apiDll = join(apiDir, "bin", "Release", "net10.0", "GhostAssist.Api.dll");

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** The API, as below; `env` adds settings (configuration keys in environment form, e.g. AzureOpenAI__Endpoint). */
export async function startApi({ env = {} } = {}) {
  if (!existsSync(apiDll)) throw new Error("Build the API first: dotnet build api -c Release (and npm run build for the pane).");
  if (!existsSync(join(apiDir, "wwwroot", "index.html"))) throw new Error("Build the pane first: npm run build.");
  const port = await freePort();
  const data = mkdtempSync(join(tmpdir(), "ghostassist-e2e-"));
  const url = `http://127.0.0.1:${port}`;
  // The content root is the project folder, where the built pane (wwwroot) is.
  const child = spawn("dotnet", [apiDll, "--urls", url], {
    cwd: apiDir,
    env: {
      ...process.env,
      ASPNETCORE_ENVIRONMENT: "Production",
      Templates__SqlitePath: join(data, "templates.db"),
      Logging__LogLevel__Default: "Warning",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The API exited (${child.exitCode}):\n${output.slice(-2000)}`);
    try {
      const response = await fetch(`${url}/health`);
      if (response.ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      child.kill("SIGTERM");
      throw new Error(`The API did not answer /health within 60 s:\n${output.slice(-2000)}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    async stop() {
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null) child.kill("SIGKILL");
      rmSync(data, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser() {
  const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/**
 * A page as a task pane of the given width. Office.js is either aborted (the plain-browser preview,
 * and no request leaves the machine) or replaced by `officeStub`, a script standing in for Outlook.
 */
export async function openPane(browser, baseUrl, { width = 1024, height = 900, dark = false, officeStub, path = "/", timezoneId } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, colorScheme: dark ? "dark" : "light", acceptDownloads: true, timezoneId });
  await context.route("https://appsforoffice.microsoft.com/**", (route) =>
    officeStub ? route.fulfill({ status: 200, contentType: "text/javascript", body: officeStub }) : route.abort(),
  );
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  // Every API answer from the first request on (the pane calls some before goto returns).
  const responses = [];
  page.on("response", (r) => r.url().startsWith(`${baseUrl}/api/`) && responses.push(r));
  await page.goto(baseUrl + path);
  return { page, context, errors, responses };
}

const axeSource = readFileSync(join(here, "..", "node_modules", "axe-core", "axe.min.js"), "utf8");

/**
 * axe-core's serious and critical violations on the page as it is now. One known false positive is
 * set aside, as Microsoft's Accessibility Insights does: Fluent's focus sentinels (tabster's
 * `data-tabster-dummy` elements) are focusable and aria-hidden by design, and hand focus on at once.
 */
export async function axeViolations(page) {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ["violations"] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes
        .filter((n) => !(v.id === "aria-hidden-focus" && n.html.includes("data-tabster-dummy")))
        .map((n) => n.target.join(" ")),
    }));
  });
  return result.filter((v) => (v.impact === "serious" || v.impact === "critical") && v.nodes.length > 0);
}

/** With SCREENSHOTS=1 the run refreshes docs/screenshots (CI leaves them alone). */
export async function screenshot(page, name) {
  if (process.env.SCREENSHOTS !== "1") return;
  const dir = join(repo, "docs", "screenshots");
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}

/**
 * A language model on loopback: an OpenAI-compatible server answering POST /v1/chat/completions with
 * `stream: true` as a model does, a few words per chunk with a pause between them. `answer` gets the
 * facts the API put in the prompt (greeting, signOffName, …) and gives the whole text to stream.
 * `requests` counts the calls and `cutOff` those whose caller hung up before the last chunk;
 * `pace` may be changed between requests.
 */
export async function startChatModel({ answer, wordsPerChunk = 3, pauseMs = 120 }) {
  const stats = { requests: 0, cutOff: 0 };
  const pace = { wordsPerChunk, pauseMs };
  const server = createHttpServer(async (req, res) => {
    if (req.method !== "POST" || !req.url.startsWith("/v1/chat/completions")) {
      res.writeHead(404).end();
      return;
    }
    let raw = "";
    for await (const piece of req) raw += piece;
    const request = JSON.parse(raw);
    stats.requests++;
    const user = request.messages.find((m) => m.role === "user")?.content ?? "";
    const factsLine = user.split("\n").find((line) => line.startsWith("Facts (JSON): "));
    const text = answer(factsLine ? JSON.parse(factsLine.slice("Facts (JSON): ".length)) : {});
    const chunk = (delta, finish = null) =>
      `data: ${JSON.stringify({ id: "chatcmpl-e2e", object: "chat.completion.chunk", created: 1764000000, model: request.model, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
    if (!request.stream) {
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end(JSON.stringify({ id: "chatcmpl-e2e", object: "chat.completion", created: 1764000000, model: request.model, choices: [{ index: 0, message: { role: "assistant", content: text }, finish_reason: "stop" }] }));
      return;
    }
    let finished = false;
    res.on("close", () => !finished && stats.cutOff++);
    res.writeHead(200, { "Content-Type": "text/event-stream", "Cache-Control": "no-cache" });
    // Split on spaces but keep line breaks inside the pieces, as a model's tokens carry them.
    const words = text.split(" ");
    const { wordsPerChunk: step, pauseMs: pause } = pace;
    for (let k = 0; k < words.length && !res.destroyed; k += step) {
      const piece = words.slice(k, k + step).join(" ") + (k + step < words.length ? " " : "");
      res.write(chunk({ role: "assistant", content: piece }));
      await new Promise((r) => setTimeout(r, pause));
    }
    if (res.destroyed) return;
    res.write(chunk({}, "stop"));
    res.write("data: [DONE]\n\n");
    finished = true;
    res.end();
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  return {
    stats,
    pace,
    /** The settings that point the API at this server. */
    env: {
      AzureOpenAI__Provider: "openai-compatible",
      AzureOpenAI__Endpoint: `http://127.0.0.1:${port}/v1/`,
      AzureOpenAI__Deployment: "e2e-model",
    },
    stop: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(resolve);
    }),
  };
}
