#!/usr/bin/env bash
# Installs the editors the real-editor tests drive, from Debian packages: Neovim (0.7.2 on
# bookworm) and Emacs 28 with eglot. Does nothing when they are already there.
set -euo pipefail

tmp_home=$(mktemp -d)
trap 'rm -rf "$tmp_home"' EXIT
have_nvim() { command -v nvim >/dev/null 2>&1; }
have_emacs() { command -v emacs >/dev/null 2>&1; }
have_eglot() { have_emacs && HOME=$tmp_home emacs --batch --eval '(kill-emacs (if (locate-library "eglot") 0 1))' >/dev/null 2>&1; }

if have_nvim && have_eglot; then exit 0; fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-editors: nvim, emacs and eglot are needed and this system has no apt-get; install them yourself" >&2
  exit 1
fi
sudo=()
if [ "$(id -u)" -ne 0 ]; then sudo=(sudo); fi

packages=(neovim emacs-nox elpa-eglot)
export DEBIAN_FRONTEND=noninteractive
# A fresh machine's package lists may be empty or stale: update once and retry.
if ! "${sudo[@]}" apt-get install -y --no-install-recommends "${packages[@]}"; then
  "${sudo[@]}" apt-get update
  "${sudo[@]}" apt-get install -y --no-install-recommends "${packages[@]}"
fi

have_nvim && have_eglot || { echo "install-editors: nvim or emacs+eglot still missing after apt-get" >&2; exit 1; }
