#!/bin/sh
# Regenerates the protobuf-c sources of the hackd schema.
#
#   ./generate.sh            writes into ./generated (the committed copy)
#   ./generate.sh OUT_DIR    writes into OUT_DIR (used by `make check-generated`)
#
# Needs protoc and the protoc-c plugin (protoc-gen-c) on PATH; the committed
# files were produced by protoc 3.21 with protoc-c 1.4.1.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
out=${1:-"$here/generated"}

command -v protoc >/dev/null 2>&1 || { echo "generate.sh: protoc not found" >&2; exit 1; }
command -v protoc-gen-c >/dev/null 2>&1 || { echo "generate.sh: protoc-gen-c (protobuf-c compiler) not found" >&2; exit 1; }

mkdir -p "$out"
cd "$here"
protoc -I../../Proto --c_out="$out" \
    hack/v1/frames.proto \
    hack/v1/model.proto \
    hack/v1/services.proto
