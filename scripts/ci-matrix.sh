#!/usr/bin/env bash
# The Node and peer matrix, run by .ci/run after npm test on the machine's Node 20.
# Node 22, 24 and 26 come from the npm package `node` (it installs that Node's
# binary like any package). Each Node gets what npm gives a user on it today:
#   Node 22: this lock as it is (Prism 5.14, vitest 4.1), in this checkout;
#   Node 24: a fresh npm ci in a copy, then Prism 5.16 (npm's latest, Node >= 24.18);
#   Node 26: the same, with vitest 5 and @types/node 24 as well (the vitest 5 upgrade path).
# Then the peer matrix (peer-tests/): the packed tarball installed from the registry
# beside TypeScript 7, msw 3 and vitest 5. Every vitest run writes reports/vitest-<name>.json,
# and its output must hold no runtime warning. Exits non-zero on the first failing step's status.
set -uo pipefail
root=$(pwd)
cache="${CONNECT_CI_CACHE:-$root/.cache/ci}"
mkdir -p "$cache" reports
export npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false
status=0
fail() { echo "ci-matrix: $1"; [ "$status" -ne 0 ] || status=${2:-1}; }

# Node binaries, in parallel: about 20 s each, from npm's cache after the first time.
for major in 22 24 26; do
  (npm install --prefix "$cache/node-$major" --no-save --loglevel=error "node@$major" > "$cache/node-$major.log" 2>&1) &
done
wait
for major in 22 24 26; do
  bin="$cache/node-$major/node_modules/node/bin"
  "$bin/node" --version > /dev/null 2>&1 || { fail "node@$major did not install: $(tail -3 "$cache/node-$major.log")"; echo "$status"; exit "$status"; }
  declare "NODE_$major=$bin"
done

# One vitest run under a Node; its output is kept and read for warnings.
suite() { # name dir nodebin [vitest args...]
  local name=$1 dir=$2 bin=$3
  shift 3
  echo "== vitest on $("$bin/node" --version) ($name)"
  (cd "$dir" && PATH="$bin:$PATH" npx vitest run --outputFile.json="$root/reports/vitest-$name.json" "$@") 2>&1 | tee "$root/reports/vitest-$name.log"
  local code=${PIPESTATUS[0]}
  [ "$code" -eq 0 ] || fail "vitest on $name failed (exit $code)" "$code"
  # Quiet: a runtime warning (Node's, or a dependency's) in a test run is a defect to fix, not to scroll past.
  if grep -nE '(\(node:[0-9]+\) [A-Za-z]*Warning|oidc-provider WARNING)' "$root/reports/vitest-$name.log"; then
    fail "vitest on $name printed the runtime warnings above"
  fi
}

# A copy of this checkout (tracked and new files, as they are) with a fresh install under that Node.
fresh_copy() { # major
  local copy="$cache/repo-node$1"
  rm -rf "$copy" && mkdir -p "$copy"
  git ls-files -coz --exclude-standard | tar -cf - --null -T - | tar -xf - -C "$copy"
  echo "$copy"
}

# npm test type-checks with TypeScript 7's tsc (1.2 s here against 6.4 s for 5.9, docs/performance.md); 5.9 checks the same files here.
npm run typecheck:ts5 || fail "TypeScript 5.9 disagrees with TypeScript 7 on the code (npm run typecheck:ts5)"

suite node22 "$root" "$NODE_22"

for major in 24 26; do
  bin_var="NODE_$major"
  bin=${!bin_var}
  copy=$(fresh_copy "$major")
  upgrade=('@stoplight/prism-cli@5.16.0')
  [ "$major" -eq 26 ] && upgrade+=('vitest@^5.1.2' '@types/node@^24')
  echo "== Node $major: npm ci, then ${upgrade[*]}"
  if ! (cd "$copy" && PATH="$bin:$PATH" npm ci --loglevel=error > "$cache/npm-ci-$major.log" 2>&1 \
    && PATH="$bin:$PATH" npm install --save-dev --loglevel=error "${upgrade[@]}" >> "$cache/npm-ci-$major.log" 2>&1 \
    && PATH="$bin:$PATH" npm run build > /dev/null 2>&1); then
    fail "the install on Node $major failed: $(tail -5 "$cache/npm-ci-$major.log")"
    continue
  fi
  (cd "$copy" && PATH="$bin:$PATH" npx prism --version | sed "s/^/Prism on Node $major: /")
  # The main job as a user on this Node runs it, then every test.
  (cd "$copy" && PATH="$bin:$PATH" npm run contract > "$root/reports/contract-node$major.log" 2>&1) \
    || fail "npm run contract on Node $major failed: $(grep -E 'Tests|FAIL' "$root/reports/contract-node$major.log" | head -5)"
  suite "node$major" "$copy" "$bin"
done

echo "== peer matrix (TypeScript 7, msw 3, vitest 5)"
CONNECT_NODE_24="$NODE_24" CONNECT_NODE_26="$NODE_26" npx vitest run --config vitest.peers.config.ts 2>&1 | tee reports/vitest-peers.log
code=${PIPESTATUS[0]}
[ "$code" -eq 0 ] || fail "the peer matrix failed (exit $code)" "$code"
exit "$status"
