#!/usr/bin/env bash
# Builds the native tools the server and the tests use, with `go install`, into .cache/bin:
#   ferretdb     the embedded database (FerretDB v1.24.2, SQLite backend), from the small wrapper
#                module in scripts/ferretdb around FerretDB's embeddable package
#                github.com/FerretDB/FerretDB/ferretdb, by scripts/ferretdb/build.sh (which makes
#                the SQLite backend use its _id index; see there). Not the upstream command: the binary from
#                `go install github.com/FerretDB/FerretDB/cmd/ferretdb@v1.24.2` panics at start with
#                "Invalid build/version/version.txt file content", because the module served by the
#                Go module proxy lacks that generated file (see scripts/ferretdb/main.go).
#   stripe-mock  Stripe's mock API server (v0.203.0), for the payment tests.
# A tool whose binary is already there is skipped (delete it to rebuild), except ferretdb when its
# wrapper source changed: .cache/bin/ferretdb.stamp keeps the sha256 of scripts/ferretdb/* it was
# built from (the server checks the same stamp, server/embeddedDb.ts wrapperSourceHash), and a
# different hash rebuilds it, so CI and old checkouts pick up a changed wrapper. Prints how long each
# build took.
# Used by .ci/run; run it by hand to prepare a machine (needs Go 1.24 or newer).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIN="$ROOT/.cache/bin"
mkdir -p "$BIN"

if ! command -v go >/dev/null 2>&1; then
  echo "build-tools: Go is not installed; install Go 1.24+ (https://go.dev/dl/) or set MONGODB_URI and skip the embedded database" >&2
  exit 1
fi
export GOFLAGS="${GOFLAGS:--mod=mod}"

now_ms() { date +%s%3N; }

# The sha256 of every file of scripts/ferretdb, by name (C order), contents concatenated.
wrapper_hash() { (cd "$ROOT/scripts/ferretdb" && find . -maxdepth 1 -type f -printf '%f\n' | LC_ALL=C sort | xargs cat | sha256sum | cut -d' ' -f1); }

# build NAME COMMAND...: runs COMMAND unless .cache/bin/NAME exists (and, when STAMP is set, its
# stamp file .cache/bin/NAME.stamp holds STAMP).
build() {
  local name=$1
  shift
  local stamp_file="$BIN/$name.stamp"
  if [ -x "$BIN/$name" ]; then
    if [ -z "${STAMP:-}" ]; then
      echo "build-tools: $name already built ($BIN/$name), skipping"
      return 0
    fi
    if [ -f "$stamp_file" ] && [ "$(cat "$stamp_file")" = "$STAMP" ]; then
      echo "build-tools: $name already built from this source ($BIN/$name), skipping"
      return 0
    fi
    echo "build-tools: $name was built from other source than scripts/$name; rebuilding"
  fi
  echo "build-tools: building $name with $(go version | cut -d' ' -f3) ..."
  local start
  start=$(now_ms)
  "$@"
  local ms=$(($(now_ms) - start))
  echo "build-tools: $name built in $((ms / 1000)).$(printf '%03d' $((ms % 1000))) s"
  if [ -n "${STAMP:-}" ]; then echo "$STAMP" >"$stamp_file"; fi
}

ferretdb() { bash "$ROOT/scripts/ferretdb/build.sh" "$BIN"; }
stripe_mock() { GOBIN="$BIN" go install github.com/stripe/stripe-mock@v0.203.0; }

STAMP=$(wrapper_hash) build ferretdb ferretdb
build stripe-mock stripe_mock
