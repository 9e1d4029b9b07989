import AcademyCore
import Foundation
import GRDB

extension SQLiteStore {
    public func saveEstimates(_ estimates: [SkillEstimateRecord]) async throws {
        try await writer.write { db in
            for e in estimates {
                try db.execute(sql: """
                    INSERT INTO skill_estimate (person_id, competency, theta, se, responses, estimated_at) VALUES (?, ?, ?, ?, ?, ?)
                    """, arguments: [e.personID, e.competency, e.theta, e.se, e.responses, e.estimatedAt])
            }
        }
    }

    public func latestEstimates(personID: Int64) async throws -> [SkillEstimateRecord] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT s.* FROM skill_estimate s
                WHERE s.person_id = ? AND s.id = (
                    SELECT id FROM skill_estimate t WHERE t.person_id = s.person_id AND t.competency = s.competency
                    ORDER BY estimated_at DESC, id DESC LIMIT 1)
                ORDER BY s.competency
                """, arguments: [personID]).map(SkillEstimateRecord.init(row:))
        }
    }

    public func estimateHistory(personID: Int64) async throws -> [SkillEstimateRecord] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM skill_estimate WHERE person_id = ? ORDER BY estimated_at, id", arguments: [personID])
                .map(SkillEstimateRecord.init(row:))
        }
    }

    public func saveReviewCard(_ card: ReviewCardRecord) async throws {
        try await writer.write { db in
            try db.execute(sql: """
                INSERT INTO review_card (person_id, item_id, due, state, updated_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT(person_id, item_id) DO UPDATE SET due = excluded.due, state = excluded.state, updated_at = excluded.updated_at
                """, arguments: [card.personID, card.itemID, card.due, String(decoding: card.state, as: UTF8.self), card.updatedAt])
        }
    }

    public func reviewCard(personID: Int64, itemID: String) async throws -> ReviewCardRecord? {
        try await writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM review_card WHERE person_id = ? AND item_id = ?", arguments: [personID, itemID])
                .map(ReviewCardRecord.init(row:))
        }
    }

    public func dueReviewCards(personID: Int64, at date: Date, limit: Int) async throws -> [ReviewCardRecord] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM review_card WHERE person_id = ? AND due <= ? ORDER BY due LIMIT ?",
                             arguments: [personID, date, limit]).map(ReviewCardRecord.init(row:))
        }
    }

    public func dashboard(personID: Int64, at date: Date) async throws -> DashboardSnapshot {
        try await writer.read { db in
            guard let personRow = try Row.fetchOne(db, sql: "SELECT \(Person.columns) FROM person WHERE id = ?", arguments: [personID]) else {
                throw StoreError.notFound("person \(personID)")
            }
            let open = try Row.fetchOne(db, sql: """
                SELECT * FROM attempt WHERE person_id = ? AND status = 'open' ORDER BY updated_at DESC LIMIT 1
                """, arguments: [personID]).map(Attempt.init(row:))
            let progress = try Row.fetchAll(db, sql: "SELECT * FROM lesson_progress WHERE person_id = ?", arguments: [personID])
                .map(LessonProgress.init(row:))
            let last = progress.max { $0.startedAt < $1.startedAt }
            let due = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM review_card WHERE person_id = ? AND due <= ?",
                                       arguments: [personID, date]) ?? 0
            let recent = try Row.fetchAll(db, sql: """
                SELECT a.id, a.kind, a.scope, a.finished_at,
                       (SELECT COUNT(*) FROM response r WHERE r.attempt_id = a.id AND r.correct) AS correct,
                       (SELECT COUNT(*) FROM response r WHERE r.attempt_id = a.id) AS answered
                FROM attempt a WHERE a.person_id = ? AND a.status = 'finished'
                ORDER BY a.finished_at DESC LIMIT 5
                """, arguments: [personID]).map {
                AttemptSummary(attemptID: $0["id"], kind: AttemptKind(rawValue: $0["kind"]) ?? .quiz, scope: $0["scope"],
                               finishedAt: $0["finished_at"], correct: $0["correct"], answered: $0["answered"])
            }
            return DashboardSnapshot(person: Person(row: personRow), openAttempt: open, lastLesson: last,
                                     completedLessons: Set(progress.filter { $0.completedAt != nil }.map(\.lessonID)),
                                     assignments: try Self.assignments(db, personID: personID), reviewsDue: due,
                                     recentAttempts: recent)
        }
    }
}
