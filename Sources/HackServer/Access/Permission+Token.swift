extension Permission {
    /// Whether a call needs a token at all. A vote does not: the voter code in
    /// its request is the credential, so the audience needs no account. Health
    /// and discovery do not either: probes and tools ask before they hold one.
    var needsToken: Bool {
        switch self {
        case .votesCast, .healthCheck, .reflectionList: false
        default: true
        }
    }
}
