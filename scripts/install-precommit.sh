#!/usr/bin/env bash
# Installs Debian's pre-commit for the pre-commit hook test (test/cli/precommit.test.ts), which CI
# runs with MLSEC_PRECOMMIT=1. Does nothing when pre-commit is already on PATH.
set -euo pipefail
command -v pre-commit >/dev/null 2>&1 && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-precommit: pre-commit is needed and this system has no apt-get; install it yourself" >&2
  exit 1
fi
sudo=()
if [ "$(id -u)" -ne 0 ]; then sudo=(sudo); fi
export DEBIAN_FRONTEND=noninteractive
# A fresh machine's package lists may be empty or stale: update once and retry.
if ! "${sudo[@]}" apt-get install -y --no-install-recommends pre-commit; then
  "${sudo[@]}" apt-get update
  "${sudo[@]}" apt-get install -y --no-install-recommends pre-commit
fi
command -v pre-commit >/dev/null 2>&1 || { echo "install-precommit: pre-commit still missing after apt-get" >&2; exit 1; }
