import HackProtocol

/// What a fuzz input means. The first byte is a control byte, the rest is
/// what the peer sends:
/// - low 4 bits: 0, the stream brings its own HELLO; 1 to 7, the harness
///   sends a HELLO first with the demo token of `helloRoles[n - 1]`, so the
///   stream's calls reach authenticated paths; 8 to 15, a HELLO with no token;
/// - bits 4 to 6: 0, the stream arrives in one read; n, in reads of
///   2^(n-1) bytes (1 to 64), with a loop turn between reads;
/// - bit 7: the server begins shutting down once half the stream has
///   arrived, as `HackServer.shutdown` does: streams end, the connection
///   drains (new calls refused but for Health/Check) and says GOAWAY.
package struct FuzzInput: Sendable, Equatable {
    package enum Hello: Sendable, Equatable {
        case fromStream
        case role(String)
        case anonymous
    }

    /// The roles a harness HELLO can carry (the first demo token of each).
    package static let helloRoles = ["admin", "organiser", "moderator", "territory", "juror", "team", "observer"]

    package var hello: Hello
    package var readSize: Int
    package var shutsDownMidway: Bool
    package var stream: [UInt8]

    package init(hello: Hello, readSize: Int = .max, shutsDownMidway: Bool = false, stream: [UInt8]) {
        self.hello = hello
        self.readSize = readSize
        self.shutsDownMidway = shutsDownMidway
        self.stream = stream
    }

    package init(bytes: [UInt8]) {
        let control = bytes.first ?? 0
        let helloBits = Int(control & 0x0F)
        hello = switch helloBits {
        case 0: .fromStream
        case 1...Self.helloRoles.count: .role(Self.helloRoles[helloBits - 1])
        default: .anonymous
        }
        let readBits = Int(control >> 4 & 0x07)
        readSize = readBits == 0 ? .max : 1 << (readBits - 1)
        shutsDownMidway = control & 0x80 != 0
        stream = Array(bytes.dropFirst())
    }

    /// The input as bytes; a read size is rounded down to a power of two,
    /// one over 64 is one read.
    package var bytes: [UInt8] {
        let helloBits: UInt8 = switch hello {
        case .fromStream: 0
        case .role(let role): UInt8(Self.helloRoles.firstIndex(of: role).map { $0 + 1 } ?? 8)
        case .anonymous: 8
        }
        let readBits: UInt8 = readSize > 64 ? 0 : UInt8(Int.bitWidth - readSize.leadingZeroBitCount)
        return [(shutsDownMidway ? 0x80 : 0) | readBits << 4 | helloBits] + stream
    }

    /// The HELLO the harness sends before the stream, if any.
    func helloFrame(template: DemoTemplate) throws -> Frame? {
        var hello = Hack_V1_Hello()
        hello.protocolVersion = ProtocolVersion.current
        hello.clientName = "hackfuzz"
        switch self.hello {
        case .fromStream: return nil
        case .anonymous: break
        case .role(let role):
            guard let secret = template.secret(role) else { throw FuzzInputError.noDemoToken(role: role) }
            hello.metadata["authorization"] = "Bearer \(secret)"
        }
        return Frame(kind: .hello, message: hello)
    }

    enum FuzzInputError: Error {
        case noDemoToken(role: String)
    }
}
