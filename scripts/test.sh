#!/usr/bin/env bash
# Runs every test of GhostAssist on a fresh machine: installs what the tests need (Debian chromium,
# PostgreSQL, Redis, xmllint; npm packages), builds, then runs the .NET tests (SQLite and a real PostgreSQL
# on loopback), the pane's Vitest unit tests and the end-to-end tests in headless Chromium.
set -uo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
logs="$(mktemp -d)"
failed_steps=()

bash "$repo/scripts/setup.sh" --test || { echo "setup failed"; exit 1; }

# A throwaway PostgreSQL server on 127.0.0.1 for the store tests; stopped on exit.
# shellcheck source=scripts/postgres.sh
source "$repo/scripts/postgres.sh"
# And a throwaway Redis on 127.0.0.1 for the token cache shared by two API instances.
# shellcheck source=scripts/redis.sh
source "$repo/scripts/redis.sh"
trap 'postgres_stop >/dev/null 2>&1 || true; redis_stop >/dev/null 2>&1 || true' EXIT

echo "test: .NET tests"
# The bad-input suite writes its count by status here (fixed seed; GHOSTASSIST_FUZZ_SEED=random explores).
export GHOSTASSIST_FUZZ_REPORT="$logs/bad-input.txt"
dotnet test "$repo/GhostAssist.sln" -c Release --no-build -nologo --logger "console;verbosity=minimal" 2>&1 | tee "$logs/dotnet.log"
[[ ${PIPESTATUS[0]} -eq 0 ]] || failed_steps+=(dotnet)
[[ -f "$logs/bad-input.txt" ]] && cat "$logs/bad-input.txt"

echo "test: pane unit tests (Vitest)"
(cd "$repo/addin" && npm test --silent) 2>&1 | tee "$logs/vitest.log"
[[ ${PIPESTATUS[0]} -eq 0 ]] || failed_steps+=(vitest)

echo "test: end-to-end tests (headless Chromium)"
(cd "$repo/addin" && npm run test:e2e --silent) 2>&1 | tee "$logs/e2e.log"
[[ ${PIPESTATUS[0]} -eq 0 ]] || failed_steps+=(e2e)

echo "test: short scale-out run (two instances behind nginx, faults)"
bash "$repo/scripts/scale.sh" --short 2>&1 | tee "$logs/scale.log"
[[ ${PIPESTATUS[0]} -eq 0 ]] || failed_steps+=(scale)

# One closing line over every runner: "N passed, N failed".
dotnet_passed=$(grep -oE "Passed: +[0-9]+" "$logs/dotnet.log" | awk '{s+=$2} END {print s+0}')
dotnet_failed=$(grep -oE "Failed: +[0-9]+" "$logs/dotnet.log" | awk '{s+=$2} END {print s+0}')
vitest_passed=$(grep -E "^\s*Tests\s" "$logs/vitest.log" | grep -oE "[0-9]+ passed" | awk '{s+=$1} END {print s+0}')
vitest_failed=$(grep -E "^\s*Tests\s" "$logs/vitest.log" | grep -oE "[0-9]+ failed" | awk '{s+=$1} END {print s+0}')
e2e_passed=$(grep -oE "^(# |ℹ )pass [0-9]+" "$logs/e2e.log" | awk '{s+=$NF} END {print s+0}')
e2e_failed=$(grep -oE "^(# |ℹ )fail [0-9]+" "$logs/e2e.log" | awk '{s+=$NF} END {print s+0}')
scale_passed=$(grep -c "^scale: PASS" "$logs/scale.log")
scale_failed=$(( 1 - scale_passed ))
passed=$((dotnet_passed + vitest_passed + e2e_passed + scale_passed))
failed=$((dotnet_failed + vitest_failed + e2e_failed + scale_failed))
echo ".NET: $dotnet_passed passed, $dotnet_failed failed; Vitest: $vitest_passed passed, $vitest_failed failed; end-to-end: $e2e_passed passed, $e2e_failed failed; scale-out run: $scale_passed passed, $scale_failed failed"
if (( ${#failed_steps[@]} )); then
  echo "failing steps: ${failed_steps[*]}"
  (( failed > 0 )) || failed=1
fi
echo "Total: $passed passed, $failed failed"
(( failed == 0 && passed > 0 ))
