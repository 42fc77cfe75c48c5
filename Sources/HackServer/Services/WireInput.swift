import HackDomain
import HackProtocol

// Wire inputs as domain drafts. Only what the domain cannot see is checked
// here (enum values, ids, update masks); every other rule is the domain's.

extension PhaseDraft {
    init(_ phase: Hack_V1_Phase, field: String) throws(RPCError) {
        let kind: PhaseKind
        switch phase.kind {
        case .intro: kind = .intro
        case .hack: kind = .hack
        case .synthesis: kind = .synthesis
        case .break: kind = .pause
        case .restitution: kind = .restitution
        case .custom: kind = .custom
        case .unspecified, .UNRECOGNIZED:
            throw .invalid("\(field).kind", "must be one of intro, hack, synthesis, break, restitution, custom")
        }
        self.init(kind: kind, name: phase.name, plannedStart: phase.plannedStart,
                  durationMs: Int64(clamping: phase.durationMs))
    }
}

/// Converts a wire agenda, naming each phase by its position in errors.
func agendaDrafts(_ phases: [Hack_V1_Phase]) throws(RPCError) -> [PhaseDraft] {
    var drafts: [PhaseDraft] = []
    for (index, phase) in phases.enumerated() {
        drafts.append(try PhaseDraft(phase, field: "agenda[\(index)]"))
    }
    return drafts
}

/// A wire id as a domain id: 0 and values past Int64 name nothing.
func resourceId(_ id: UInt64, field: String) throws(RPCError) -> Int64 {
    guard id > 0, id <= UInt64(Int64.max) else { throw .invalid(field, "must be a positive id") }
    return Int64(id)
}

/// The fields an update names, checked against the ones it may change.
struct UpdateMask {
    private let fields: Set<String>

    init(_ paths: [String], allowed: [String]) throws(RPCError) {
        guard !paths.isEmpty else {
            throw .invalid("update_mask", "must name at least one of \(allowed.joined(separator: ", "))")
        }
        for path in paths where !allowed.contains(path) {
            throw .invalid("update_mask", "\"\(path)\" is not one of \(allowed.joined(separator: ", "))")
        }
        fields = Set(paths)
    }

    /// `value` when the mask names `field`, nil (keep) otherwise.
    func pick<Value>(_ field: String, _ value: @autoclosure () throws(RPCError) -> Value) throws(RPCError) -> Value? {
        fields.contains(field) ? try value() : nil
    }
}
