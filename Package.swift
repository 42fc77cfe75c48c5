// swift-tools-version: 6.0
import PackageDescription

/// Release builds of the server's modules skip the runtime exclusivity
/// checks (as the standard library does): on the read path they were 15% of
/// the instructions of a call (docs/BENCHMARKS.md). Debug builds, where the
/// tests run, keep them, so a conflicting access is still caught. They also
/// optimise across modules: a call crosses protocol, transport, domain and
/// server, and generic code of one (e.g. the frame decoder's) is
/// specialised in the next only so.
let serverSwiftSettings: [SwiftSetting] = [
    .unsafeFlags(["-enforce-exclusivity=unchecked", "-cross-module-optimization"], .when(configuration: .release)),
]

/// Targets depend one way: protocol, domain and transport know nothing of each
/// other; storage knows the domain; the server joins them; the client knows
/// only the protocol.
let package = Package(
    name: "hackd",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "hackd", targets: ["hackd"]),
        .executable(name: "hackctl", targets: ["hackctl"]),
        // The protocol fuzzer (`make fuzz`); built plainly, it replays inputs.
        .executable(name: "hackfuzz", targets: ["hackfuzz"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-protobuf.git", exact: "1.39.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", exact: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", exact: "3.12.3"),
    ],
    targets: [
        .systemLibrary(name: "CLibUV", pkgConfig: "libuv", providers: [.apt(["libuv1-dev"])]),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),

        .target(
            name: "HackProtocol",
            dependencies: [.product(name: "SwiftProtobuf", package: "swift-protobuf")],
            swiftSettings: serverSwiftSettings
        ),
        .target(name: "HackDomain", swiftSettings: serverSwiftSettings),
        .target(name: "HackStorage", dependencies: ["CSQLite", "HackDomain"], swiftSettings: serverSwiftSettings),
        .target(name: "HackTransport", dependencies: ["CLibUV"], swiftSettings: serverSwiftSettings),
        .target(
            name: "HackServer",
            dependencies: [
                "HackProtocol", "HackDomain", "HackStorage", "HackTransport", "HackReports",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: serverSwiftSettings
        ),
        .target(name: "HackClient", dependencies: ["HackProtocol"]),
        // Restitution reports from plain values: no I/O, no other target.
        .target(name: "HackReports"),

        .executableTarget(
            name: "hackd",
            dependencies: [
                "HackServer", "HackProtocol",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "hackctl",
            dependencies: [
                "HackClient", "HackProtocol",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ]
        ),

        // libFuzzer's target with -D HACKFUZZ_LIBFUZZER -sanitize=fuzzer (see Makefile),
        // else a replayer of fuzz inputs; both run HackServer's ProtocolFuzzHarness.
        .executableTarget(name: "hackfuzz", dependencies: ["HackServer"]),

        .testTarget(
            name: "HackProtocolTests",
            dependencies: ["HackProtocol", .product(name: "SwiftProtobuf", package: "swift-protobuf")]
        ),
        .testTarget(name: "HackDomainTests", dependencies: ["HackDomain"]),
        .testTarget(name: "HackStorageTests", dependencies: ["HackStorage", "HackDomain"]),
        .testTarget(name: "HackTransportTests", dependencies: ["HackTransport", "CLibUV"]),
        .testTarget(
            name: "HackServerTests",
            dependencies: [
                "HackServer", "HackProtocol", "HackDomain", "HackStorage", "HackTransport",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ]
        ),
        .testTarget(name: "HackReportsTests", dependencies: ["HackReports"], exclude: ["Snapshots"]),
        .testTarget(name: "EndToEndTests", dependencies: ["HackClient", "HackProtocol", "HackDomain", "HackStorage"]),
        // hackctl's pure parts (parsers, views), through `@testable import hackctl`.
        .testTarget(name: "HackctlTests", dependencies: ["hackctl", "HackProtocol"]),
    ]
)
