import AcademyCore
import Foundation
import GRDB

/// Fast inserts for generated or imported data, inside one write transaction (`SQLiteStore.bulkLoad`).
///
/// Prepared statements are reused for every row; nothing is read back. For imports and the demo
/// organisation, not for the learner's own answers (those go through `recordAnswer`).
public final class SQLiteBulkLoader {
    let db: Database
    private let person: Statement
    private let attempt: Statement
    private let response: Statement
    private let lesson: Statement
    private let estimate: Statement
    private let card: Statement

    init(_ db: Database) throws {
        self.db = db
        person = try db.makeStatement(sql: """
            INSERT INTO person (login, name, email, role, is_admin, access, unit_id, manager, chat, active, clearance, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        attempt = try db.makeStatement(sql: """
            INSERT INTO attempt (person_id, kind, scope, plan, status, started_at, updated_at, finished_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        response = try db.makeStatement(sql: """
            INSERT INTO response (attempt_id, person_id, item_id, competency, answer, correct, seconds, answered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        lesson = try db.makeStatement(sql: """
            INSERT OR REPLACE INTO lesson_progress (person_id, lesson_id, course_id, started_at, completed_at) VALUES (?, ?, ?, ?, ?)
            """)
        estimate = try db.makeStatement(sql: """
            INSERT INTO skill_estimate (person_id, competency, theta, se, responses, estimated_at) VALUES (?, ?, ?, ?, ?, ?)
            """)
        card = try db.makeStatement(sql: """
            INSERT OR REPLACE INTO review_card (person_id, item_id, due, state, updated_at) VALUES (?, ?, ?, ?, ?)
            """)
    }

    public func insertUnit(code: String, name: String, parentID: Int64?) throws -> Int64 {
        try db.execute(sql: "INSERT INTO org_unit (code, name, parent_id) VALUES (?, ?, ?)", arguments: [code, name, parentID])
        return db.lastInsertedRowID
    }

    public func insertPerson(_ p: Person) throws -> Int64 {
        try person.execute(arguments: [p.login, p.name, p.email, p.role, p.isAdmin, p.access.rawValue, p.unitID, p.manager,
                                       try SQLiteStore.json(p.chat), p.active, p.clearance.rawValue, p.createdAt])
        return db.lastInsertedRowID
    }

    /// A finished attempt whose plan is `itemIDs`.
    public func insertAttempt(personID: Int64, kind: AttemptKind, scope: String, itemIDs: [String], startedAt: Date, finishedAt: Date) throws -> Int64 {
        let plan = try SQLiteStore.json(QuizPlan(itemIDs: itemIDs, optionOrders: [:]))
        try attempt.execute(arguments: [personID, kind.rawValue, scope, plan, AttemptStatus.finished.rawValue, startedAt, finishedAt, finishedAt])
        return db.lastInsertedRowID
    }

    /// One response; `answerJSON` is the encoded `Answer`.
    public func insertResponse(attemptID: Int64, personID: Int64, itemID: String, competency: String, answerJSON: String,
                               correct: Bool, seconds: Double, at date: Date) throws {
        try response.execute(arguments: [attemptID, personID, itemID, competency, answerJSON, correct, seconds, date])
    }

    public func insertLessonProgress(personID: Int64, lessonID: String, courseID: String, startedAt: Date, completedAt: Date?) throws {
        try lesson.execute(arguments: [personID, lessonID, courseID, startedAt, completedAt])
    }

    public func insertEstimate(_ e: SkillEstimateRecord) throws {
        try estimate.execute(arguments: [e.personID, e.competency, e.theta, e.se, e.responses, e.estimatedAt])
    }

    public func insertReviewCard(personID: Int64, itemID: String, due: Date, state: String, at date: Date) throws {
        try card.execute(arguments: [personID, itemID, due, state, date])
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

extension SQLiteStore {
    /// Runs `body` with a bulk loader inside one write transaction.
    public func bulkLoad(_ body: @escaping @Sendable (SQLiteBulkLoader) throws -> Void) async throws {
        try await writer.write { db in try body(try SQLiteBulkLoader(db)) }
    }

    /// Switches off per-commit durability for a one-off generation run (the demo); safe to lose on a crash.
    public func preferSpeedOverDurability() async throws {
        try await writer.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = OFF") }
    }
}
