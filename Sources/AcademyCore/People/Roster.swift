/// A roster of people to import: the organisation as HR or the PMO keeps it.
///
/// Columns (header names, any order; only `id` and `name` are required):
/// `id, name, email, unit, access, role, manager, slack, mattermost, teams, discord, google_chat`.
public struct Roster: Sendable {
    /// One valid row.
    public struct Entry: Sendable, Equatable {
        public var login: String
        public var name: String
        public var email: String?
        /// Unit path from the top, `Engineering/Platform`; empty for none.
        public var unitPath: [String]
        /// learner, manager or admin.
        public var access: String
        public var role: String?
        public var manager: String?
        public var chat: [String: String]
        public var line: Int
    }

    public static let columns = ["id", "name", "email", "unit", "access", "role", "manager", "slack", "mattermost", "teams",
                                 "discord", "google_chat"]
    public static let chatColumns = ["slack", "mattermost", "teams", "discord", "google_chat"]
    public static let accessRoles = ["learner", "manager", "admin"]

    public var entries: [Entry]

    /// Parses and checks a roster; every problem names its row (file line) and column. Any error means no import.
    public static func parse(_ text: String, file: String, roles: Set<String>, existingLogins: Set<String>) -> (Roster, [Diagnostic]) {
        let diagnostics = DiagnosticCollector()
        let table: CSVTable
        switch CSVTable.parse(text) {
        case let .success(parsed): table = parsed
        case let .failure(error):
            diagnostics.error(SourceLocation(file: file, line: error.line), error.message)
            return (Roster(entries: []), diagnostics.sorted)
        }
        for (index, name) in table.header.enumerated() where !columns.contains(name) {
            diagnostics.error(SourceLocation(file: file, line: 1, column: index + 1),
                              "unknown column '\(name)'\(Identifier.didYouMean(name, in: columns)); columns: \(columns.joined(separator: ", "))")
        }
        for required in ["id", "name"] where !table.header.contains(required) {
            diagnostics.error(SourceLocation(file: file, line: 1), "the header has no '\(required)' column")
        }
        guard !diagnostics.hasErrors else { return (Roster(entries: []), diagnostics.sorted) }
        let index = Dictionary(table.header.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { a, _ in a })
        var entries: [Entry] = []
        var seen: [String: Int] = [:]
        for row in table.rows {
            func value(_ column: String) -> String? {
                guard let i = index[column], i < row.fields.count, !row.fields[i].isEmpty else { return nil }
                return row.fields[i]
            }
            func at(_ column: String) -> SourceLocation {
                SourceLocation(file: file, line: row.line, column: (index[column] ?? 0) + 1)
            }
            if row.fields.count > table.header.count {
                diagnostics.error(SourceLocation(file: file, line: row.line), "row has \(row.fields.count) fields but the header has \(table.header.count)")
                continue
            }
            guard let login = value("id") else { diagnostics.error(at("id"), "id is empty"); continue }
            if let first = seen[login] {
                diagnostics.error(at("id"), "id '\(login)' appears twice (first on line \(first))")
                continue
            }
            seen[login] = row.line
            guard let name = value("name") else { diagnostics.error(at("name"), "name of '\(login)' is empty"); continue }
            let access = value("access")?.lowercased() ?? "learner"
            if !accessRoles.contains(access) {
                diagnostics.error(at("access"), "access '\(access)' must be learner, manager or admin")
            }
            let role = value("role")
            if let role, !roles.contains(role) {
                diagnostics.error(at("role"), "unknown job role '\(role)'\(Identifier.didYouMean(role, in: roles))")
            }
            if let email = value("email"), !email.contains("@") {
                diagnostics.error(at("email"), "email '\(email)' has no @")
            }
            var chat: [String: String] = [:]
            for column in chatColumns { if let handle = value(column) { chat[column] = handle } }
            let path = (value("unit") ?? "").split(separator: "/").map { String($0).trimmedWhitespace }.filter { !$0.isEmpty }
            entries.append(Entry(login: login, name: name, email: value("email"), unitPath: path, access: access, role: role,
                                 manager: value("manager"), chat: chat, line: row.line))
        }
        let logins = Set(entries.map(\.login)).union(existingLogins)
        for entry in entries {
            if let manager = entry.manager, !logins.contains(manager) {
                diagnostics.error(SourceLocation(file: file, line: entry.line, column: (index["manager"] ?? 0) + 1),
                                  "manager '\(manager)' of '\(entry.login)' is neither in the roster nor known\(Identifier.didYouMean(manager, in: logins))")
            }
            if entry.manager == entry.login {
                diagnostics.error(SourceLocation(file: file, line: entry.line), "'\(entry.login)' cannot be their own manager")
            }
        }
        return (Roster(entries: entries), diagnostics.sorted)
    }

    /// A unit code from its path: `Engineering/Platform` → `engineering-platform`.
    public static func unitCode(_ path: [String]) -> String {
        path.map { part in
            String(part.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" })
        }.joined(separator: "-").split(separator: "-").joined(separator: "-")
    }
}
