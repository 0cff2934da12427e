#!/usr/bin/env bash
# Installs what compose's tests and examples need on a fresh Debian machine (as root), starts
# dockerd if no engine answers, and seeds the local images the tests use. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v dockerd >/dev/null || need_apt+=(docker.io)
# busybox-static: a dynamic busybox could not run inside a FROM-scratch image.
dpkg -s busybox-static >/dev/null 2>&1 || need_apt+=(busybox-static)
command -v curl >/dev/null || need_apt+=(curl)
command -v docker-registry >/dev/null || need_apt+=(docker-registry)
command -v docker-compose >/dev/null || need_apt+=(docker-compose)
command -v tmux >/dev/null || need_apt+=(tmux)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "setup: installing ${need_apt[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

echo "setup: npm dependencies"
if [ ! -d node_modules/undici ]; then npm ci --no-audit --no-fund >/dev/null 2>&1 || npm install --no-audit --no-fund >/dev/null; fi

echo "setup: bun and deno (from npm)"
mkdir -p .tools
if [ ! -x .tools/node_modules/.bin/bun ] || [ ! -x .tools/node_modules/.bin/deno ]; then
  (cd .tools && [ -f package.json ] || echo '{"private":true}' > package.json
   npm install --no-audit --no-fund --foreground-scripts bun@1.4.5 deno@2.9.6 >/dev/null 2>&1)
fi

bash scripts/start-engine.sh
bash scripts/seed-images.sh
