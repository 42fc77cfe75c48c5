/// Checks of rubrics and score values; messages name the wire field.
extension Validate {
    /// A rubric as a whole: counts first (before any per-item work), then each criterion, then the scale.
    static func rubric(_ rubric: Rubric) throws(DomainError) {
        let count = InputLimits.rubricCriteriaCount
        guard count.contains(rubric.criteria.count) else {
            throw .invalid("criteria", "must list between \(count.lowerBound) and \(count.upperBound) criteria")
        }
        var keys: Set<String> = []
        for (index, criterion) in rubric.criteria.enumerated() {
            let prefix = "criteria[\(index)]"
            try criterionKey(criterion.key, field: "\(prefix).key")
            guard keys.insert(criterion.key).inserted else {
                throw .invalid("\(prefix).key", "\"\(criterion.key)\" is already the key of another criterion: keys must be unique")
            }
            try name(criterion.name, field: "\(prefix).name")
            let weight = InputLimits.criterionWeight
            guard weight.contains(criterion.weight) else {
                throw .invalid("\(prefix).weight", "must be between \(weight.lowerBound) and \(weight.upperBound)")
            }
            try longText(criterion.description, field: "\(prefix).description",
                         maxLength: InputLimits.criterionDescriptionMaxLength)
        }
        guard rubric.scaleMax <= InputLimits.scaleMax else {
            throw .invalid("scale_max", "must be at most \(InputLimits.scaleMax)")
        }
        guard rubric.scaleMin < rubric.scaleMax else {
            throw .invalid("scale_min", "must be below scale_max (\(rubric.scaleMax))")
        }
    }

    /// `[a-z0-9-]`, 1 to `criterionKeyMaxLength` characters.
    static func criterionKey(_ value: String, field: String) throws(DomainError) {
        guard !value.isEmpty else { throw .invalid(field, "must not be empty") }
        guard value.utf8.count <= InputLimits.criterionKeyMaxLength else {
            throw .invalid(field, "must be at most \(InputLimits.criterionKeyMaxLength) characters")
        }
        let allowed = value.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || byte == UInt8(ascii: "-")
        }
        guard allowed else { throw .invalid(field, "must use only lowercase letters, digits and hyphens") }
    }

    /// A value for every criterion of `rubric`, each once and on its scale;
    /// returns them in the rubric's order, whatever the order given.
    static func scoreValues(_ values: [CriterionValue], against rubric: Rubric) throws(DomainError) -> [CriterionValue] {
        let keys = rubric.criteria.map(\.key)
        var given: [String: Int] = [:]
        for (index, item) in values.enumerated() {
            let field = "values[\(index)]"
            guard keys.contains(item.criterion) else {
                let shown = item.criterion.utf8.count <= InputLimits.criterionKeyMaxLength ? "\"\(item.criterion)\"" : "the key given"
                throw .invalid("\(field).criterion", "\(shown) is not a criterion of the rubric (\(keys.joined(separator: ", ")))")
            }
            guard given[item.criterion] == nil else {
                throw .invalid("\(field).criterion", "\"\(item.criterion)\" is given twice")
            }
            guard (rubric.scaleMin...rubric.scaleMax).contains(item.value) else {
                throw .invalid("\(field).value", "must be between \(rubric.scaleMin) and \(rubric.scaleMax) (the rubric's scale)")
            }
            given[item.criterion] = item.value
        }
        let missing = keys.filter { given[$0] == nil }
        guard missing.isEmpty else {
            throw .invalid("values", "missing a value for \(missing.map { "\"\($0)\"" }.joined(separator: ", ")): every criterion needs one")
        }
        return keys.map { CriterionValue(criterion: $0, value: given[$0]!) }
    }
}
