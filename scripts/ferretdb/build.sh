#!/usr/bin/env bash
# Builds the embedded database: this wrapper module (main.go) around FerretDB v1.24.2 as served by
# the Go module proxy, with two lines of FerretDB's SQLite backend changed, into $1 (default .cache/bin).
#
# The change: FerretDB 1.24's SQLite backend finds a document by _id (a find or delete by _id, and
# the UPDATE that writes every updated document back) with `_ferretdb_sjson->'$._id' = ?`, while the
# unique _id index it creates on every table is on `_ferretdb_sjson->"_id"`. SQLite uses an index on
# an expression only for the same expression, so each of those statements scanned the whole table:
# a findById of a late row cost about 1 s at 60,000 rights, and every update a scan to find the
# document plus a second scan to write it (docs/performance.md, round 5). Here the lookup is
# `_ferretdb_sjson->'_id'`: the same value, and SQLite matches it to the index (EXPLAIN QUERY PLAN:
# SEARCH ... USING INDEX ..._id_). It is the expression the PostgreSQL backend of the same release
# uses. And a filter that names one _id besides other conditions (the conditional updates of
# services/workflow.ts: {_id, status}) is narrowed to that _id in SQL too, as a filter of _id alone
# already was: FerretDB applies the whole filter to what SQL returns in every handler (find, count,
# update, findAndModify, delete), so this only spares reading the rest of the table. (A filter with
# a key twice is left to the old path.) Data files are unchanged; a binary built without the changes
# reads them the same way.
#
# How: copy the module from the Go module cache (read-only) to .cache/ferretdb-src, change the lines
# (failing loudly if FerretDB's source is not what this expects), and build with a `replace` in a
# copy of go.mod (go.mod itself keeps naming the upstream release). Used by scripts/build-tools.sh
# and by the server when it builds the database itself (server/embeddedDb.ts).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
GOBIN_DIR="${1:-$ROOT/.cache/bin}"
VERSION=v1.24.2
export GOFLAGS="${GOFLAGS:--mod=mod}"

cd "$HERE"
upstream=$(go mod download -json "github.com/FerretDB/FerretDB@$VERSION" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
if [ -z "$upstream" ] || [ ! -d "$upstream" ]; then
  echo "ferretdb/build.sh: go mod download did not give a directory for FerretDB $VERSION" >&2
  exit 1
fi

src="$ROOT/.cache/ferretdb-src/FerretDB@$VERSION"
rm -rf "$src"
mkdir -p "$(dirname "$src")"
cp -R "$upstream" "$src"
chmod -R u+w "$src"

file="$src/internal/backends/sqlite/metadata/metadata.go"
before="IDColumn = DefaultColumn + \"->'\$._id'\""
after="IDColumn = DefaultColumn + \"->'_id'\""
if ! grep -qF "$before" "$file"; then
  echo "ferretdb/build.sh: $file does not hold the line this build changes ($before); FerretDB's source is not $VERSION's" >&2
  exit 1
fi
sed -i "s|->'\\\$\\._id'|->'_id'|" "$file"
if ! grep -qF "$after" "$file" || grep -qF "$before" "$file"; then
  echo "ferretdb/build.sh: changing $file failed" >&2
  exit 1
fi

file="$src/internal/backends/sqlite/collection.go"
before='	if params.Filter.Len() == 1 {'
after='	if params.Filter.Len() > 0 \&\& func() bool { _, dup := params.Filter.FindDuplicateKey(); return !dup }() {'
if [ "$(grep -cxF "$before" "$file")" != 2 ]; then
  echo "ferretdb/build.sh: $file does not hold the two _id pushdown conditions this build changes; FerretDB's source is not $VERSION's" >&2
  exit 1
fi
sed -i "s/^$before\$/$after/" "$file"
if [ "$(grep -cF 'params.Filter.FindDuplicateKey(); return !dup' "$file")" != 2 ]; then
  echo "ferretdb/build.sh: changing $file failed" >&2
  exit 1
fi

mod="$ROOT/.cache/ferretdb-src/go.mod"
cp go.mod "$mod"
cp go.sum "${mod%.mod}.sum"
echo "replace github.com/FerretDB/FerretDB $VERSION => $src" >>"$mod"
mkdir -p "$GOBIN_DIR"
GOBIN="$GOBIN_DIR" go install -modfile="$mod" .
