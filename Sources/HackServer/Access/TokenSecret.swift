import Crypto
import HackProtocol

/// Token secrets as people hold them: `hk_<id>_<verifier>`. The id finds
/// the token's record at once; only the SHA-256 of the verifier (32 random
/// bytes, base64url) is stored, and it is compared in constant time.
enum TokenSecret {
    static let prefix = "hk_"

    /// A fresh verifier and the hash to store for it.
    static func makeVerifier() -> (verifier: String, hash: [UInt8]) {
        var generator = SystemRandomNumberGenerator()  // getrandom(2): cryptographically secure
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let verifier = base64URL(bytes)
        return (verifier, hash(verifier))
    }

    static func format(id: Int64, verifier: String) -> String {
        "\(prefix)\(id)_\(verifier)"
    }

    /// The id and verifier of a presented secret; nil when it is not one.
    static func parse(_ secret: String) -> (id: Int64, verifier: String)? {
        guard secret.hasPrefix(prefix) else { return nil }
        let rest = secret.dropFirst(prefix.count)
        guard let separator = rest.firstIndex(of: "_"), let id = Int64(rest[..<separator]), id > 0 else {
            return nil
        }
        let verifier = String(rest[rest.index(after: separator)...])
        return verifier.isEmpty ? nil : (id, verifier)
    }

    static func hash(_ verifier: String) -> [UInt8] {
        Array(SHA256.hash(data: Array(verifier.utf8)))
    }

    /// Equal hashes, in time independent of where they differ.
    static func matches(_ verifier: String, storedHash: [UInt8]) -> Bool {
        let presented = hash(verifier)
        guard presented.count == storedHash.count else { return false }
        var difference: UInt8 = 0
        for index in presented.indices { difference |= presented[index] ^ storedHash[index] }
        return difference == 0
    }

    private static func base64URL(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        var output = ""
        var buffer = 0
        var bits = 0
        for byte in bytes {
            buffer = buffer << 8 | Int(byte)
            bits += 8
            while bits >= 6 {
                bits -= 6
                output.append(alphabet[(buffer >> bits) & 0x3F])
            }
        }
        if bits > 0 { output.append(alphabet[(buffer << (6 - bits)) & 0x3F]) }
        return output
    }
}
