#!/usr/bin/env bash
# The GitHub Action's body (action.yml), runnable locally too: installs Debian's chromium and
# auditor, runs `auditor ci`, and writes the step outputs. Exit code: auditor ci's (2 = gate).
set -uo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
out="${INPUT_OUT:-auditor-report}"

if ! command -v chromium >/dev/null 2>&1; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi
venv="${AUDITOR_VENV:-$here/.venv}"
if [ ! -x "$venv/bin/auditor" ]; then
  python3 -m venv "$venv" && "$venv/bin/pip" install -q "$here"
fi

args=(ci --out "$out" -q)
[ -n "${INPUT_SERVE:-}" ] && args+=(--serve "$INPUT_SERVE")
[ -n "${INPUT_BASELINE:-}" ] && args+=(--baseline "$INPUT_BASELINE")
# URLs and extra arguments are split on spaces, as a workflow author writes them.
# shellcheck disable=SC2206
[ -n "${INPUT_URLS:-}" ] && args+=($INPUT_URLS)
# shellcheck disable=SC2206
[ -n "${INPUT_ARGS:-}" ] && args+=($INPUT_ARGS)

"$venv/bin/auditor" "${args[@]}"
status=$?
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  { [ "$status" -eq 0 ] && echo "passed=true" || echo "passed=false"
    echo "report=$out/report.html"; } >> "$GITHUB_OUTPUT"
fi
exit "$status"
