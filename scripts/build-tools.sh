#!/usr/bin/env bash
# Builds the native tools the server and the tests use, with `go install`, into .cache/bin:
#   ferretdb     the embedded database (FerretDB v1.24.2, SQLite backend), from the small wrapper
#                module in scripts/ferretdb around FerretDB's embeddable package
#                github.com/FerretDB/FerretDB/ferretdb. Not the upstream command: the binary from
#                `go install github.com/FerretDB/FerretDB/cmd/ferretdb@v1.24.2` panics at start with
#                "Invalid build/version/version.txt file content", because the module served by the
#                Go module proxy lacks that generated file (see scripts/ferretdb/main.go).
#   stripe-mock  Stripe's mock API server (v0.203.0), for the payment tests.
# A tool whose binary is already there is skipped (delete it to rebuild). Prints how long each build took.
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

# build NAME COMMAND...: runs COMMAND unless .cache/bin/NAME exists.
build() {
  local name=$1
  shift
  if [ -x "$BIN/$name" ]; then
    echo "build-tools: $name already built ($BIN/$name), skipping"
    return 0
  fi
  echo "build-tools: building $name with $(go version | cut -d' ' -f3) ..."
  local start
  start=$(now_ms)
  "$@"
  local ms=$(($(now_ms) - start))
  echo "build-tools: $name built in $((ms / 1000)).$(printf '%03d' $((ms % 1000))) s"
}

ferretdb() { (cd "$ROOT/scripts/ferretdb" && GOBIN="$BIN" go install .); }
stripe_mock() { GOBIN="$BIN" go install github.com/stripe/stripe-mock@v0.203.0; }

build ferretdb ferretdb
build stripe-mock stripe_mock
