import AcademyCore
import Foundation
import GRDB
import GRDBSQLite

/// Fast inserts for generated or imported data, inside one write transaction (`SQLiteStore.bulkLoad`).
///
/// Prepared statements are reused; the large tables are written 100 rows per statement from bytes the
/// caller already holds; nothing is read back. For imports and the demo organisation, not for the
/// learner's own answers (those go through `recordAnswer`).
public final class SQLiteBulkLoader {
    let db: Database
    private let person: Statement
    private let card: Statement

    init(_ db: Database) throws {
        self.db = db
        person = try db.makeStatement(sql: """
            INSERT INTO person (id, login, name, email, role, is_admin, access, unit_id, manager, chat, active, clearance, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        card = try db.makeStatement(sql: """
            INSERT OR REPLACE INTO review_card (person_id, item_id, due, state, updated_at) VALUES (?, ?, ?, ?, ?)
            """)
    }

    public func insertUnit(code: String, name: String, parentID: Int64?) throws -> Int64 {
        try db.execute(sql: "INSERT INTO org_unit (code, name, parent_id) VALUES (?, ?, ?)", arguments: [code, name, parentID])
        return db.lastInsertedRowID
    }

    /// Inserts a person, with `p.id` when given (generators that number rows themselves), else a new id.
    public func insertPerson(_ p: Person) throws -> Int64 {
        try person.execute(arguments: [p.id, p.login, p.name, p.email, p.role, p.isAdmin, p.access.rawValue, p.unitID, p.manager,
                                       try SQLiteStore.json(p.chat), p.active, p.clearance.rawValue, SQLiteDate.string(p.createdAt)])
        return db.lastInsertedRowID
    }

    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    // MARK: Rows whose text is already bytes in memory (the demo's hot path)

    /// Bytes bound without a copy (SQLite's `SQLITE_STATIC`): they must stay alive until the call that takes them returns.
    public typealias Bytes = UnsafeBufferPointer<UInt8>

    /// One response; dates in the store's text form (`SQLiteDate`).
    public struct ResponseRow {
        public var attemptID: Int64, personID: Int64, itemID: Bytes, competency: Bytes, answerJSON: Bytes, correct: Bool, seconds: Double, at: Bytes

        public init(attemptID: Int64, personID: Int64, itemID: Bytes, competency: Bytes, answerJSON: Bytes, correct: Bool, seconds: Double, at: Bytes) {
            self.attemptID = attemptID
            self.personID = personID
            self.itemID = itemID
            self.competency = competency
            self.answerJSON = answerJSON
            self.correct = correct
            self.seconds = seconds
            self.at = at
        }
    }

    /// One finished attempt whose plan is already JSON.
    public struct AttemptRow {
        public var id: Int64, personID: Int64, kind: AttemptKind, scope: Bytes, planJSON: Bytes, startedAt: Bytes, finishedAt: Bytes

        public init(id: Int64, personID: Int64, kind: AttemptKind, scope: Bytes, planJSON: Bytes, startedAt: Bytes, finishedAt: Bytes) {
            self.id = id
            self.personID = personID
            self.kind = kind
            self.scope = scope
            self.planJSON = planJSON
            self.startedAt = startedAt
            self.finishedAt = finishedAt
        }
    }

    public struct LessonRow {
        public var personID: Int64, lessonID: Bytes, courseID: Bytes, startedAt: Bytes, completedAt: Bytes

        public init(personID: Int64, lessonID: Bytes, courseID: Bytes, startedAt: Bytes, completedAt: Bytes) {
            self.personID = personID
            self.lessonID = lessonID
            self.courseID = courseID
            self.startedAt = startedAt
            self.completedAt = completedAt
        }
    }

    public struct EstimateRow {
        public var personID: Int64, competency: Bytes, theta: Double, se: Double, responses: Int, estimatedAt: Bytes

        public init(personID: Int64, competency: Bytes, theta: Double, se: Double, responses: Int, estimatedAt: Bytes) {
            self.personID = personID
            self.competency = competency
            self.theta = theta
            self.se = se
            self.responses = responses
            self.estimatedAt = estimatedAt
        }
    }

    /// Inserts `count` responses, `row(i)` giving the i-th, many rows per statement.
    public func insertResponses(count: Int, _ row: (Int) -> ResponseRow) throws {
        try insertBatched("INSERT INTO response (attempt_id, person_id, item_id, competency, answer, correct, seconds, answered_at)",
                          columns: 8, count: count) { statement, first, i in
            let r = row(i)
            sqlite3_bind_int64(statement, first + 1, r.attemptID)
            sqlite3_bind_int64(statement, first + 2, r.personID)
            Self.bind(statement, first + 3, r.itemID)
            Self.bind(statement, first + 4, r.competency)
            Self.bind(statement, first + 5, r.answerJSON)
            sqlite3_bind_int64(statement, first + 6, r.correct ? 1 : 0)
            sqlite3_bind_double(statement, first + 7, r.seconds)
            Self.bind(statement, first + 8, r.at)
        }
    }

    public func insertAttempts(count: Int, _ row: (Int) -> AttemptRow) throws {
        try insertBatched("INSERT INTO attempt (id, person_id, kind, scope, plan, status, started_at, updated_at, finished_at)",
                          columns: 9, count: count) { statement, first, i in
            let a = row(i)
            sqlite3_bind_int64(statement, first + 1, a.id)
            sqlite3_bind_int64(statement, first + 2, a.personID)
            Self.bind(statement, first + 3, a.kind.rawValue)
            Self.bind(statement, first + 4, a.scope)
            Self.bind(statement, first + 5, a.planJSON)
            Self.bind(statement, first + 6, AttemptStatus.finished.rawValue)
            Self.bind(statement, first + 7, a.startedAt)
            Self.bind(statement, first + 8, a.finishedAt)
            Self.bind(statement, first + 9, a.finishedAt)
        }
    }

    /// Lesson progress rows; a later row for the same person and lesson replaces an earlier one.
    public func insertLessonProgress(count: Int, _ row: (Int) -> LessonRow) throws {
        try insertBatched("INSERT OR REPLACE INTO lesson_progress (person_id, lesson_id, course_id, started_at, completed_at)",
                          columns: 5, count: count) { statement, first, i in
            let l = row(i)
            sqlite3_bind_int64(statement, first + 1, l.personID)
            Self.bind(statement, first + 2, l.lessonID)
            Self.bind(statement, first + 3, l.courseID)
            Self.bind(statement, first + 4, l.startedAt)
            Self.bind(statement, first + 5, l.completedAt)
        }
    }

    public func insertEstimates(count: Int, _ row: (Int) -> EstimateRow) throws {
        try insertBatched("INSERT INTO skill_estimate (person_id, competency, theta, se, responses, estimated_at)",
                          columns: 6, count: count) { statement, first, i in
            let e = row(i)
            sqlite3_bind_int64(statement, first + 1, e.personID)
            Self.bind(statement, first + 2, e.competency)
            sqlite3_bind_double(statement, first + 3, e.theta)
            sqlite3_bind_double(statement, first + 4, e.se)
            sqlite3_bind_int64(statement, first + 5, Int64(e.responses))
            Self.bind(statement, first + 6, e.estimatedAt)
        }
    }

    /// Rows per multi-row INSERT: the per-statement work (AUTOINCREMENT bookkeeping, reset, step) is paid once per batch.
    static let rowsPerStatement = 100

    /// Inserts `count` rows with `INSERT … VALUES (…), (…), …`, `bind(statement, firstParameter - 1, row)` binding each.
    private func insertBatched(_ head: String, columns: Int, count: Int, bind: (OpaquePointer?, Int32, Int) -> Void) throws {
        let values = "(" + repeatElement("?", count: columns).joined(separator: ",") + ")"
        var start = 0
        while start < count {
            let n = min(Self.rowsPerStatement, count - start)
            let key = "\(n) \(head)"
            let statement: Statement
            if let cached = batched[key] {
                statement = cached
            } else {
                statement = try db.makeStatement(sql: head + " VALUES " + repeatElement(values, count: n).joined(separator: ","))
                batched[key] = statement
            }
            let handle = statement.sqliteStatement
            sqlite3_reset(handle)
            for r in 0..<n { bind(handle, Int32(r * columns), start + r) }
            try step(handle)
            start += n
        }
    }

    private var batched: [String: Statement] = [:]

    private func step(_ statement: OpaquePointer?) throws {
        let code = sqlite3_step(statement)
        guard code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
        }
    }

    private static let empty: StaticString = ""

    private static func bind(_ statement: OpaquePointer?, _ index: Int32, _ bytes: Bytes) {
        let base = bytes.baseAddress ?? empty.utf8Start
        base.withMemoryRebound(to: CChar.self, capacity: max(1, bytes.count)) { chars in
            _ = sqlite3_bind_text(statement, index, chars, Int32(bytes.count), nil)
        }
    }

    private static func bind(_ statement: OpaquePointer?, _ index: Int32, _ text: String) {
        var text = text
        text.withUTF8 { bytes in
            _ = bytes.withMemoryRebound(to: CChar.self) { chars in
                sqlite3_bind_text(statement, index, chars.baseAddress, Int32(chars.count), transient)
            }
        }
    }

    public func insertReviewCard(personID: Int64, itemID: String, due: Date, state: String, at date: Date) throws {
        try card.execute(arguments: [personID, itemID, SQLiteDate.string(due), state, SQLiteDate.string(date)])
    }

    public func insertAssignment(_ a: Assignment) throws {
        try db.execute(sql: "INSERT INTO assignment (person_id, unit_id, course_id, due_date, assigned_by, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                       arguments: [a.personID, a.unitID, a.courseID, a.dueDate, a.assignedBy, a.createdAt])
    }

    public func insertMaturityAssessment(_ a: MaturityAssessmentRecord, answers: [(criterion: String, answer: String, note: String)]) throws {
        try db.execute(sql: """
            INSERT INTO maturity_assessment (model_id, unit_id, assessor, status, started_at, submitted_at) VALUES (?, ?, ?, ?, ?, ?)
            """, arguments: [a.modelID, a.unitID, a.assessor, a.status.rawValue, a.startedAt, a.submittedAt])
        let id = db.lastInsertedRowID
        for answer in answers {
            try db.execute(sql: "INSERT INTO maturity_answer (assessment_id, criterion_id, answer, note, answered_at) VALUES (?, ?, ?, ?, ?)",
                           arguments: [id, answer.criterion, answer.answer, answer.note, a.submittedAt ?? a.startedAt])
        }
    }
}

/// Dates in the text form GRDB stores ("yyyy-MM-dd HH:mm:ss.SSS", UTC), without DateFormatter.
///
/// Formatting through ICU was the largest single cost of generating the demo organisation.
public enum SQLiteDate {
    public static func string(_ date: Date) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(23)
        append(date, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the 23 bytes of `string(date)` to `bytes`, without making a string.
    public static func append(_ date: Date, to bytes: inout [UInt8]) {
        let totalMillis = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        var days = Int(totalMillis.floorDiv(86_400_000))
        let millisOfDay = Int(totalMillis - Int64(days) * 86_400_000)
        // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
        days += 719_468
        let era = (days >= 0 ? days : days - 146_096) / 146_097
        let doe = days - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        let hour = millisOfDay / 3_600_000, minute = millisOfDay / 60_000 % 60, second = millisOfDay / 1000 % 60, millis = millisOfDay % 1000
        let base = bytes.count
        bytes.append(contentsOf: repeatElement(0x30, count: 23))
        func put(_ value: Int, _ at: Int, _ width: Int) {
            var v = value
            for i in stride(from: base + at + width - 1, through: base + at, by: -1) { bytes[i] = UInt8(0x30 + v % 10); v /= 10 }
        }
        put(year, 0, 4); bytes[base + 4] = 0x2D; put(month, 5, 2); bytes[base + 7] = 0x2D; put(day, 8, 2); bytes[base + 10] = 0x20
        put(hour, 11, 2); bytes[base + 13] = 0x3A; put(minute, 14, 2); bytes[base + 16] = 0x3A; put(second, 17, 2); bytes[base + 19] = 0x2E
        put(millis, 20, 3)
    }
}

extension SQLiteDate {
    /// Parses "yyyy-MM-dd HH:mm:ss[.SSS]" (UTC) from raw column bytes; nil when it is not that shape.
    static func parse(_ bytes: UnsafePointer<UInt8>, count: Int) -> Date? {
        guard count >= 19 else { return nil }
        func number(_ from: Int, _ width: Int) -> Int? {
            var value = 0
            for i in from..<(from + width) {
                let digit = Int(bytes[i]) - 48
                guard digit >= 0, digit <= 9 else { return nil }
                value = value * 10 + digit
            }
            return value
        }
        guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2), let hour = number(11, 2),
              let minute = number(14, 2), let second = number(17, 2) else { return nil }
        var millis = 0
        if count >= 23, bytes[19] == 0x2E, let m = number(20, 3) { millis = m }
        // Days from civil (Howard Hinnant's algorithm).
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146_097 + doe - 719_468
        let seconds = Double(days) * 86_400 + Double(hour * 3600 + minute * 60 + second) + Double(millis) / 1000
        return Date(timeIntervalSince1970: seconds)
    }
}

extension Int64 {
    func floorDiv(_ d: Int64) -> Int64 { self >= 0 ? self / d : -((-self + d - 1) / d) }
}

extension SQLiteStore {
    /// Runs `body` with a bulk loader inside one write transaction.
    public func bulkLoad(_ body: @escaping @Sendable (SQLiteBulkLoader) throws -> Void) async throws {
        try await writer.write { db in try body(try SQLiteBulkLoader(db)) }
    }

    /// Drops the secondary indexes of the tables the demo fills before a bulk load (building them once afterwards is cheaper).
    public func suspendResponseIndexes() async throws {
        try await writer.writeWithoutTransaction { db in
            try db.execute(sql: Self.bulkIndexes.map { "DROP INDEX IF EXISTS \($0.name);" }.joined(separator: "\n"))
        }
    }

    /// Rebuilds what `suspendResponseIndexes` dropped, as the migrations define them.
    public func restoreResponseIndexes() async throws {
        try await writer.writeWithoutTransaction { db in
            // The sorter may use a second thread while it builds each index.
            try db.execute(sql: "PRAGMA threads = 2")
            for index in Self.bulkIndexes { try db.execute(sql: "CREATE \(index.definition)") }
            try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
        }
    }

    /// The indexes the migrations leave on the bulk-loaded tables (response, skill_estimate, lesson_progress, attempt).
    static let bulkIndexes: [(name: String, definition: String)] = [
        ("response_attempt_item", "UNIQUE INDEX IF NOT EXISTS response_attempt_item ON response(attempt_id, item_id)"),
        ("response_person", "INDEX IF NOT EXISTS response_person ON response(person_id, competency, answered_at)"),
        ("response_answered", "INDEX IF NOT EXISTS response_answered ON response(answered_at, person_id)"),
        ("skill_estimate_latest", "INDEX IF NOT EXISTS skill_estimate_latest ON skill_estimate(person_id, competency, theta, responses)"),
        ("lesson_progress_course", "INDEX IF NOT EXISTS lesson_progress_course ON lesson_progress(course_id, person_id, lesson_id, completed_at)"),
        ("attempt_check", "INDEX IF NOT EXISTS attempt_check ON attempt(kind, status, scope, person_id, finished_at)"),
    ]
}
