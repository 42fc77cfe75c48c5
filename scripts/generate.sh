#!/usr/bin/env bash
# Regenerates ALL code generated from Proto/:
#   Swift messages -> Sources/HackProtocol/Generated  (protoc + protoc-gen-swift)
#   C messages     -> Clients/c/generated             (protoc + protoc-c)
# Usage: scripts/generate.sh [OUT_ROOT]
#   OUT_ROOT (default: the repo root) receives the two folders above;
#   scripts/check-generated.sh passes a temp dir. Runs from any directory.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."   # repo root
out="${1:-.}"

# The plugin must match the SwiftProtobuf runtime the package pins, so it is
# built from the resolved checkout. A plugin already built there is reused
# unless the checkout has moved to another version since.
checkout=.build/checkouts/swift-protobuf
plugin="$checkout/.build/release/protoc-gen-swift"
swift package resolve
version=$(git -C "$checkout" describe --tags --exact-match 2>/dev/null || true)
if [[ ! -x $plugin || $("$plugin" --version) != "protoc-gen-swift $version" ]]; then
  swift build -c release --product protoc-gen-swift --package-path "$checkout"
fi

swift_out="$out/Sources/HackProtocol/Generated"
c_out="$out/Clients/c/generated"
# Start from empty folders so a deleted .proto leaves no stale output.
rm -rf "$swift_out" "$c_out"
mkdir -p "$swift_out" "$c_out"

protoc -IProto --plugin=protoc-gen-swift="$plugin" \
  --swift_out=Visibility=Public:"$swift_out" Proto/hack/v1/*.proto
protoc -IProto --c_out="$c_out" Proto/hack/v1/*.proto
