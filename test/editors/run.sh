#!/usr/bin/env bash
# Real-editor end-to-end tests (`npm run test:editors`): Neovim 0.7 and Emacs 28 + eglot, each
# configured with the snippet docs/editors.md gives for it (the fenced block after a
# `<!-- test/editors: NAME -->` line) and an `mlsec-ls` on PATH that runs the bundled server as a
# plain command, `node dist/server.js --stdio`. On a fresh copy of fixture/ each driver checks the
# diagnostics at the positions in expectations.json, applies the quick fixes by title, saves, and
# compares the file on disk with expected/. Prints `N passed, N failed`.
#
# MLSEC_LS_SERVER=<file.js> runs the editors against another server build (default dist/server.js).
# All editor state (HOME, XDG_*) lives in a temporary folder, removed unless a test fails.
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
server=${MLSEC_LS_SERVER:-$root/dist/server.js}
server=$(cd "$(dirname "$server")" 2>/dev/null && echo "$PWD/$(basename "$server")")

if [ ! -f "$server" ]; then
  echo "test:editors: no language server at ${MLSEC_LS_SERVER:-dist/server.js}; run \`npm run build\` first" >&2
  exit 2
fi
"$root/scripts/install-editors.sh" || exit 2

work=$(mktemp -d "${TMPDIR:-/tmp}/mlsec-editors.XXXXXX")

# What `npm install -g` gives users: an `mlsec-ls` command on PATH.
mkdir -p "$work/bin"
printf '#!/bin/sh\nexec node "%s" "$@"\n' "$server" >"$work/bin/mlsec-ls"
chmod +x "$work/bin/mlsec-ls"

# doc_snippet NAME: the fenced block that follows `<!-- test/editors: NAME -->` in docs/editors.md.
doc_snippet() {
  awk -v marker="<!-- test/editors: $1 -->" '
    state == 0 && index($0, marker) == 1 { state = 1; next }
    state == 1 && /^```/ { state = 2; next }
    state == 2 && /^```/ { exit }
    state == 2 { print }' "$root/docs/editors.md"
}
total_passed=0
total_failed=0

# run_editor NAME COMMAND...: runs one driver in its own project copy, HOME and XDG dirs, then
# adds up the `NAME: N passed, N failed` line the driver prints last.
run_editor() {
  local name=$1; shift
  local dir="$work/$name"
  mkdir -p "$dir/home" "$dir/config" "$dir/cache" "$dir/data" "$dir/state"
  cp -R "$here/fixture" "$dir/project"
  mkdir -p "$dir/config/nvim" "$dir/home/.emacs.d"
  doc_snippet neovim-0.7 >"$dir/config/nvim/init.lua"
  doc_snippet eglot >"$dir/home/.emacs.d/init.el"
  if [ ! -s "$dir/config/nvim/init.lua" ] || [ ! -s "$dir/home/.emacs.d/init.el" ]; then
    echo "  FAIL docs/editors.md lacks the neovim-0.7 or eglot snippet"
    total_failed=$((total_failed + 1))
    return
  fi
  echo "$name:"
  local start=$SECONDS
  (
    cd "$dir/project" &&
    HOME="$dir/home" XDG_CONFIG_HOME="$dir/config" XDG_CACHE_HOME="$dir/cache" \
    XDG_DATA_HOME="$dir/data" XDG_STATE_HOME="$dir/state" \
    PATH="$work/bin:$PATH" MLSEC_EDITOR_SPEC="$here/expectations.json" \
    MLSEC_EDITOR_EXPECTED="$here/expected/app.py" \
    timeout 120 "$@"
  ) </dev/null 2>"$dir/stderr.log" | tee "$dir/stdout.log"
  local summary
  summary=$(grep -E "^$name: [0-9]+ passed, [0-9]+ failed$" "$dir/stdout.log" | tail -n 1)
  if [ -z "$summary" ]; then
    echo "  FAIL $name did not finish (stderr: $dir/stderr.log)"
    total_failed=$((total_failed + 1))
  else
    local p f
    p=$(echo "$summary" | sed -E 's/.*: ([0-9]+) passed.*/\1/')
    f=$(echo "$summary" | sed -E 's/.* ([0-9]+) failed$/\1/')
    total_passed=$((total_passed + p))
    total_failed=$((total_failed + f))
  fi
  echo "  ($name took $((SECONDS - start)) s)"
}

# --cmd runs before the user's init.lua: skip the Python-host probe of the python ftplugin (~1.7 s).
run_editor neovim nvim --headless -i NONE -n --cmd 'let g:loaded_python3_provider = 0' \
  -c "luafile $here/nvim-test.lua" app.py
run_editor emacs emacs --batch -l "$here/eglot-test.el"

echo "$total_passed passed, $total_failed failed"
if [ "$total_failed" -ne 0 ]; then
  echo "editor state and logs kept in $work" >&2
  exit 1
fi
rm -rf "$work"
