import { createRoot } from "react-dom/client";
import { createApi } from "./api";
import { App } from "./App";
import { createTokenSource } from "./auth";
import { detectHost, openItem } from "./office";

async function start() {
  const host = await detectHost();
  const anonymous = createApi(async () => undefined);
  // Without /api/config the pane cannot know how to sign in; demo is the safe reading.
  const config = await anonymous.config().catch(() => ({ auth: { mode: "demo" as const } }));
  const api = createApi(createTokenSource(config.auth, host));
  // Outlook: the open message. Browser: an optional ?thread=<conversationId> link to one thread.
  const linked = new URLSearchParams(location.search).get("thread");
  const item = host.kind === "outlook" ? openItem() : linked ? { conversationId: linked } : undefined;
  createRoot(document.getElementById("root")!).render(<App api={api} host={host} item={item} />);
}

void start();
