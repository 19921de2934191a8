#!/usr/bin/env bash
# Runs GhostAssist on its embedded defaults (demo mailbox, built-in composer, .ics invites, SQLite):
# http://localhost:5080 (and https://localhost:3000 when a development certificate is installed).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$repo/scripts/setup.sh"
# Outlook loads the pane over https://localhost:3000; a development certificate enables that listener.
# Trusting it is a per-machine step (see README, "Sideload into Outlook on the web").
dotnet dev-certs https --check >/dev/null 2>&1 || dotnet dev-certs https >/dev/null 2>&1 || true
cd "$repo/api"
exec dotnet run -c Release --no-build --no-launch-profile -- "$@"
