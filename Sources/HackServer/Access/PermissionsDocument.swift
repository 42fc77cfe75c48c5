/// docs/PERMISSIONS.md, rendered from the permissions the methods declare
/// when they are registered: the document cannot say what the code does not.
enum PermissionsDocument {
    static func render(_ table: [(method: String, permission: Permission)]) -> String {
        var lines = [
            "# Permissions",
            "",
            "Generated from the method table of `Sources/HackServer` (a test checks this file",
            "against the code; `HACKD_UPDATE_DOCS=1 swift test --filter PermissionsDocumentTests`",
            "rewrites it).",
            "",
            "Every call presents a token (metadata `authorization: Bearer <secret>`, in HELLO or",
            "in the request). A missing, unknown, expired or revoked token is answered",
            "`UNAUTHENTICATED`; a valid token without the permission `PERMISSION_DENIED`, naming",
            "the permission. A caller who may not see a resource gets `PERMISSION_DENIED` whether",
            "it exists or not; only the admin is told `NOT_FOUND`.",
            "",
            "Exception: a method whose permission says \"no token needed\" below is answered",
            "without a token (its request carries its own credential, e.g. a voter code); a",
            "token sent with it is ignored.",
            "",
            "## Methods",
            "",
            "| method | permission |",
            "|--------|------------|",
        ]
        for row in table { lines.append("| `\(row.method)` | `\(row.permission.rawValue)` |") }
        lines += ["", "## Who holds each permission", "", "| permission | held by |", "|------------|---------|"]
        for permission in Permission.allCases { lines.append("| `\(permission.rawValue)` | \(permission.holders) |") }
        lines += [
            "",
            "Roles are scoped: every role but admin belongs to one event; moderator and territory",
            "also to one territory, team to one team, juror to the challenges assigned. One",
            "person may hold several tokens, one per role.",
            "",
        ]
        return lines.joined(separator: "\n")
    }
}
