import AcademyCore
import Foundation

/// Everything PMO Academy keeps, behind one protocol so that SQLite and PostgreSQL are interchangeable.
///
/// Each method is one intention and one transaction. No SQL leaves an implementation.
public protocol Store: Sendable {
    // MARK: People and units

    /// The person with `login`, creating them as a learner on first use.
    /// The first person of an empty store becomes its administrator.
    func enrolPerson(login: String, name: String, at: Date) async throws -> Person
    func person(login: String) async throws -> Person?
    /// The active person whose roster chat handle on `platform` (`slack`, `mattermost`, …) is `handle`,
    /// compared without regard to case.
    func person(chatPlatform platform: String, handle: String) async throws -> Person?
    func people() async throws -> [Person]
    func updatePerson(_ person: Person) async throws
    /// Applies a checked roster in one transaction: units from paths, people created or updated, and with
    /// `prune` everyone else (but `keep`) deactivated.
    func importRoster(_ roster: Roster, prune: Bool, keep: String, at: Date) async throws -> RosterImportSummary
    func saveUnit(_ unit: OrgUnit) async throws -> OrgUnit
    func units() async throws -> [OrgUnit]

    // MARK: Learning

    func enrol(personID: Int64, courseID: String, at: Date) async throws
    func enrolledCourses(personID: Int64) async throws -> [String]
    func startLesson(personID: Int64, lessonID: String, courseID: String, at: Date) async throws
    func completeLesson(personID: Int64, lessonID: String, courseID: String, at: Date) async throws
    func lessonProgress(personID: Int64) async throws -> [LessonProgress]

    // MARK: Attempts and answers

    /// Creates an open attempt held by `owner`.
    func createAttempt(_ attempt: Attempt) async throws -> Attempt
    /// The person's open attempt of `kind` and `scope`, if any.
    func openAttempt(personID: Int64, kind: AttemptKind, scope: String) async throws -> Attempt?
    /// Takes an open attempt for `owner` unless another live owner holds it; returns the holder when refused.
    func claimAttempt(id: Int64, owner: String, isAlive: @Sendable (String) -> Bool, at: Date) async throws -> String?
    func releaseAttempt(id: Int64, owner: String) async throws
    /// Replaces the plan of an open attempt (adaptive sessions add each item as it is chosen).
    func updateAttemptPlan(id: Int64, plan: QuizPlan, at: Date) async throws
    /// Stores one answer, in its own committed transaction. Answering the same item of an attempt twice keeps the first.
    func recordAnswer(_ response: ResponseRecord) async throws -> ResponseRecord
    func finishAttempt(id: Int64, at: Date) async throws
    func abandonAttempt(id: Int64, at: Date) async throws
    func attempts(personID: Int64) async throws -> [Attempt]
    func responses(attemptID: Int64) async throws -> [ResponseRecord]
    func responses(personID: Int64) async throws -> [ResponseRecord]
    func responses(personID: Int64, competency: String) async throws -> [ResponseRecord]
    /// When the person last answered each item.
    func lastAnswered(personID: Int64) async throws -> [String: Date]
    /// Every response as (person, item, correct), for calibration and item analysis.
    func scoredResponses() async throws -> [ScoredResponseRow]

    // MARK: Skills and reviews

    func saveEstimates(_ estimates: [SkillEstimateRecord]) async throws
    /// The newest estimate per competency.
    func latestEstimates(personID: Int64) async throws -> [SkillEstimateRecord]
    func estimateHistory(personID: Int64) async throws -> [SkillEstimateRecord]
    func saveReviewCard(_ card: ReviewCardRecord) async throws
    func reviewCard(personID: Int64, itemID: String) async throws -> ReviewCardRecord?
    func dueReviewCards(personID: Int64, at: Date, limit: Int) async throws -> [ReviewCardRecord]

    /// Stores newly calibrated item parameters; older ones stay as history.
    func saveCalibrations(_ calibrations: [ItemCalibrationRecord]) async throws
    /// The newest calibration of each item.
    func latestCalibrations() async throws -> [String: ItemCalibrationRecord]

    // MARK: Organisational maturity

    /// The assessor's draft for this model and unit, if any.
    func draftMaturityAssessment(modelID: String, unitID: Int64?, assessor: String) async throws -> MaturityAssessmentRecord?
    func createMaturityAssessment(_ assessment: MaturityAssessmentRecord) async throws -> MaturityAssessmentRecord
    /// Saves (or replaces) one answer in its own transaction.
    func saveMaturityAnswer(_ answer: MaturityAnswerRecord) async throws
    func maturityAnswers(assessmentID: Int64) async throws -> [MaturityAnswerRecord]
    func submitMaturityAssessment(id: Int64, at: Date) async throws
    /// Every assessment of a model for a unit (nil: the whole organisation), oldest first.
    func maturityAssessments(modelID: String, unitID: Int64?) async throws -> [MaturityAssessmentRecord]
    /// The newest estimate per competency of every person, for capability evidence and reports.
    func latestEstimatesByPerson() async throws -> [Int64: [SkillEstimateRecord]]

