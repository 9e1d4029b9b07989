import AcademyCore
import Foundation
import GRDB
import GRDBSQLite

extension SQLiteStore {
    public func enrol(personID: Int64, courseID: String, at date: Date) async throws {
        try await writer.write { db in
            try db.execute(sql: "INSERT OR IGNORE INTO enrollment (person_id, course_id, enrolled_at) VALUES (?, ?, ?)",
                           arguments: [personID, courseID, date])
        }
    }

    public func enrolledCourses(personID: Int64) async throws -> [String] {
        try await writer.read { db in
            try String.fetchAll(db, sql: "SELECT course_id FROM enrollment WHERE person_id = ? ORDER BY enrolled_at", arguments: [personID])
        }
    }

    public func startLesson(personID: Int64, lessonID: String, courseID: String, at date: Date) async throws {
        try await writer.write { db in
            try db.execute(sql: "INSERT OR IGNORE INTO enrollment (person_id, course_id, enrolled_at) VALUES (?, ?, ?)",
                           arguments: [personID, courseID, date])
            // Re-reading a lesson moves it to the front of "continue where you left off".
            try db.execute(sql: """
                INSERT INTO lesson_progress (person_id, lesson_id, course_id, started_at) VALUES (?, ?, ?, ?)
                ON CONFLICT(person_id, lesson_id) DO UPDATE SET started_at = excluded.started_at
                """, arguments: [personID, lessonID, courseID, date])
        }
    }

    public func completeLesson(personID: Int64, lessonID: String, courseID: String, at date: Date) async throws {
        try await writer.write { db in
            try db.execute(sql: """
                INSERT INTO lesson_progress (person_id, lesson_id, course_id, started_at, completed_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT(person_id, lesson_id) DO UPDATE SET completed_at = COALESCE(completed_at, excluded.completed_at)
                """, arguments: [personID, lessonID, courseID, date, date])
        }
    }

