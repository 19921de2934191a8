#!/usr/bin/env bash
# Regenerates the pane's API types from the API: writes the OpenAPI document the API serves to
# addin/openapi.json (through the test harness, so no server is started), then generates
# addin/src/generated/api.d.ts from it with openapi-typescript. Commit both files.
# The test command fails while either is out of date (OpenApiDocumentTests, npm run api:check).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

dotnet build "$repo/tests/GhostAssist.Api.Tests" -c Release -nologo -clp:ErrorsOnly
GHOSTASSIST_UPDATE_OPENAPI=1 dotnet test "$repo/tests/GhostAssist.Api.Tests" -c Release --no-build -nologo \
  --filter "FullyQualifiedName~OpenApiDocumentTests" --logger "console;verbosity=minimal"
(cd "$repo/addin" && { [[ -d node_modules ]] || npm ci --no-audit --no-fund --loglevel=error; } && npm run --silent api:types)
echo "api-types: addin/openapi.json and addin/src/generated/api.d.ts are up to date"
