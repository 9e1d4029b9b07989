import AcademyCore
import Foundation
import GRDB
import GRDBSQLite

/// The organisation-wide reading for capability reports: each table read in one pass through the
/// C API, over the covering indexes of migration `v5-capability-report-indexes`, into compact tables.
extension SQLiteStore {
    public func latestEstimateTable(competencies: [String]) async throws -> LatestEstimateTable {
        try await writer.read { db in
            var table = LatestEstimateTable(competencies: competencies)
            let columns = Dictionary(competencies.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
            let width = competencies.count
            // The newest estimate is the one with the highest id, as `latestEstimatesByPerson` reads it.
            // Bare columns with MAX() come from the row holding the maximum.
            var lastCompetency: (bytes: [UInt8], column: Int?) = ([], nil)
            try Self.scan(db, """
                SELECT person_id, competency, theta, responses, MAX(id) FROM skill_estimate GROUP BY person_id, competency
                """) { handle in
                let person = sqlite3_column_int64(handle, 0)
                guard let text = sqlite3_column_text(handle, 1) else { return }
                let bytes = UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(handle, 1)))
                if !lastCompetency.bytes.elementsEqual(bytes) {
                    lastCompetency = (Array(bytes), columns[String(decoding: bytes, as: UTF8.self)])
                }
                guard let column = lastCompetency.column else { return }
                if table.personIDs.last != person {
                    table.personIDs.append(person)
                    table.theta.append(contentsOf: repeatElement(.nan, count: width))
                    table.responses.append(contentsOf: repeatElement(0, count: width))
                }
                let cell = (table.personIDs.count - 1) * width + column
                table.theta[cell] = sqlite3_column_double(handle, 2)
                table.responses[cell] = Int32(clamping: sqlite3_column_int64(handle, 3))
            }
            return table
        }
    }

    public func courseProgress(_ courses: [CourseLessons]) async throws -> CourseProgressTable {
        // Lesson id → every (course, position) it appears at among `courses`.
        var places: [String: [(course: Int, lesson: Int)]] = [:]
        var checkPlaces: [String: [(course: Int, lesson: Int)]] = [:]
        for (c, course) in courses.enumerated() {
            for (l, lesson) in course.lessonIDs.enumerated() {
                places[lesson, default: []].append((c, l))
                if course.hasCheck[l] { checkPlaces[lesson, default: []].append((c, l)) }
            }
        }
        let words = courses.map { ($0.lessonIDs.count + 63) / 64 }
        let wordOffsets = words.reduce(into: [0]) { $0.append($0.last! + $1) }
        let wordsPerPerson = wordOffsets.last!
        let frozenPlaces = places, frozenCheckPlaces = checkPlaces
        return try await writer.read { db in
            let width = courses.count
            var table = CourseProgressTable(courses: courses.map(\.courseID))
            guard width > 0 else { return table }
            var rowOf: [Int64: Int] = [:]
            var rowPeople: [Int64] = []
            var cells: [CourseProgressTable.Cell] = []
            var checkSeen: [UInt64] = []
            func row(_ person: Int64) -> Int {
                if let row = rowOf[person] { return row }
                let row = rowPeople.count
                rowOf[person] = row
                rowPeople.append(person)
                cells.append(contentsOf: repeatElement(.init(), count: width))
                checkSeen.append(contentsOf: repeatElement(0, count: wordsPerPerson))
                return row
            }
            // Content ids (letters, digits, hyphens) are safe as SQL literals.
            func literals(_ ids: some Sequence<String>) -> String {
                ids.filter { $0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" } }.map { "'\($0)'" }.joined(separator: ",")
            }
            let courseList = literals(courses.map(\.courseID))
            if !courseList.isEmpty {
                try Self.scan(db, """
                    SELECT person_id, lesson_id, completed_at FROM lesson_progress
                    WHERE course_id IN (\(courseList)) AND completed_at IS NOT NULL
                    """) { handle in
                    guard let lesson = Self.text(handle, 1), let at = Self.date(handle, 2), let targets = frozenPlaces[lesson] else { return }
                    let r = row(sqlite3_column_int64(handle, 0))
                    for place in targets {
                        let i = r * width + place.course
                        cells[i].lessonsDone += 1
                        cells[i].latest = max(cells[i].latest ?? at, at)
                    }
                }
            }
            let scopes = literals(frozenCheckPlaces.keys.sorted()).split(separator: ",").map { "'lesson:" + $0.dropFirst() }.joined(separator: ",")
            if !scopes.isEmpty {
                try Self.scan(db, """
                    SELECT person_id, scope, finished_at FROM attempt
                    WHERE kind = 'check' AND status = 'finished' AND scope IN (\(scopes))
                    """) { handle in
                    guard let scope = Self.text(handle, 1), scope.hasPrefix("lesson:"), let at = Self.date(handle, 2),
                          let targets = frozenCheckPlaces[String(scope.dropFirst(7))] else { return }
                    let r = row(sqlite3_column_int64(handle, 0))
                    for place in targets {
                        let i = r * width + place.course
                        let word = r * wordsPerPerson + wordOffsets[place.course] + place.lesson / 64
                        let bit = UInt64(1) << UInt64(place.lesson % 64)
                        if checkSeen[word] & bit == 0 {
                            checkSeen[word] |= bit
                            cells[i].checksDone += 1
                        }
                        cells[i].latest = max(cells[i].latest ?? at, at)
                    }
                }
            }
            let order = rowPeople.indices.sorted { rowPeople[$0] < rowPeople[$1] }
            table.personIDs = order.map { rowPeople[$0] }
            table.cells.reserveCapacity(cells.count)
            for r in order { table.cells.append(contentsOf: cells[(r * width)..<((r + 1) * width)]) }
            return table
        }
    }

    public func weeklyActivityTotals(weeks: Int, endingAt now: Date, personIDs: Set<Int64>?) async throws -> ActivityTotals {
        let start = now.addingTimeInterval(-Double(weeks) * 7 * 86_400)
        let boundaries = (0...weeks).map { SQLiteDate.string(start.addingTimeInterval(Double($0) * 7 * 86_400)) }
        return try await writer.read { db in
            var totals = ActivityTotals(answers: Array(repeating: 0, count: weeks), activePeople: Array(repeating: 0, count: weeks))
            guard weeks > 0 else { return totals }
            // People by id in flat arrays (ids are row ids: dense in practice); sets when they are not.
            let maxID = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM person") ?? 0
            let dense = maxID >= 0 && maxID < 50_000_000
            var member: [Bool] = []
            var lastWeek: [Int32] = []
            var seenSparse: Set<Int64> = []
            if dense {
                member = [Bool](repeating: personIDs == nil, count: Int(maxID) + 1)
                for id in personIDs ?? [] where id >= 0 && id <= maxID { member[Int(id)] = true }
                lastWeek = [Int32](repeating: -1, count: Int(maxID) + 1)
            }
            // One range scan per week over the covering index response_answered (answered_at, person_id):
            // only person ids come back, no dates to compare.
            let statement = try db.makeStatement(sql: "SELECT person_id FROM response WHERE answered_at >= ? AND answered_at < ?")
            for week in 0..<weeks {
                try statement.setArguments([boundaries[week], boundaries[week + 1]])
                seenSparse.removeAll(keepingCapacity: true)
                var answers = 0, active = 0
                try Self.step(db, statement.sqliteStatement) { handle in
                    let person = sqlite3_column_int64(handle, 0)
                    if dense {
                        guard person >= 0, person <= maxID, member[Int(person)] else { return }
                        answers += 1
                        if lastWeek[Int(person)] != Int32(week) { lastWeek[Int(person)] = Int32(week); active += 1 }
                    } else {
                        guard personIDs?.contains(person) ?? true else { return }
                        answers += 1
                        if seenSparse.insert(person).inserted { active += 1 }
                    }
                }
                totals.answers[week] = answers
                totals.activePeople[week] = active
            }
            return totals
        }
    }

    /// Steps a statement to its end, calling `row` for each row.
    static func step(_ db: Database, _ handle: OpaquePointer?, _ row: (OpaquePointer) throws -> Void) throws {
        guard let handle else { return }
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
            }
            try row(handle)
        }
    }

    static func scan(_ db: Database, _ sql: String, _ row: (OpaquePointer) throws -> Void) throws {
        let statement = try db.makeStatement(sql: sql)
        try step(db, statement.sqliteStatement, row)
    }

    static func text(_ handle: OpaquePointer, _ column: Int32) -> String? {
        guard let pointer = sqlite3_column_text(handle, column) else { return nil }
        return String(cString: pointer)
    }

    /// A stored date (GRDB's text form) as seconds since 1970.
    static func date(_ handle: OpaquePointer, _ column: Int32) -> Double? {
        guard let pointer = sqlite3_column_text(handle, column) else { return nil }
        return SQLiteDate.parse(pointer, count: Int(sqlite3_column_bytes(handle, column)))?.timeIntervalSince1970
    }
}

extension SQLiteStore {
    /// Migration `v5-capability-report-indexes`: covering indexes for the organisation-wide reading above.
    ///
    /// `response_item` goes: no query looks responses up by item alone, and every index on the
    /// largest table costs each answer written and the demo's build. Never edit this shipped migration.
    static func capabilityReportIndexes(_ db: Database) throws {
        try db.execute(sql: """
            CREATE INDEX skill_estimate_latest ON skill_estimate(person_id, competency, theta, responses);
            CREATE INDEX lesson_progress_course ON lesson_progress(course_id, person_id, lesson_id, completed_at);
            CREATE INDEX attempt_check ON attempt(kind, status, scope, person_id, finished_at);
            CREATE INDEX response_answered ON response(answered_at, person_id);
            DROP INDEX IF EXISTS response_item;
            """)
    }
}
