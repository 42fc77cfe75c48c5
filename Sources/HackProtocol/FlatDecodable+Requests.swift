/// The requests read by hand (`FlatDecodable`): the calls an event makes
/// most — getting and watching it, posting, listing and reading ideas,
/// voting, finding teams. Each sets the fields of its message by number;
/// a differential test checks each against the generated decoder.
/// (`decodeFlat` is spelled in each so it is compiled for its type.)
extension Hack_V1_GetEventRequest: FlatDecodable {
    public static func decodeFlat(_ bytes: UnsafeRawBufferPointer, recent: RecentStrings?) throws -> Self {
        try decodingFlat(bytes, recent: recent)
    }

    public mutating func setFlat(_ field: FlatFields.Field) -> Bool {
        switch field {
        case (1, .string(let value)): slug = value
        default: return false
        }
        return true
    }
}

extension Hack_V1_WatchEventRequest: FlatDecodable {
    public static func decodeFlat(_ bytes: UnsafeRawBufferPointer, recent: RecentStrings?) throws -> Self {
        try decodingFlat(bytes, recent: recent)
    }

    public mutating func setFlat(_ field: FlatFields.Field) -> Bool {
        switch field {
        case (1, .string(let value)): slug = value
        case (2, .varint(let value)): tickIntervalMs = UInt32(truncatingIfNeeded: value)
        default: return false
        }
        return true
    }
}

extension Hack_V1_CreateIdeaRequest: FlatDecodable {
    public static func decodeFlat(_ bytes: UnsafeRawBufferPointer, recent: RecentStrings?) throws -> Self {
        try decodingFlat(bytes, recent: recent)
    }

    public mutating func setFlat(_ field: FlatFields.Field) -> Bool {
        switch field {
        case (1, .varint(let value)): teamID = value
        case (2, .string(let value)): title = value
        case (3, .string(let value)): pitch = value
        case (4, .string(let value)): body = value
        default: return false
        }
        return true
    }
}

extension Hack_V1_GetIdeaRequest: FlatDecodable {
    public static func decodeFlat(_ bytes: UnsafeRawBufferPointer, recent: RecentStrings?) throws -> Self {
        try decodingFlat(bytes, recent: recent)
    }

    public mutating func setFlat(_ field: FlatFields.Field) -> Bool {
        switch field {
        case (1, .varint(let value)): id = value
        default: return false
        }
        return true
    }
}

extension Hack_V1_ListIdeasRequest: FlatDecodable {
    public static func decodeFlat(_ bytes: UnsafeRawBufferPointer, recent: RecentStrings?) throws -> Self {
        try decodingFlat(bytes, recent: recent)
    }

    public mutating func setFlat(_ field: FlatFields.Field) -> Bool {
        switch field {
        case (1, .string(let value)): eventSlug = value
        case (2, .varint(let value)): challengeID = value
        case (3, .varint(let value)): teamID = value
        default: return false
        }
        return true
    }
}

extension Hack_V1_CastVoteRequest: FlatDecodable {
    public static func decodeFlat(_ bytes: UnsafeRawBufferPointer, recent: RecentStrings?) throws -> Self {
        try decodingFlat(bytes, recent: recent)
    }

    public mutating func setFlat(_ field: FlatFields.Field) -> Bool {
        switch field {
        case (1, .string(let value)): eventSlug = value
        case (2, .string(let value)): code = value
        case (3, .varint(let value)): challengeID = value
        case (4, .varint(let value)): ideaID = value
        default: return false
        }
        return true
    }
}

extension Hack_V1_ListTeamsRequest: FlatDecodable {
    public static func decodeFlat(_ bytes: UnsafeRawBufferPointer, recent: RecentStrings?) throws -> Self {
        try decodingFlat(bytes, recent: recent)
    }

    public mutating func setFlat(_ field: FlatFields.Field) -> Bool {
        switch field {
        case (1, .string(let value)): eventSlug = value
        case (2, .varint(let value)): challengeID = value
        default: return false
        }
        return true
    }
}

extension Hack_V1_GetTeamRequest: FlatDecodable {
    public static func decodeFlat(_ bytes: UnsafeRawBufferPointer, recent: RecentStrings?) throws -> Self {
        try decodingFlat(bytes, recent: recent)
    }

    public mutating func setFlat(_ field: FlatFields.Field) -> Bool {
        switch field {
        case (1, .varint(let value)): id = value
        default: return false
        }
        return true
    }
}
