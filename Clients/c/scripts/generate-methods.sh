#!/bin/sh
# Generates the typed method wrappers of the C client from the .proto files:
# one function per rpc of every `service` (unary: hack_<service>_<method>();
# server stream: the same with a callback) and the table hack_methods[].
#
#   scripts/generate-methods.sh PROTO_ROOT OUT_DIR
#
# Reads every PROTO_ROOT/**/*.proto (sorted), writes OUT_DIR/hackclient_methods.h
# and OUT_DIR/hackclient_methods.c. Needs only a POSIX shell and awk.
# C names follow protoc-c: package hack.v1 + message GetEventRequest gives
# the type Hack__V1__GetEventRequest and hack__v1__get_event_request__descriptor.
set -eu

[ $# -eq 2 ] || { echo "usage: $0 PROTO_ROOT OUT_DIR" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
root=$1
mkdir -p "$2"
out=$(cd "$2" && pwd)

files=$(cd "$root" && find . -name '*.proto' | sed 's|^\./||' | LC_ALL=C sort)
[ -n "$files" ] || { echo "$0: no .proto under $root" >&2; exit 1; }

cd "$root"
# shellcheck disable=SC2086 # one word per file
LC_ALL=C awk -v hfile="$out/hackclient_methods.h" -v cfile="$out/hackclient_methods.c" \
    -f "$here/generate-methods.awk" $files
