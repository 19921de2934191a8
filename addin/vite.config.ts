import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";

// The API serves the built pane from its wwwroot, same origin as /api (no CORS, one port).
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: "../api/wwwroot",
    emptyOutDir: true,
    target: "es2022",
    // Fluent UI is most of the first load; the budget that matters is gzip (npm run size, < 300 KB).
    chunkSizeWarningLimit: 800,
    rollupOptions: {
      input: { main: "index.html", auth: "auth.html" },
    },
  },
  server: {
    port: 3001,
    // The API listens on 5080 (Hosting:HttpPort, scripts/run.sh).
    proxy: { "/api": "http://127.0.0.1:5080", "/health": "http://127.0.0.1:5080" },
  },
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.{ts,tsx}"],
    setupFiles: ["src/test/setup.ts"],
  },
});
