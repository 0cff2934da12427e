#!/usr/bin/env bash
# Starts dockerd in the background (log in /var/log/dockerd-compose.log) unless an engine
# already answers on /var/run/docker.sock, then waits until it answers /_ping.
set -euo pipefail
sock=/var/run/docker.sock
ping() { curl -fsS --max-time 2 --unix-socket "$sock" http://docker/_ping >/dev/null 2>&1; }
if ping; then echo "engine: already running"; exit 0; fi
echo "engine: starting dockerd"
setsid dockerd >/var/log/dockerd-compose.log 2>&1 < /dev/null &
for _ in $(seq 1 120); do
  if ping; then echo "engine: ready ($(curl -fsS --unix-socket "$sock" http://docker/version | sed -E 's/.*"Version":"([^"]+)".*"ApiVersion":"([^"]+)".*/\1, API \2/'))"; exit 0; fi
  sleep 0.5
done
echo "engine: dockerd did not answer within 60 s; see /var/log/dockerd-compose.log" >&2
tail -20 /var/log/dockerd-compose.log >&2 || true
exit 1
