// First-load size of the pane: every script, preload and stylesheet index.html pulls in, gzipped.
// The lazy chunks (MSAL, loaded only for Entra sign-in) are not part of the first load.
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../api/wwwroot/", import.meta.url));
const BUDGET = 300 * 1024;
const html = readFileSync(join(root, "index.html"), "utf8");
const files = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]);
let total = 0;
for (const file of new Set(files)) {
  const gz = gzipSync(readFileSync(join(root, file)), { level: 9 }).length;
  total += gz;
  console.log(`${(gz / 1024).toFixed(1).padStart(8)} KB  ${file}`);
}
console.log(`${(total / 1024).toFixed(1).padStart(8)} KB  first load, gzip (budget ${BUDGET / 1024} KB)`);
if (total > BUDGET) {
  console.error("Over budget.");
  process.exit(1);
}