    public func lessonProgress(personID: Int64) async throws -> [LessonProgress] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM lesson_progress WHERE person_id = ? ORDER BY started_at", arguments: [personID])
                .map(LessonProgress.init(row:))
        }
    }

    public func assign(_ assignment: Assignment) async throws -> Assignment {
        try await writer.write { db in
            try db.execute(sql: """
                INSERT INTO assignment (person_id, unit_id, course_id, due_date, assigned_by, created_at) VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [assignment.personID, assignment.unitID, assignment.courseID, assignment.dueDate,
                                 assignment.assignedBy, assignment.createdAt])
            var saved = assignment
            saved.id = db.lastInsertedRowID
            return saved
        }
    }

    public func allAssignments() async throws -> [Assignment] {
        try await writer.read { db in try Row.fetchAll(db, sql: "SELECT * FROM assignment ORDER BY id").map(Assignment.init(row:)) }
    }

    public func learningFacts() async throws -> [Int64: LearningFacts] {
        try await facts(includingAnswers: true, courses: nil)
    }

    public func completionFacts(courses: Set<String>) async throws -> [Int64: LearningFacts] {
        try await facts(includingAnswers: false, courses: courses)
    }

    func facts(includingAnswers: Bool, courses: Set<String>?) async throws -> [Int64: LearningFacts] {
        try await writer.read { db in
            var facts: [Int64: LearningFacts] = [:]
            // Millions of rows in a large organisation: read through the C API, dates parsed from their text.
            func scan(_ sql: String, _ row: (OpaquePointer) -> Void) throws {
                let statement = try db.makeStatement(sql: sql)
                let handle = statement.sqliteStatement
                while true {
                    let code = sqlite3_step(handle)
                    if code == SQLITE_DONE { return }
                    guard code == SQLITE_ROW else {
                        throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
                    }
                    row(handle)
                }
            }
            func text(_ handle: OpaquePointer, _ column: Int32) -> String? {
                guard let pointer = sqlite3_column_text(handle, column) else { return nil }
                return String(cString: pointer)
            }
            func date(_ handle: OpaquePointer, _ column: Int32) -> Date? {
                guard let pointer = sqlite3_column_text(handle, column) else { return nil }
                return SQLiteDate.parse(pointer, count: Int(sqlite3_column_bytes(handle, column)))
            }
            // Course ids are content ids (letters, digits, hyphens), safe to inline as literals.
            let filter = courses.map { set in
                " WHERE course_id IN (" + set.filter { $0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" } }.map { "'\($0)'" }.joined(separator: ",") + ")"
            } ?? ""
            try scan("SELECT person_id, lesson_id, started_at, completed_at FROM lesson_progress" + (courses?.isEmpty == true ? " WHERE 0" : filter)) { handle in
                let person = sqlite3_column_int64(handle, 0)
                guard let lesson = text(handle, 1) else { return }
                if let completed = date(handle, 3) { facts[person, default: LearningFacts()].lessonsCompleted[lesson] = completed }
                if let started = date(handle, 2) {
                    facts[person, default: LearningFacts()].lastActivity = max(facts[person]?.lastActivity ?? started, started)
                }
            }
            try scan("SELECT person_id, scope, finished_at FROM attempt WHERE kind = 'check' AND status = 'finished'") { handle in
                let person = sqlite3_column_int64(handle, 0)
                guard let scope = text(handle, 1), scope.hasPrefix("lesson:"), let finished = date(handle, 2) else { return }
                // The latest finish when a check was taken more than once (as `courseProgress` counts it).
                let lesson = String(scope.dropFirst(7))
                let previous = facts[person]?.checksFinished[lesson] ?? finished
                facts[person, default: LearningFacts()].checksFinished[lesson] = max(previous, finished)
            }
            guard includingAnswers else { return facts }
            try scan("SELECT person_id, MAX(answered_at) AS last FROM response GROUP BY person_id") { handle in
                let person = sqlite3_column_int64(handle, 0)
                if let last = date(handle, 1) {
                    facts[person, default: LearningFacts()].lastActivity = max(facts[person]?.lastActivity ?? last, last)
                }
            }
            return facts
        }
    }

    public func weeklyActivity(weeks: Int, endingAt now: Date) async throws -> [Int64: [Int]] {
        // One pass over (person_id, answered_at) — the covering index response_person holds both —
        // read through the C API and bucketed by comparing the stored date text with the week
        // boundaries: no per-row date parsing, no GROUP BY.
        let start = now.addingTimeInterval(-Double(weeks) * 7 * 86_400)
        let boundaries = (0...weeks).map { Array(SQLiteDate.string(start.addingTimeInterval(Double($0) * 7 * 86_400)).utf8) }
        return try await writer.read { db in
            var result: [Int64: [Int]] = [:]
            let statement = try db.makeStatement(sql: "SELECT person_id, answered_at FROM response WHERE answered_at >= ? AND answered_at < ?")
            try statement.setArguments([String(decoding: boundaries[0], as: UTF8.self), String(decoding: boundaries[weeks], as: UTF8.self)])
            let handle = statement.sqliteStatement
            var lastPerson: Int64 = -1
            var counts = [Int](repeating: 0, count: weeks)
            func flush() {
                if lastPerson >= 0 { result[lastPerson, default: Array(repeating: 0, count: weeks)].add(counts) }
                counts = [Int](repeating: 0, count: weeks)
            }
            while true {
                let code = sqlite3_step(handle)
                if code == SQLITE_DONE { break }
                guard code == SQLITE_ROW else {
                    throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
                }
                let person = sqlite3_column_int64(handle, 0)
                if person != lastPerson { flush(); lastPerson = person }
                guard let text = sqlite3_column_text(handle, 1) else { continue }
                let length = Int(sqlite3_column_bytes(handle, 1))
                // The week whose start is the last boundary not after the answer.
                var low = 0, high = weeks - 1
                while low < high {
                    let mid = (low + high + 1) / 2
                    let cmp = boundaries[mid].withUnsafeBufferPointer { buffer in memcmp(text, buffer.baseAddress!, min(length, buffer.count)) }
                    if cmp >= 0 { low = mid } else { high = mid - 1 }
                }
                counts[low] += 1
            }
            flush()
            return result
        }
    }

    public func assignments(personID: Int64) async throws -> [Assignment] {
        try await writer.read { db in try Self.assignments(db, personID: personID) }
    }

    static func assignments(_ db: Database, personID: Int64) throws -> [Assignment] {
        try Row.fetchAll(db, sql: """
            WITH RECURSIVE ancestors(id) AS (
                SELECT unit_id FROM person WHERE id = ? AND unit_id IS NOT NULL
                UNION SELECT org_unit.parent_id FROM org_unit JOIN ancestors ON org_unit.id = ancestors.id
                WHERE org_unit.parent_id IS NOT NULL
            )
            SELECT * FROM assignment
            WHERE person_id = ? OR unit_id IN (SELECT id FROM ancestors)
            ORDER BY due_date IS NULL, due_date, id
            """, arguments: [personID, personID]).map(Assignment.init(row:))
    }
}

extension Array where Element == Int {
    mutating func add(_ other: [Int]) {
        for i in indices where i < other.count { self[i] += other[i] }
    }
}
