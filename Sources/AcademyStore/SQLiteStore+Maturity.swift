import AcademyCore
import Foundation
import GRDB

extension MaturityAssessmentRecord {
    init(row: Row) {
        self.init(id: row["id"], modelID: row["model_id"], unitID: row["unit_id"], assessor: row["assessor"],
                  status: Status(rawValue: row["status"]) ?? .draft, startedAt: row["started_at"], submittedAt: row["submitted_at"])
    }
}

extension SQLiteStore {
    public func draftMaturityAssessment(modelID: String, unitID: Int64?, assessor: String) async throws -> MaturityAssessmentRecord? {
        try await writer.read { db in
            try Row.fetchOne(db, sql: """
                SELECT * FROM maturity_assessment
                WHERE model_id = ? AND unit_id IS ? AND assessor = ? AND status = 'draft'
                ORDER BY started_at DESC LIMIT 1
                """, arguments: [modelID, unitID, assessor]).map(MaturityAssessmentRecord.init(row:))
        }
    }

    public func createMaturityAssessment(_ assessment: MaturityAssessmentRecord) async throws -> MaturityAssessmentRecord {
        try await writer.write { db in
            try db.execute(sql: """
                INSERT INTO maturity_assessment (model_id, unit_id, assessor, status, started_at, submitted_at) VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [assessment.modelID, assessment.unitID, assessment.assessor, assessment.status.rawValue,
                                 assessment.startedAt, assessment.submittedAt])
            var saved = assessment
            saved.id = db.lastInsertedRowID
            return saved
        }
    }

    public func saveMaturityAnswer(_ answer: MaturityAnswerRecord) async throws {
        try await writer.write { db in
            try db.execute(sql: """
                INSERT INTO maturity_answer (assessment_id, criterion_id, answer, note, answered_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT(assessment_id, criterion_id) DO UPDATE SET answer = excluded.answer, note = excluded.note,
                    answered_at = excluded.answered_at
                """, arguments: [answer.assessmentID, answer.criterionID, answer.answer, answer.note, answer.answeredAt])
        }
    }

    public func maturityAnswers(assessmentID: Int64) async throws -> [MaturityAnswerRecord] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM maturity_answer WHERE assessment_id = ? ORDER BY criterion_id", arguments: [assessmentID]).map {
                MaturityAnswerRecord(assessmentID: $0["assessment_id"], criterionID: $0["criterion_id"], answer: $0["answer"],
                                     note: $0["note"], answeredAt: $0["answered_at"])
            }
        }
    }

    public func submitMaturityAssessment(id: Int64, at date: Date) async throws {
        try await writer.write { db in
            try db.execute(sql: "UPDATE maturity_assessment SET status = 'submitted', submitted_at = ? WHERE id = ? AND status = 'draft'",
                           arguments: [date, id])
            if db.changesCount == 0 { throw StoreError.notFound("draft maturity assessment \(id)") }
        }
    }

    public func maturityAssessments(modelID: String, unitID: Int64?) async throws -> [MaturityAssessmentRecord] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM maturity_assessment WHERE model_id = ? AND unit_id IS ? ORDER BY COALESCE(submitted_at, started_at), id
                """, arguments: [modelID, unitID]).map(MaturityAssessmentRecord.init(row:))
        }
    }

    public func latestEstimatesByPerson() async throws -> [Int64: [SkillEstimateRecord]] {
        try await writer.read { db in
            var result: [Int64: [SkillEstimateRecord]] = [:]
            let cursor = try Row.fetchCursor(db, sql: """
                SELECT s.* FROM skill_estimate s
                JOIN (SELECT person_id, competency, MAX(id) AS id FROM skill_estimate GROUP BY person_id, competency) latest
                  ON latest.id = s.id
                """)
            while let row = try cursor.next() {
                let record = SkillEstimateRecord(row: row)
                result[record.personID, default: []].append(record)
            }
            return result
        }
    }
}
