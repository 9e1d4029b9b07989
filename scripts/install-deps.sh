#!/usr/bin/env bash
# Installs the system packages PMO Academy builds against, when they are missing.
# Called by `make run` and `make test`; safe to run again (it installs only what is absent).
set -euo pipefail

need=()
# libcurl: every outgoing HTTP request (the CCurl module); pkg-config finds it.
command -v pkg-config >/dev/null 2>&1 || need+=(pkg-config)
pkg-config --exists libcurl 2>/dev/null || need+=(libcurl4-openssl-dev)
# SQLite headers for GRDB.
[ -f /usr/include/sqlite3.h ] || need+=(libsqlite3-dev)
# Tests only: headless Chromium renders the HTML reports to check they are not blank.
if [ "${1:-}" = "--test" ]; then
  command -v chromium >/dev/null 2>&1 || need+=(chromium fonts-liberation)
  # The bot server's end-to-end test sends its requests with the curl command.
  command -v curl >/dev/null 2>&1 || need+=(curl)
fi

if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing missing packages: ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null
  apt-get install -y -q --no-install-recommends "${need[@]}" >/dev/null
  echo "installed: ${need[*]}"
else
  echo "error: missing system packages: ${need[*]}" >&2
  echo "install them with: sudo apt-get install ${need[*]}" >&2
  exit 1
fi
