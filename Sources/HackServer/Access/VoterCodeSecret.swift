import Crypto
import HackDomain

/// Voter codes as the server makes and checks them: random symbols of
/// `VoterCodeText.alphabet`, of which only the SHA-256 of the normalised
/// code is kept. A code is its own credential (no token goes with it).
enum VoterCodeSecret {
    /// `count` fresh codes (normalised, without dashes) and the hashes to store.
    static func make(count: Int) -> (codes: [String], hashes: [[UInt8]]) {
        var generator = SystemRandomNumberGenerator()  // getrandom(2): cryptographically secure
        var codes: [String] = []
        var hashes: [[UInt8]] = []
        codes.reserveCapacity(count)
        hashes.reserveCapacity(count)
        let alphabet = VoterCodeText.alphabet
        for _ in 0..<count {
            // random(in:) draws uniformly (it rejects rather than taking a modulo).
            let code = String((0..<VoterCodeText.length).map { _ in alphabet[Int.random(in: alphabet.indices, using: &generator)] })
            codes.append(code)
            hashes.append(hash(code))
        }
        return (codes, hashes)
    }

    /// The hash of a normalised code (`VoterCodeText.normalise`).
    static func hash(_ normalised: String) -> [UInt8] {
        Array(SHA256.hash(data: Array(normalised.utf8)))
    }
}
