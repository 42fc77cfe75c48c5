#!/bin/sh
# Regenerates the code of the C client that comes from ../../Proto:
#   generated/  protobuf-c messages and service descriptors (protoc + protoc-c)
#   wrappers/   typed method wrappers and the method table (scripts/generate-methods.sh)
#
#   ./generate.sh            writes into ./generated and ./wrappers (the committed copies)
#   ./generate.sh OUT_ROOT   writes into OUT_ROOT/generated and OUT_ROOT/wrappers
#                            (used by `make check-generated`)
#
# Needs protoc and the protoc-c plugin (protoc-gen-c) on PATH; the committed
# files were produced by protoc 3.21 with protoc-c 1.4.1.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=${1:-"$here"}
mkdir -p "$root"
root=$(cd "$root" && pwd)

command -v protoc >/dev/null 2>&1 || { echo "generate.sh: protoc not found" >&2; exit 1; }
command -v protoc-gen-c >/dev/null 2>&1 || { echo "generate.sh: protoc-gen-c (protobuf-c compiler) not found" >&2; exit 1; }

# Start from empty folders so a deleted .proto leaves no stale output.
rm -rf "$root/generated" "$root/wrappers"
mkdir -p "$root/generated" "$root/wrappers"
(cd "$here/../../Proto" && protoc -I. --c_out="$root/generated" hack/v1/*.proto)
"$here/scripts/generate-methods.sh" "$here/../../Proto" "$root/wrappers"
