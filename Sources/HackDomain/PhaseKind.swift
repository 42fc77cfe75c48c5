/// What a step of the agenda is for. Raw values are the stable names stored
/// on disk; `pause` is spelled "break" because `break` is a Swift keyword.
public enum PhaseKind: String, Sendable, CaseIterable {
    case intro
    case hack
    case synthesis
    case pause = "break"
    case restitution
    /// A step the fixed kinds do not describe; it must carry a name.
    case custom
}
