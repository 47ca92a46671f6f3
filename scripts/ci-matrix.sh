#!/usr/bin/env bash
# The Node and peer matrix, run by .ci/run after npm test on the machine's Node 20.
# Node 22, 24 and 26 come from the npm package `node` (it installs that Node's
# binary like any package). Each Node gets what npm gives a user on it today:
#   Node 22: this lock as it is (Prism 5.14, vitest 4.1), in this checkout;
#   Node 24: a fresh npm ci in a copy, then Prism 5.16 (npm's latest, Node >= 24.18);
#   Node 26 with npm 12 (npm's latest): the README's quick start as written (npm ci && npm run
#     contract, npm test) in a fresh copy, then Prism 5.16, vitest 5 and @types/node 24 (the
#     vitest 5 upgrade path) and every test again. npm must print no install-script line.
# Then the peer matrix (peer-tests/): the packed tarball installed from the registry
# beside TypeScript 7, msw 3 and vitest 5; under npm 10, 11 and 12; published to a local
# Verdaccio and installed by name; from git; the client on Bun and Deno (peer-tests/tools/).
# Every vitest run writes reports/vitest-<name>.json,
# and its output must hold no runtime warning. Exits non-zero on the first failing step's status.
set -uo pipefail
root=$(pwd)
cache="${CONNECT_CI_CACHE:-$root/.cache/ci}"
mkdir -p "$cache" reports
export npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false
status=0
fail() { echo "ci-matrix: $1"; [ "$status" -ne 0 ] || status=${2:-1}; }

# Node binaries, npm 10, 11 and 12, and the tools of peer-tests/today.test.ts, in parallel:
# about 20 s each, from npm's cache after the first time. The package `node` fetches its
# binary in a preinstall script, so each prefix allows that script (npm 12 blocks it otherwise).
for major in 22 24 26; do
  mkdir -p "$cache/node-$major"
  echo '{"private":true,"allowScripts":{"node":true}}' > "$cache/node-$major/package.json"
  (npm install --prefix "$cache/node-$major" --no-save --loglevel=error "node@$major" > "$cache/node-$major.log" 2>&1) &
done
for v in 10 11 12; do
  (npm install --prefix "$cache/npm-$v" --no-save --loglevel=error "npm@$v" > "$cache/npm-$v.log" 2>&1) &
done
mkdir -p "$cache/tools" && cp peer-tests/tools/package.json "$cache/tools/package.json"
(npm install --prefix "$cache/tools" --no-save --loglevel=error > "$cache/tools.log" 2>&1) &
wait
for major in 22 24 26; do
  bin="$cache/node-$major/node_modules/node/bin"
  "$bin/node" --version > /dev/null 2>&1 || { fail "node@$major did not install: $(tail -3 "$cache/node-$major.log")"; echo "$status"; exit "$status"; }
  declare "NODE_$major=$bin"
done
for v in 10 11 12; do
  [ -x "$cache/npm-$v/node_modules/.bin/npm" ] || { fail "npm@$v did not install: $(tail -3 "$cache/npm-$v.log")"; exit "$status"; }
  declare "NPM_$v=$cache/npm-$v/node_modules/.bin"
done
for t in bun deno; do
  [ -x "$cache/tools/node_modules/.bin/$t" ] || { fail "$t did not install: $(tail -3 "$cache/tools.log")"; exit "$status"; }
done

# One vitest run under a Node; its output is kept and read for warnings.
suite() { # name dir nodebin [vitest args...]; $npm_first, when set, puts an npm ahead of that Node's
  local name=$1 dir=$2 bin=$3
  shift 3
  echo "== vitest on $("$bin/node" --version) ($name)"
  (cd "$dir" && PATH="${npm_first:-}$bin:$PATH" npx vitest run --outputFile.json="$root/reports/vitest-$name.json" "$@") 2>&1 | tee "$root/reports/vitest-$name.log"
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

# Node 26 with npm 12: the README's quick start, word for word, as a new user on today's npm runs it.
copy26=$(fresh_copy 26)
echo "== Node 26, npm $(PATH="$NPM_12:$NODE_26:$PATH" npm --version): npm ci && npm run contract, then npm test"
(cd "$copy26" && PATH="$NPM_12:$NODE_26:$PATH" bash -c 'npm ci && npm run contract' > "$root/reports/quickstart-npm12.log" 2>&1) \
  || fail "npm ci && npm run contract on Node 26 with npm 12 failed: $(tail -15 "$root/reports/quickstart-npm12.log")"
# npm 11.16+ lists, and npm 12 blocks, every dependency install script allowScripts does not decide.
if grep -nE 'install-scripts|allowScripts' "$root/reports/quickstart-npm12.log"; then
  fail "npm 12's npm ci printed the install-script lines above: decide them in package.json's allowScripts (docs/packaging.md)"
fi
(cd "$copy26" && PATH="$NPM_12:$NODE_26:$PATH" npm test) 2>&1 | tee "$root/reports/test-npm12.log"
code=${PIPESTATUS[0]}
cp "$copy26/reports/vitest.json" "$root/reports/vitest-npm12.json" 2>/dev/null
[ "$code" -eq 0 ] || fail "npm test on Node 26 with npm 12 failed (exit $code)" "$code"
if grep -nE '(\(node:[0-9]+\) [A-Za-z]*Warning|oidc-provider WARNING)' "$root/reports/test-npm12.log"; then
  fail "npm test on Node 26 with npm 12 printed the runtime warnings above"
fi

for major in 24 26; do
  bin_var="NODE_$major"
  bin=${!bin_var}
  upgrade=('@stoplight/prism-cli@5.16.0')
  if [ "$major" -eq 26 ]; then
    # The same copy, already installed by npm 12 above: the upgrade path on top of it.
    copy=$copy26
    upgrade+=('vitest@^5.1.2' '@types/node@^24')
    install=(true)
  else
    copy=$(fresh_copy "$major")
    install=(npm ci --loglevel=error)
  fi
  npm_first=$([ "$major" -eq 26 ] && echo "$NPM_12:")
  echo "== Node $major: npm ci, then ${upgrade[*]}"
  if ! (cd "$copy" && PATH="$npm_first$bin:$PATH" "${install[@]}" > "$cache/npm-ci-$major.log" 2>&1 \
    && PATH="$npm_first$bin:$PATH" npm install --save-dev --loglevel=error "${upgrade[@]}" >> "$cache/npm-ci-$major.log" 2>&1 \
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
CONNECT_NODE_24="$NODE_24" CONNECT_NODE_26="$NODE_26" CONNECT_NPM_10="$NPM_10" CONNECT_NPM_11="$NPM_11" CONNECT_NPM_12="$NPM_12" \
  CONNECT_VERDACCIO="$cache/tools/node_modules/verdaccio/bin/verdaccio" \
  CONNECT_BUN="$cache/tools/node_modules/.bin/bun" CONNECT_DENO="$cache/tools/node_modules/.bin/deno" \
  npx vitest run --config vitest.peers.config.ts 2>&1 | tee reports/vitest-peers.log
code=${PIPESTATUS[0]}
[ "$code" -eq 0 ] || fail "the peer matrix failed (exit $code)" "$code"
exit "$status"
