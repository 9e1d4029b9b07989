import AcademyCore
import Foundation
import GRDB

extension SQLiteStore {
    public func enrolPerson(login: String, name: String, at date: Date) async throws -> Person {
        try await writer.write { db in
            if let row = try Row.fetchOne(db, sql: "SELECT \(Person.columns) FROM person WHERE login = ?", arguments: [login]) {
                return Person(row: row)
            }
            let isFirst = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM person") == 0
            try db.execute(sql: """
                INSERT INTO person (login, name, is_admin, access, clearance, created_at) VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [login, name, isFirst, (isFirst ? AccessRole.admin : .learner).rawValue,
                                 isFirst ? Classification.confidential.rawValue : Classification.internal.rawValue, date])
            let id = db.lastInsertedRowID
            try db.execute(sql: "INSERT INTO audit_log (at, actor, action, detail) VALUES (?, ?, ?, ?)",
                           arguments: [date, login, "person.enrolled", isFirst ? "first person: administrator" : "learner"])
            return Person(id: id, login: login, name: name, access: isFirst ? .admin : .learner,
                          clearance: isFirst ? .confidential : .internal, createdAt: date)
        }
    }

    public func person(login: String) async throws -> Person? {
        try await writer.read { db in
            try Row.fetchOne(db, sql: "SELECT \(Person.columns) FROM person WHERE login = ?", arguments: [login]).map(Person.init(row:))
        }
    }

    public func people() async throws -> [Person] {
        try await writer.read { db in
            var people: [Person] = []
            try Self.scan(db, "SELECT \(Person.columns) FROM person ORDER BY login") { people.append(Person(statement: $0)) }
            return people
        }
    }

    public func updatePerson(_ person: Person) async throws {
        guard let id = person.id else { throw StoreError.notFound("person '\(person.login)'") }
        try await writer.write { db in
            try Self.update(db, person, id: id)
            if db.changesCount == 0 { throw StoreError.notFound("person '\(person.login)'") }
        }
    }

    public func importRoster(_ roster: Roster, prune: Bool, keep: String, at date: Date) async throws -> RosterImportSummary {
        try await writer.write { db in
            var summary = RosterImportSummary()
            var unitIDs: [String: Int64] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, code FROM org_unit") { unitIDs[row["code"]] = row["id"] }
            func unitID(_ path: [String]) throws -> Int64? {
                guard !path.isEmpty else { return nil }
                let code = Roster.unitCode(path)
                if let id = unitIDs[code] { return id }
                let parent = try unitID(Array(path.dropLast()))
                try db.execute(sql: "INSERT INTO org_unit (code, name, parent_id) VALUES (?, ?, ?)", arguments: [code, path.last ?? code, parent])
                let id = db.lastInsertedRowID
                unitIDs[code] = id
                summary.unitsCreated += 1
                return id
            }
            var existing: [String: Person] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT \(Person.columns) FROM person") {
                let person = Person(row: row)
                existing[person.login] = person
            }
            for entry in roster.entries {
                let access = AccessRole(rawValue: entry.access) ?? .learner
                let unit = try unitID(entry.unitPath)
                if var person = existing[entry.login], let id = person.id {
                    person.name = entry.name
                    person.email = entry.email
                    person.role = entry.role
                    person.access = access
                    person.unitID = unit
                    person.manager = entry.manager
                    person.chat = entry.chat
                    person.active = true
                    if access == .admin { person.clearance = .confidential }
                    try Self.update(db, person, id: id)
                    summary.updated += 1
                } else {
                    try db.execute(sql: """
                        INSERT INTO person (login, name, email, role, is_admin, access, unit_id, manager, chat, active, clearance, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)
                        """, arguments: [entry.login, entry.name, entry.email, entry.role, access == .admin, access.rawValue, unit,
                                         entry.manager, try SQLiteStore.json(entry.chat),
                                         (access == .admin ? Classification.confidential : .internal).rawValue, date])
                    summary.created += 1
                }
            }
            if prune {
                let listed = Set(roster.entries.map(\.login))
                for (login, person) in existing where !listed.contains(login) && login != keep && person.active {
                    try db.execute(sql: "UPDATE person SET active = 0 WHERE login = ?", arguments: [login])
                    summary.deactivated += 1
                }
            }
            try db.execute(sql: "INSERT INTO audit_log (at, actor, action, detail) VALUES (?, ?, ?, ?)",
                           arguments: [date, keep, "people.import",
                                       "created \(summary.created), updated \(summary.updated), deactivated \(summary.deactivated)"])
            return summary
        }
    }

    static func update(_ db: Database, _ person: Person, id: Int64) throws {
        try db.execute(sql: """
            UPDATE person SET name = ?, email = ?, role = ?, is_admin = ?, access = ?, unit_id = ?, manager = ?, chat = ?,
                active = ?, clearance = ? WHERE id = ?
            """, arguments: [person.name, person.email, person.role, person.isAdmin, person.access.rawValue, person.unitID,
                             person.manager, try SQLiteStore.json(person.chat), person.active, person.clearance.rawValue, id])
    }

    public func saveUnit(_ unit: OrgUnit) async throws -> OrgUnit {
        try await writer.write { db in
            var saved = unit
            try db.execute(sql: """
                INSERT INTO org_unit (code, name, parent_id) VALUES (?, ?, ?)
                ON CONFLICT(code) DO UPDATE SET name = excluded.name, parent_id = excluded.parent_id
                """, arguments: [unit.code, unit.name, unit.parentID])
            saved.id = try Int64.fetchOne(db, sql: "SELECT id FROM org_unit WHERE code = ?", arguments: [unit.code])
            return saved
        }
    }

    public func units() async throws -> [OrgUnit] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM org_unit ORDER BY code").map(OrgUnit.init(row:))
        }
    }

    public func audit(_ entry: AuditEntry) async throws {
        try await writer.write { db in
            try db.execute(sql: "INSERT INTO audit_log (at, actor, action, detail) VALUES (?, ?, ?, ?)",
                           arguments: [entry.at, entry.actor, entry.action, entry.detail])
        }
    }

    public func auditLog(limit: Int) async throws -> [AuditEntry] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM audit_log ORDER BY id DESC LIMIT ?", arguments: [limit]).map {
                AuditEntry(at: $0["at"], actor: $0["actor"], action: $0["action"], detail: $0["detail"])
            }
        }
    }
}
