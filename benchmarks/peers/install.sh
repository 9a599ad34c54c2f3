#!/usr/bin/env bash
# Install the peer accessibility tools that benchmarks/peers/run.py measures auditor against, at
# pinned versions, into benchmarks/peers/.cache/ (git-ignored). Their own browser downloads cannot
# work here, so they are switched off and the tools are pointed at Debian's chromium (and Debian's
# chromedriver for the axe CLI) by run.py. Idempotent: a second run with the same pins does nothing.
#
#   bash benchmarks/peers/install.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cache="$here/.cache"

# Pinned peers. Unlighthouse 0.18 and Lighthouse 13 need Node 22; Debian's/this machine's Node
# may be 20, so Lighthouse-based crawling is @lhci/cli, which pins Lighthouse 12.6.1 (Node 18+).
PA11Y_CI=4.1.1      # with pa11y 9.1.1 (axe-core 4.11) and its axe runner
PA11Y=9.1.1
LHCI=0.15.1         # Lighthouse 12.6.1 (axe-core 4.10)
AXE_CLI=4.13.0      # axe-core 4.13, driven through selenium-webdriver and chromedriver
CHROMEDRIVER_NPM=147.0.0  # the npm wrapper only; its binary download is skipped, Debian's is used

apt_install() {
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"
}

command -v node >/dev/null && command -v npm >/dev/null || apt_install nodejs npm
[ -x /usr/bin/chromium ] || apt_install chromium
[ -x /usr/bin/chromedriver ] || apt_install chromium-driver
echo "node $(node --version), npm $(npm --version), $(/usr/bin/chromium --version 2>/dev/null)"

mkdir -p "$cache"
manifest=$(cat <<JSON
{
  "name": "auditor-benchmark-peers",
  "private": true,
  "description": "Peer tools for benchmarks/peers/run.py; written by install.sh",
  "dependencies": {
    "pa11y-ci": "$PA11Y_CI",
    "pa11y": "$PA11Y",
    "@lhci/cli": "$LHCI",
    "@axe-core/cli": "$AXE_CLI"
  },
  "overrides": {
    "pa11y": "$PA11Y",
    "chromedriver": "$CHROMEDRIVER_NPM"
  }
}
JSON
)
if [ -f "$cache/package.json" ] && [ "$(cat "$cache/package.json")" = "$manifest" ] \
    && [ -d "$cache/node_modules" ]; then
  echo "peers already installed in $cache"
  exit 0
fi
printf '%s\n' "$manifest" > "$cache/package.json"

# No browser downloads: they fail here, and the tools run Debian's chromium instead.
export PUPPETEER_SKIP_DOWNLOAD=1 PUPPETEER_SKIP_CHROMIUM_DOWNLOAD=1
export PUPPETEER_EXECUTABLE_PATH=/usr/bin/chromium
export CHROMEDRIVER_SKIP_DOWNLOAD=true DETECT_CHROMEDRIVER_VERSION=false
export npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false
(cd "$cache" && npm install --loglevel=error)
for bin in pa11y-ci lhci axe; do
  [ -x "$cache/node_modules/.bin/$bin" ] || { echo "missing $bin after install" >&2; exit 1; }
done
echo "installed: pa11y-ci $PA11Y_CI (pa11y $PA11Y), @lhci/cli $LHCI, @axe-core/cli $AXE_CLI"
