#!/usr/bin/env bash
# The test command: installs what the suite needs and this machine lacks, checks the code's form (dotnet format, ESLint)
# and the API document (Spectral with the NL API Design Rules),
# then runs every test.
#   ./test.sh                 everything (domain, API on a real PostgreSQL, browser tests on Debian's Chromium)
#   ./test.sh --filter X      any `dotnet test` options are passed on (the form checks run only without options)
# Needs: the .NET 10 SDK. Installs when missing (Debian's packages, as root or with sudo): postgresql (a private cluster
# per test run, never the app's), chromium (the browser tests) and redis-server (the shared output cache's tests).
set -uo pipefail
cd "$(dirname "$0")"

missing=()
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && ! command -v initdb >/dev/null 2>&1; then
  missing+=(postgresql)
fi
[ -x "${BW_CHROMIUM:-/usr/bin/chromium}" ] || missing+=(chromium)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    install=(apt-get)
  elif command -v sudo >/dev/null 2>&1; then
    install=(sudo apt-get)
  else
    echo "The tests need ${missing[*]}: install them (Debian: apt-get install -y ${missing[*]}) and run ./test.sh again." >&2
    exit 1
  fi
  echo "Installing what the tests need: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  "${install[@]}" update -qq && "${install[@]}" install -y -qq "${missing[@]}" >/dev/null \
    || { echo "apt-get install ${missing[*]} failed" >&2; exit 1; }
fi

if [ $# -eq 0 ]; then
  # The code's form: C# as .editorconfig says (whitespace, usings, style), the web app's modules as ESLint says. ESLint is
  # pinned in tools/lint (package-lock.json) and installed there once; linting itself needs no network.
  echo "Checking the form of the code (dotnet format, ESLint)…"
  dotnet format BeschikbaarheidsWijzer.sln --verify-no-changes \
    || { echo "dotnet format found code not in the project's form: run 'dotnet format BeschikbaarheidsWijzer.sln'." >&2; exit 1; }
  if [ ! -x tools/lint/node_modules/.bin/eslint ]; then
    npm ci --prefix tools/lint --no-audit --no-fund >/dev/null || { echo "npm ci in tools/lint failed" >&2; exit 1; }
  fi
  tools/lint/node_modules/.bin/eslint --config tools/lint/eslint.config.js --max-warnings 0 src/BeschikbaarheidsWijzer.Api/wwwroot \
    || { echo "ESLint found problems in the web app's modules (above)." >&2; exit 1; }

  # The API document against the NL GOV API Design Rules (2.1.0 and the 2.2.0 work version, tools/apilint): 0 errors.
  # Spectral is pinned in tools/apilint (package-lock.json) and installed there once; linting needs no network.
  echo "Linting the API document (Spectral, NL API Design Rules 2.1.0 and 2.2.0)…"
  if [ ! -x tools/apilint/node_modules/.bin/spectral ]; then
    npm ci --prefix tools/apilint --no-audit --no-fund >/dev/null || { echo "npm ci in tools/apilint failed" >&2; exit 1; }
  fi
  for ruleset in tools/apilint/adr-2.1.0.yaml tools/apilint/adr-2.2.0.yaml; do
    tools/apilint/node_modules/.bin/spectral lint --fail-severity error --ruleset "$ruleset" openapi/beschikbaarheidswijzer-v1.json \
      || { echo "The API document breaks the API Design Rules ($ruleset, above)." >&2; exit 1; }
  done
fi

exec dotnet test BeschikbaarheidsWijzer.sln "$@"
