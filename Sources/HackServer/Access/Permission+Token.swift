extension Permission {
    /// Whether a call needs a token at all. Only a vote does not: the voter
    /// code in its request is the credential, so the audience needs no account.
    var needsToken: Bool {
        self != .votesCast
    }
}
