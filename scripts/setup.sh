#!/usr/bin/env bash
# Installs and builds everything GhostAssist needs on a fresh Debian machine with the .NET SDK and
# Node.js: Debian packages (only with --test), npm packages, the task pane, the .NET solution.
# Usage: scripts/setup.sh [--test]   (sourced by run.sh and test.sh; safe to run again)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

need_apt=()
if [[ "${1:-}" == "--test" ]]; then
  command -v xmllint >/dev/null 2>&1 || need_apt+=(libxml2-utils)
  [[ -x /usr/bin/chromium ]] || need_apt+=(chromium)
  compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || need_apt+=(postgresql)
  command -v redis-server >/dev/null 2>&1 || need_apt+=(redis-server)
  command -v nginx >/dev/null 2>&1 || [[ -x /usr/sbin/nginx ]] || need_apt+=(nginx)
fi
if (( ${#need_apt[@]} )); then
  echo "setup: installing Debian packages: ${need_apt[*]}"
  sudo_cmd=""
  [[ $(id -u) -eq 0 ]] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

echo "setup: npm packages and the task pane build"
(cd "$repo/addin" && npm ci --no-audit --no-fund --loglevel=error && npm run build --silent)

echo "setup: .NET restore and build (Release)"
dotnet build "$repo/GhostAssist.sln" -c Release -nologo -clp:ErrorsOnly
