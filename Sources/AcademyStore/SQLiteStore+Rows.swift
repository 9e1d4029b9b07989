import AcademyCore
import Foundation
import GRDB
import GRDBSQLite

// Mapping between rows and the store's values, in one place.
extension Person {
    /// The columns `init(row:)` reads, in order: select them explicitly, never `*`.
    static let columns = "id, login, name, email, role, access, is_admin, unit_id, manager, chat, active, clearance, created_at"

    /// Decodes by position (decoding by column name looks each name up per row, which showed in large reports).
    init(row: Row) {
        let chatText: String = row[9] ?? "{}"
        let chat = chatText == "{}" ? [:] : (FlatJSON.stringMap(chatText)
            ?? (try? JSONDecoder().decode([String: String].self, from: Data(chatText.utf8))) ?? [:])
        let isAdmin: Bool = row[6] ?? false
        self.init(id: row[0], login: row[1], name: row[2], email: row[3], role: row[4],
                  access: AccessRole(rawValue: row[5] ?? "") ?? (isAdmin ? .admin : .learner),
                  unitID: row[7], manager: row[8], chat: chat, active: row[10] ?? true,
                  clearance: Classification(rawValue: row[11] ?? "") ?? .internal, createdAt: row[12])
    }
}

extension Person {
    /// Decodes the current row of a statement that selects `columns`, through the C API: as `init(row:)`,
    /// without a `Row` per person (a large organisation reads 100,000 of them for every report).
    init(statement h: OpaquePointer) {
        func text(_ i: Int32) -> String? {
            guard let pointer = sqlite3_column_text(h, i) else { return nil }
            return String(decoding: UnsafeBufferPointer(start: pointer, count: Int(sqlite3_column_bytes(h, i))), as: UTF8.self)
        }
        func int(_ i: Int32) -> Int64? { sqlite3_column_type(h, i) == SQLITE_NULL ? nil : sqlite3_column_int64(h, i) }
        func date(_ i: Int32) -> Date {
            if let pointer = sqlite3_column_text(h, i), let date = SQLiteDate.parse(pointer, count: Int(sqlite3_column_bytes(h, i))) { return date }
            return Date.fromDatabaseValue(DatabaseValue(sqliteStatement: h, index: i)) ?? Date(timeIntervalSince1970: 0)
        }
        let chatText = text(9) ?? "{}"
        let chat = chatText == "{}" ? [:] : (FlatJSON.stringMap(chatText)
            ?? (try? JSONDecoder().decode([String: String].self, from: Data(chatText.utf8))) ?? [:])
        let isAdmin = (int(6) ?? 0) != 0
        self.init(id: int(0), login: text(1) ?? "", name: text(2) ?? "", email: text(3), role: text(4),
                  access: AccessRole(rawValue: text(5) ?? "") ?? (isAdmin ? .admin : .learner),
                  unitID: int(7), manager: text(8), chat: chat, active: int(10).map { $0 != 0 } ?? true,
                  clearance: Classification(rawValue: text(11) ?? "") ?? .internal, createdAt: date(12))
    }
}

extension OrgUnit {
    init(row: Row) {
        self.init(id: row["id"], code: row["code"], name: row["name"], parentID: row["parent_id"])
    }
}

extension LessonProgress {
    init(row: Row) {
        self.init(personID: row["person_id"], lessonID: row["lesson_id"], courseID: row["course_id"],
                  startedAt: row["started_at"], completedAt: row["completed_at"])
    }
}

extension Attempt {
    init(row: Row) throws {
        self.init(id: row["id"], personID: row["person_id"], kind: AttemptKind(rawValue: row["kind"]) ?? .quiz,
                  scope: row["scope"], plan: try SQLiteStore.decode(QuizPlan.self, row["plan"]),
                  status: AttemptStatus(rawValue: row["status"]) ?? .open, startedAt: row["started_at"],
                  updatedAt: row["updated_at"], finishedAt: row["finished_at"], owner: row["owner"])
    }
}

extension ResponseRecord {
    init(row: Row) throws {
        self.init(id: row["id"], attemptID: row["attempt_id"], personID: row["person_id"], itemID: row["item_id"],
                  competency: row["competency"], answer: try SQLiteStore.decode(Answer.self, row["answer"]),
                  correct: row["correct"], seconds: row["seconds"], answeredAt: row["answered_at"])
    }
}

extension SkillEstimateRecord {
    init(row: Row) {
        self.init(personID: row["person_id"], competency: row["competency"], theta: row["theta"], se: row["se"],
                  responses: row["responses"], estimatedAt: row["estimated_at"])
    }
}

extension ReviewCardRecord {
    init(row: Row) {
        let state: String = row["state"]
        self.init(personID: row["person_id"], itemID: row["item_id"], due: row["due"], state: Data(state.utf8),
                  updatedAt: row["updated_at"])
    }
}

extension Assignment {
    init(row: Row) {
        self.init(id: row["id"], personID: row["person_id"], unitID: row["unit_id"], courseID: row["course_id"],
                  dueDate: row["due_date"], assignedBy: row["assigned_by"], createdAt: row["created_at"])
    }
}

/// A fast path for the flat `{"key":"value",…}` objects the store writes (chat handles).
enum FlatJSON {
    /// The map, or nil when the text is not a flat object of plain strings (the caller then uses JSONDecoder).
    static func stringMap(_ text: String) -> [String: String]? {
        var text = text
        return text.withUTF8 { bytes -> [String: String]? in
            guard bytes.count >= 2, bytes.first == 0x7B, bytes.last == 0x7D else { return nil }
            var result: [String: String] = [:]
            var i = 1
            let end = bytes.count - 1
            func string() -> String? {
                guard i < end, bytes[i] == 0x22 else { return nil }
                let start = i + 1
                var j = start
                while j < end, bytes[j] != 0x22 {
                    if bytes[j] == 0x5C { return nil }  // escapes: leave them to JSONDecoder
                    j += 1
                }
                guard j < end else { return nil }
                i = j + 1
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<j]), as: UTF8.self)
            }
            while i < end {
                guard let key = string(), i < end, bytes[i] == 0x3A else { return nil }
                i += 1
                guard let value = string() else { return nil }
                result[key] = value
                if i < end {
                    guard bytes[i] == 0x2C else { return nil }
                    i += 1
                }
            }
            return result
        }
    }
}
