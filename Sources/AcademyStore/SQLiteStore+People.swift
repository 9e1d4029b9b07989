import AcademyCore
import Foundation
import GRDB

extension SQLiteStore {
    public func enrolPerson(login: String, name: String, at date: Date) async throws -> Person {
        try await writer.write { db in
            if let row = try Row.fetchOne(db, sql: "SELECT * FROM person WHERE login = ?", arguments: [login]) {
                return Person(row: row)
            }
            let isFirst = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM person") == 0
            try db.execute(sql: """
                INSERT INTO person (login, name, is_admin, clearance, created_at) VALUES (?, ?, ?, ?, ?)
                """, arguments: [login, name, isFirst, isFirst ? Classification.confidential.rawValue : Classification.internal.rawValue, date])
            let id = db.lastInsertedRowID
            try db.execute(sql: "INSERT INTO audit_log (at, actor, action, detail) VALUES (?, ?, ?, ?)",
                           arguments: [date, login, "person.enrolled", isFirst ? "first person: administrator" : "learner"])
            return Person(id: id, login: login, name: name, isAdmin: isFirst,
                          clearance: isFirst ? .confidential : .internal, createdAt: date)
        }
    }

    public func person(login: String) async throws -> Person? {
        try await writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM person WHERE login = ?", arguments: [login]).map(Person.init(row:))
        }
    }

    public func people() async throws -> [Person] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM person ORDER BY login").map(Person.init(row:))
        }
    }

    public func updatePerson(_ person: Person) async throws {
        guard let id = person.id else { throw StoreError.notFound("person '\(person.login)'") }
        try await writer.write { db in
            try db.execute(sql: """
                UPDATE person SET name = ?, role = ?, is_admin = ?, unit_id = ?, clearance = ? WHERE id = ?
                """, arguments: [person.name, person.role, person.isAdmin, person.unitID, person.clearance.rawValue, id])
            if db.changesCount == 0 { throw StoreError.notFound("person '\(person.login)'") }
        }
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
