import Foundation

// hackctl's --json output, parsed for assertions.

/// A JSON object, or nil when the text is another JSON value.
func jsonObject(_ text: String) throws -> [String: Any]? {
    try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
}

/// A JSON array of objects, or nil when the text is another JSON value.
func jsonArray(_ text: String) throws -> [[String: Any]]? {
    try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]]
}
