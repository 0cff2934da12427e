#!/usr/bin/env bash
# The test command (README, CI): type check, build, unit + end-to-end tests on Node against
# the real engine, then the Bun and Deno smoke suites. Ends with one "N passed, N failed" line.
set -uo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/.tools/node_modules/.bin:$PWD/node_modules/.bin:$PATH"
out=$(mktemp -d)
passed=0; failed=0; status=0
step() { printf '\n== %s\n' "$*"; }
count() { passed=$((passed + $1)); failed=$((failed + $2)); }

step "type check"
if npx tsc -p tsconfig.json --noEmit; then count 1 0; else count 0 1; status=1; fi

step "build"
if npm run -s build; then count 1 0; else count 0 1; status=1; fi

step "vitest: unit and end-to-end (Node $(node --version))"
npx vitest run --reporter=default --reporter=json --outputFile="$out/vitest.json" "$@"
rc=$?
if [ -f "$out/vitest.json" ]; then
  read -r p f < <(node -e 'const r=require(process.argv[1]);console.log(r.numPassedTests, r.numFailedTests + (r.numTotalTestSuites>0 && r.success===false && r.numFailedTests===0 ? 1 : 0))' "$out/vitest.json")
  count "$p" "$f"
else
  count 0 1
fi
[ $rc -eq 0 ] || status=1

if [ $# -eq 0 ]; then
  step "Bun smoke ($(bun --version 2>/dev/null || echo missing))"
  if command -v bun >/dev/null; then
    bun test test/runtime/bun/ 2>&1 | tee "$out/bun.txt"
    rc=${PIPESTATUS[0]}
    p=$(grep -Eo '^ *[0-9]+ pass' "$out/bun.txt" | tail -1 | grep -Eo '[0-9]+' || echo 0)
    f=$(grep -Eo '^ *[0-9]+ fail' "$out/bun.txt" | tail -1 | grep -Eo '[0-9]+' || echo 0)
    count "${p:-0}" "${f:-0}"; [ $rc -eq 0 ] || { status=1; [ "${f:-0}" -gt 0 ] || count 0 1; }
  else echo "bun is not installed (run scripts/setup-machine.sh)"; count 0 1; status=1; fi

  step "Deno smoke ($(deno --version 2>/dev/null | head -1 || echo missing))"
  if command -v deno >/dev/null; then
    deno task -q check && deno test -A test/runtime/deno/ 2>&1 | tee "$out/deno.txt"
    rc=${PIPESTATUS[0]}
    p=$(grep -Eo '[0-9]+ passed' "$out/deno.txt" | tail -1 | grep -Eo '[0-9]+' || echo 0)
    f=$(grep -Eo '[0-9]+ failed' "$out/deno.txt" | tail -1 | grep -Eo '[0-9]+' || echo 0)
    count "${p:-0}" "${f:-0}"; [ $rc -eq 0 ] || { status=1; [ "${f:-0}" -gt 0 ] || count 0 1; }
  else echo "deno is not installed (run scripts/setup-machine.sh)"; count 0 1; status=1; fi
fi

rm -rf "$out"
echo
echo "$passed passed, $failed failed"
exit $status
