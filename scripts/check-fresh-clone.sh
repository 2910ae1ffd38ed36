#!/usr/bin/env bash
# What a new user gets from a fresh clone and from the package it packs, for real: git clone,
# npm ci (which must build dist/), the CLI, npx naming the package, the README's library
# example, `init` in a project that depends on the package, and the pre-commit hook's install
# path (npm pack, npm install -g). Not part of `npm test`: npm ci alone takes 20-60 s here, and
# the dependencies come from the npm registry (or npm's cache).
#
#   scripts/check-fresh-clone.sh [REF]      (default HEAD; commit first, it clones)
set -uo pipefail

repo=$(git -C "$(dirname "$0")/.." rev-parse --show-toplevel)
commit=$(git -C "$repo" rev-parse "${1:-HEAD}") || exit 2
work=$(mktemp -d "${TMPDIR:-/tmp}/redpen-fresh-XXXXXX")
passed=0
failed=0

cleanup() {
  # npx keeps what it installs for a folder in its cache: drop the entries of this run's folders
  local cache
  cache=$(npm config get cache 2>/dev/null)
  if [ -n "$cache" ] && [ -d "$cache/_npx" ]; then
    grep -l -F "$work" "$cache"/_npx/*/package.json 2>/dev/null | while read -r f; do rm -rf "$(dirname "$f")"; done
  fi
  rm -rf "$work"
}
trap cleanup EXIT

ok() { echo "ok    $1"; passed=$((passed + 1)); }
bad() { echo "FAIL  $1"; [ -n "${2:-}" ] && printf '%s\n' "$2" | tail -5 | sed 's/^/      /'; failed=$((failed + 1)); }
# check NAME CMD...: the command must exit 0
check() {
  local name=$1 out
  shift
  if out=$("$@" 2>&1); then ok "$name"; else bad "$name" "$out"; fi
}

echo "fresh clone of $commit in $work"
git clone --quiet --no-local "$repo" "$work/redpen" && git -C "$work/redpen" checkout --quiet "$commit" || exit 2
cd "$work/redpen" || exit 2
name=$(node -p "require('./package.json').name")
version=$(node -p "require('./package.json').version")

start=$(date +%s)
if out=$(npm ci --no-audit --no-fund 2>&1); then ok "npm ci ($(($(date +%s) - start)) s)"; else bad "npm ci" "$out"; fi
check "npm ci built dist/ (prepare script)" test -f dist/cli/main.js
check "node bin/redpen.js --version" test "$(node bin/redpen.js --version 2>&1)" = "$version"
out=$(node bin/redpen.js scan examples --no-cache --fail-on none 2>&1)
if grep -q "python.command-injection" <<<"$out"; then ok "the bundled examples have findings"; else bad "the bundled examples have findings" "$out"; fi
# in the clone npx installs the folder itself into its cache the first time (slow, once)
check "npx $name --version in the clone" test "$(npx --yes "$name" --version </dev/null 2>&1 | tail -1)" = "$version"

# pre-commit installs a node hook with npm pack and reads the tarball's name from stdout
pack_out=$(npm pack 2>/dev/null)
tarball="$work/redpen/$(tail -1 <<<"$pack_out")"
check "npm pack made $(basename "$tarball")" test -f "$tarball"
if [ "$(wc -l <<<"$pack_out")" -eq 1 ]; then
  ok "npm pack prints only the tarball's name"
else
  # npm 10+ prints the prepare script's banner on stdout too; pre-commit (up to at least
  # 4.x) takes the whole of stdout as the file name. Reported, not counted: not ours to fix.
  echo "note  npm pack printed $(wc -l <<<"$pack_out") lines on stdout (the prepare banner): pre-commit's node installer reads all of it as the tarball name"
fi
check "the tarball holds dist/" bash -c "tar -tzf '$tarball' | grep -q '^package/dist/cli/main.js$'"

# a project that depends on the package, installed from the tarball
mkdir -p "$work/app" && cd "$work/app" || exit 2
git init --quiet . && echo '{ "name": "app", "version": "1.0.0", "private": true }' >package.json
if out=$(npm install --no-audit --no-fund --prefer-offline "$tarball" 2>&1); then ok "npm install of the tarball"; else bad "npm install of the tarball" "$out"; fi
check "npx --no-install $name --version in a project" test "$(npx --no-install "$name" --version </dev/null 2>&1 | tail -1)" = "$version"
check "node_modules/.bin/redpen --version" test "$(node_modules/.bin/redpen --version 2>&1)" = "$version"
awk '/^### Library/{f=1} f&&/^```js/{b=1;next} b&&/^```/{exit} b' "$work/redpen/README.md" >example.mjs
out=$(node example.mjs 2>&1)
expected=$(sed -n 's|^// \(line [0-9]*: .*\)$|\1|p' example.mjs)
if [ -n "$expected" ] && grep -qxF "$expected" <<<"$out"; then ok "the README's library example prints: $expected"; else bad "the README's library example" "$out"; fi
out=$(npx --no-install "$name" init claude </dev/null 2>&1)
if grep -q "hook command: npx --no-install $name hook claude" <<<"$out" && grep -q "answered $version" <<<"$out"; then ok "init claude writes npx --no-install $name and checked it"; else bad "init claude" "$out"; fi
cmd=$(node -p "require('./.claude/settings.json').hooks.PreToolUse[0].hooks[0].command")
event=$(node -e 'const d=process.argv[1]; console.log(JSON.stringify({hook_event_name:"PreToolUse",cwd:d,tool_name:"Write",tool_input:{file_path:d+"/run.py",content:"import os\nos.system(\"ls \" + input())\n"}}))' "$work/app")
out=$(env PATH="$(dirname "$(command -v node)"):/usr/bin:/bin" sh -c "$cmd" <<<"$event" 2>&1)
if grep -q '"permissionDecision":"deny"' <<<"$out"; then ok "the hook command init wrote denies a vulnerable write"; else bad "the hook command init wrote" "$out"; fi

# the pre-commit hook's install path: npm install -g of the tarball, entry `redpen scan --staged`
if out=$(npm install -g --prefix "$work/global" --no-audit --no-fund --prefer-offline "$tarball" 2>&1); then ok "npm install -g of the tarball"; else bad "npm install -g of the tarball" "$out"; fi
printf 'import os\nos.system("ls " + input())\n' >run.py && git add run.py
entry=$(node -e "console.log(require('yaml').parse(require('fs').readFileSync('$work/redpen/.pre-commit-hooks.yaml','utf8'))[0].entry)" 2>/dev/null || echo "redpen scan --staged")
out=$(env PATH="$work/global/bin:$PATH" sh -c "$entry" 2>&1)
code=$?
if [ "$code" -eq 1 ] && grep -q "os-system\|command-injection" <<<"$out"; then ok "pre-commit entry \`$entry\` fails on a staged command injection"; else bad "pre-commit entry \`$entry\` (exit $code)" "$out"; fi

echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
