import AcademyCore
import Foundation
import GRDB

extension SQLiteStore {
    public func createAttempt(_ attempt: Attempt) async throws -> Attempt {
        let plan = try SQLiteStore.json(attempt.plan)
        return try await writer.write { db in
            try db.execute(sql: """
                INSERT INTO attempt (person_id, kind, scope, plan, status, started_at, updated_at, finished_at, owner)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [attempt.personID, attempt.kind.rawValue, attempt.scope, plan, attempt.status.rawValue,
                                 attempt.startedAt, attempt.updatedAt, attempt.finishedAt, attempt.owner])
            var saved = attempt
            saved.id = db.lastInsertedRowID
            return saved
        }
    }

    public func openAttempt(personID: Int64, kind: AttemptKind, scope: String) async throws -> Attempt? {
        try await writer.read { db in
            try Row.fetchOne(db, sql: """
                SELECT * FROM attempt WHERE person_id = ? AND kind = ? AND scope = ? AND status = 'open'
                ORDER BY updated_at DESC LIMIT 1
                """, arguments: [personID, kind.rawValue, scope]).map(Attempt.init(row:))
        }
    }

    public func claimAttempt(id: Int64, owner: String, isAlive: @Sendable (String) -> Bool, at date: Date) async throws -> String? {
        try await writer.write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT owner, status FROM attempt WHERE id = ?", arguments: [id]) else {
                throw StoreError.notFound("attempt \(id)")
            }
            let holder: String? = row["owner"]
            if let holder, holder != owner, isAlive(holder) { return holder }
            try db.execute(sql: "UPDATE attempt SET owner = ?, updated_at = ? WHERE id = ?", arguments: [owner, date, id])
            return nil
        }
    }

    public func releaseAttempt(id: Int64, owner: String) async throws {
        try await writer.write { db in
            try db.execute(sql: "UPDATE attempt SET owner = NULL WHERE id = ? AND owner = ?", arguments: [id, owner])
        }
    }

    public func updateAttemptPlan(id: Int64, plan: QuizPlan, at date: Date) async throws {
        let text = try SQLiteStore.json(plan)
        try await writer.write { db in
            try db.execute(sql: "UPDATE attempt SET plan = ?, updated_at = ? WHERE id = ? AND status = 'open'", arguments: [text, date, id])
            if db.changesCount == 0 { throw StoreError.notFound("open attempt \(id)") }
        }
    }

    public func lastAnswered(personID: Int64) async throws -> [String: Date] {
        try await writer.read { db in
            var result: [String: Date] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT item_id, MAX(answered_at) AS last FROM response WHERE person_id = ? GROUP BY item_id",
                                        arguments: [personID]) {
                if let date: Date = row["last"] { result[row["item_id"]] = date }
            }
            return result
        }
    }

    public func scoredResponses() async throws -> [ScoredResponseRow] {
        try await writer.read { db in
            var rows: [ScoredResponseRow] = []
            let cursor = try Row.fetchCursor(db, sql: "SELECT person_id, item_id, correct FROM response ORDER BY person_id, id")
            while let row = try cursor.next() {
                rows.append(ScoredResponseRow(personID: row["person_id"], itemID: row["item_id"], correct: row["correct"]))
            }
            return rows
        }
    }

    public func saveCalibrations(_ calibrations: [ItemCalibrationRecord]) async throws {
        try await writer.write { db in
            for c in calibrations {
                try db.execute(sql: "INSERT INTO item_calibration (item_id, a, b, responses, calibrated_at) VALUES (?, ?, ?, ?, ?)",
                               arguments: [c.itemID, c.a, c.b, c.responses, c.calibratedAt])
            }
        }
    }

    public func latestCalibrations() async throws -> [String: ItemCalibrationRecord] {
        try await writer.read { db in
            var result: [String: ItemCalibrationRecord] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT * FROM item_calibration ORDER BY calibrated_at, id") {
                let record = ItemCalibrationRecord(itemID: row["item_id"], a: row["a"], b: row["b"], responses: row["responses"],
                                                   calibratedAt: row["calibrated_at"])
                result[record.itemID] = record
            }
            return result
        }
    }

    public func recordAnswer(_ response: ResponseRecord) async throws -> ResponseRecord {
        let answer = try SQLiteStore.json(response.answer)
        return try await writer.write { db in
            try db.execute(sql: """
                INSERT INTO response (attempt_id, person_id, item_id, competency, answer, correct, seconds, answered_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(attempt_id, item_id) DO NOTHING
                """, arguments: [response.attemptID, response.personID, response.itemID, response.competency, answer,
                                 response.correct, response.seconds, response.answeredAt])
            if let attemptID = response.attemptID {
                try db.execute(sql: "UPDATE attempt SET updated_at = ? WHERE id = ?", arguments: [response.answeredAt, attemptID])
                if db.changesCount >= 0, let row = try Row.fetchOne(db, sql: "SELECT * FROM response WHERE attempt_id = ? AND item_id = ?",
                                                                    arguments: [attemptID, response.itemID]) {
                    return try ResponseRecord(row: row)
                }
            }
            var saved = response
            saved.id = db.lastInsertedRowID
            return saved
        }
    }

    /// Inserts many responses in one transaction (imports and benchmarks; not part of `Store`).
    public func bulkInsertResponses(_ responses: [ResponseRecord]) async throws {
        let rows = try responses.map { ($0, try SQLiteStore.json($0.answer)) }
        try await writer.write { db in
            let statement = try db.makeStatement(sql: """
                INSERT OR IGNORE INTO response (attempt_id, person_id, item_id, competency, answer, correct, seconds, answered_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for (r, answer) in rows {
                try statement.execute(arguments: [r.attemptID, r.personID, r.itemID, r.competency, answer, r.correct, r.seconds, r.answeredAt])
            }
        }
    }

    public func finishAttempt(id: Int64, at date: Date) async throws {
        try await writer.write { db in
            try db.execute(sql: "UPDATE attempt SET status = 'finished', finished_at = ?, updated_at = ?, owner = NULL WHERE id = ?",
                           arguments: [date, date, id])
        }
    }

    public func abandonAttempt(id: Int64, at date: Date) async throws {
        try await writer.write { db in
            try db.execute(sql: "UPDATE attempt SET status = 'abandoned', updated_at = ?, owner = NULL WHERE id = ? AND status = 'open'",
                           arguments: [date, id])
        }
    }

    public func attempts(personID: Int64) async throws -> [Attempt] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM attempt WHERE person_id = ? ORDER BY started_at, id", arguments: [personID])
                .map(Attempt.init(row:))
        }
    }

    public func responses(attemptID: Int64) async throws -> [ResponseRecord] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM response WHERE attempt_id = ? ORDER BY id", arguments: [attemptID])
                .map(ResponseRecord.init(row:))
        }
    }

    public func responses(personID: Int64) async throws -> [ResponseRecord] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM response WHERE person_id = ? ORDER BY answered_at, id", arguments: [personID])
                .map(ResponseRecord.init(row:))
        }
    }

    public func responses(personID: Int64, competency: String) async throws -> [ResponseRecord] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM response WHERE person_id = ? AND competency = ? ORDER BY answered_at, id",
                             arguments: [personID, competency]).map(ResponseRecord.init(row:))
        }
    }
}
