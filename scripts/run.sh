#!/usr/bin/env bash
# Runs GhostAssist on its embedded defaults (demo mailbox, built-in composer, .ics invites, SQLite):
# http://localhost:5080 (and https://localhost:3000 when a development certificate is installed).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$repo/scripts/setup.sh"
cd "$repo/api"
exec dotnet run -c Release --no-build --no-launch-profile -- "$@"