    // MARK: Chat channels and the outbox

    func saveChannel(_ channel: ChannelRecord) async throws
    func channels() async throws -> [ChannelRecord]
    /// Removes a channel; false when there was none by that name.
    func removeChannel(name: String) async throws -> Bool
    /// Inserts messages whose idempotency key is new; returns how many were new.
    func enqueue(_ messages: [OutboxMessage]) async throws -> Int
    /// Claims up to `limit` pending messages due at `now`, leasing them until `leaseUntil`.
    func claimOutbox(now: Date, leaseUntil: Date, limit: Int) async throws -> [OutboxMessage]
    func markDelivered(id: Int64, at: Date) async throws
    /// Records a failed attempt: retried at `retryAt`, or dead when `retryAt` is nil.
    func markFailed(id: Int64, error: String, retryAt: Date?) async throws
    func outbox(status: OutboxMessage.Status?, limit: Int) async throws -> [OutboxMessage]
    /// Puts a dead message back in the queue, due now.
    func requeue(id: Int64, at: Date) async throws -> Bool
    /// Marks every message of one merged chat post delivered, in one transaction.
    func markPostDelivered(ids: [Int64], at: Date) async throws
    /// Releases leased messages unchanged, due again at `until` (quiet hours, rate limits); attempts are not counted.
    func postpone(ids: [Int64], until: Date) async throws
    /// Ends a worker's lease on messages it claimed (with lease end `leasedUntil`) and did not
    /// finish: those still pending and leased so become due again as they were, in their order.
    func releaseLeases(ids: [Int64], leasedUntil: Date) async throws
    /// Replaces a pending message's payload after some of its parts were posted, so a retry skips them.
    func recordPartialDelivery(id: Int64, payload: String) async throws
    /// Which of `keys` are already in the outbox, whatever their status.
    func existingOutboxKeys(_ keys: [String]) async throws -> Set<String>
    /// The newest outbox message whose idempotency key starts with `keyPrefix`, if any.
    func latestOutboxMessage(keyPrefix: String) async throws -> OutboxMessage?
    /// How many review cards each person has due at `date`.
    func dueReviewCounts(at date: Date) async throws -> [Int64: Int]
    /// When each person answered in attempts of `kind` since `date`, oldest first.
    func answerTimes(kind: AttemptKind, since date: Date) async throws -> [Int64: [Date]]

    // MARK: Assignments, dashboard, audit

    func assign(_ assignment: Assignment) async throws -> Assignment
    /// Assignments for the person directly or through their unit and its ancestors.
    func assignments(personID: Int64) async throws -> [Assignment]
    func dashboard(personID: Int64, at: Date) async throws -> DashboardSnapshot
    func allAssignments() async throws -> [Assignment]
    /// For each person: completed lessons and finished lesson checks (lesson id → when), for completion tracking.
    func learningFacts() async throws -> [Int64: LearningFacts]
    /// As `learningFacts` for the lessons of `courses` only, and without `lastActivity` from answers:
    /// no scan of the responses (reports use weekly activity instead).
    func completionFacts(courses: Set<String>) async throws -> [Int64: LearningFacts]
    /// Answers per person per week over `weeks` weeks ending at `now` (oldest week first).
    func weeklyActivity(weeks: Int, endingAt now: Date) async throws -> [Int64: [Int]]

    // MARK: Organisation-wide capability (compact tables, no record per person)

    /// Every person's newest estimate (highest id) in each of `competencies`, as one table.
    func latestEstimateTable(competencies: [String]) async throws -> LatestEstimateTable
    /// Every person's completed lessons and finished checks in `courses`, counted per course.
    func courseProgress(_ courses: [CourseLessons]) async throws -> CourseProgressTable
    /// Answers and active people per week over `weeks` weeks ending at `now`, for `personIDs` (nil: everyone).
    func weeklyActivityTotals(weeks: Int, endingAt now: Date, personIDs: Set<Int64>?) async throws -> ActivityTotals
    func audit(_ entry: AuditEntry) async throws
    func auditLog(limit: Int) async throws -> [AuditEntry]
}

/// Failures of the store that a person can act on.
public enum StoreError: Error, LocalizedError, Equatable {
    case cannotOpen(path: String, reason: String)
    case notFound(String)
    case newerSchema(String)

    public var errorDescription: String? {
        switch self {
        case let .cannotOpen(path, reason):
            "cannot open the database '\(path)': \(reason); check the path and its permissions, or pass --database FILE"
        case let .notFound(what):
            "\(what) is not in the database"
        case let .newerSchema(migration):
            "the database was written by a newer pmo (migration '\(migration)'); upgrade pmo before using it"
        }
    }
}
