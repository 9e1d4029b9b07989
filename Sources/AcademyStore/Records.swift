import AcademyCore
import Foundation

// The values the store keeps. Plain `Sendable` structs with no database types in them, so
// every backend (SQLite today, PostgreSQL later) speaks the same language to its callers.

/// What a person may see and do: their own data, their units' people, or everything.
public enum AccessRole: String, Sendable, Codable, CaseIterable, Comparable {
    case learner, manager, admin

    private var rank: Int {
        switch self {
        case .learner: 0
        case .manager: 1
        case .admin: 2
        }
    }

    public static func < (lhs: AccessRole, rhs: AccessRole) -> Bool { lhs.rank < rhs.rank }
}

/// A person who learns, manages or administers.
public struct Person: Sendable, Codable, Equatable, Identifiable {
    public var id: Int64?
    /// The OS login name (or the id given in the roster): unique.
    public var login: String
    public var name: String
    public var email: String?
    /// Job-role profile id from Assessments/roles.yaml, if known.
    public var role: String?
    public var access: AccessRole
    public var unitID: Int64?
    /// The login of the person's manager, if known.
    public var manager: String?
    /// Chat handles by platform ("slack": "U123ABC", "discord": "80351110224678912").
    public var chat: [String: String]
    /// False once the person has left (roster import with --prune); their history stays.
    public var active: Bool
    /// The highest classification of content this person may read.
    public var clearance: Classification
    public var createdAt: Date

    public init(id: Int64? = nil, login: String, name: String, email: String? = nil, role: String? = nil,
                access: AccessRole = .learner, unitID: Int64? = nil, manager: String? = nil, chat: [String: String] = [:],
                active: Bool = true, clearance: Classification = .internal, createdAt: Date) {
        self.id = id
        self.login = login
        self.name = name
        self.email = email
        self.role = role
        self.access = access
        self.unitID = unitID
        self.manager = manager
        self.chat = chat
        self.active = active
        self.clearance = clearance
        self.createdAt = createdAt
    }

    /// The stored id; a person read from the store always has one.
    public var personID: Int64 { id ?? -1 }

    public var isAdmin: Bool { access == .admin }
}

/// An organisational unit; units form a tree through `parentID`.
public struct OrgUnit: Sendable, Codable, Equatable, Identifiable {
    public var id: Int64?
    /// A short unique code such as `it-pmo`.
    public var code: String
    public var name: String
    public var parentID: Int64?

    public init(id: Int64? = nil, code: String, name: String, parentID: Int64? = nil) {
        self.id = id
        self.code = code
        self.name = name
        self.parentID = parentID
    }
}

/// A person's progress through one lesson.
public struct LessonProgress: Sendable, Codable, Equatable {
    public var personID: Int64
    public var lessonID: String
    public var courseID: String
    public var startedAt: Date
    public var completedAt: Date?

    public init(personID: Int64, lessonID: String, courseID: String, startedAt: Date, completedAt: Date? = nil) {
        self.personID = personID
        self.lessonID = lessonID
        self.courseID = courseID
        self.startedAt = startedAt
        self.completedAt = completedAt
    }
}

/// What kind of session an attempt is.
public enum AttemptKind: String, Sendable, Codable, CaseIterable {
    case quiz, check, assessment, review
}

/// Where an attempt stands.
public enum AttemptStatus: String, Sendable, Codable {
    case open, finished, abandoned
}

/// One quiz, lesson check, adaptive assessment or review session.
public struct Attempt: Sendable, Codable, Equatable, Identifiable {
    public var id: Int64?
    public var personID: Int64
    public var kind: AttemptKind
    /// The course, competency or lesson the attempt is about ("course:risk", "competency:risk-management").
    public var scope: String
    public var plan: QuizPlan
    public var status: AttemptStatus
    public var startedAt: Date
    public var updatedAt: Date
    public var finishedAt: Date?
    /// The process holding the attempt open ("host:pid"), so a second terminal can be told.
    public var owner: String?

    public init(id: Int64? = nil, personID: Int64, kind: AttemptKind, scope: String, plan: QuizPlan,
                status: AttemptStatus = .open, startedAt: Date, updatedAt: Date? = nil, finishedAt: Date? = nil, owner: String? = nil) {
        self.id = id
        self.personID = personID
        self.kind = kind
        self.scope = scope
        self.plan = plan
        self.status = status
        self.startedAt = startedAt
        self.updatedAt = updatedAt ?? startedAt
        self.finishedAt = finishedAt
        self.owner = owner
    }

    public var attemptID: Int64 { id ?? -1 }
}

/// One answer to one item, committed the moment it is given.
public struct ResponseRecord: Sendable, Codable, Equatable, Identifiable {
    public var id: Int64?
    public var attemptID: Int64?
    public var personID: Int64
    public var itemID: String
    public var competency: String
    public var answer: Answer
    public var correct: Bool
    public var seconds: Double
    public var answeredAt: Date

    public init(id: Int64? = nil, attemptID: Int64?, personID: Int64, itemID: String, competency: String, answer: Answer,
                correct: Bool, seconds: Double, answeredAt: Date) {
        self.id = id
        self.attemptID = attemptID
        self.personID = personID
        self.itemID = itemID
        self.competency = competency
        self.answer = answer
        self.correct = correct
        self.seconds = seconds
        self.answeredAt = answeredAt
    }
}

/// A person's ability estimate for one competency at one time; the history gives trends.
public struct SkillEstimateRecord: Sendable, Codable, Equatable {
    public var personID: Int64
    public var competency: String
    public var theta: Double
    public var se: Double
    public var responses: Int
    public var estimatedAt: Date

    public init(personID: Int64, competency: String, theta: Double, se: Double, responses: Int, estimatedAt: Date) {
        self.personID = personID
        self.competency = competency
        self.theta = theta
        self.se = se
        self.responses = responses
        self.estimatedAt = estimatedAt
    }
}

/// A spaced-review card for one (person, item): when it is due and the scheduler's state.
public struct ReviewCardRecord: Sendable, Codable, Equatable {
    public var personID: Int64
    public var itemID: String
    public var due: Date
    /// The scheduler's own state, encoded as JSON by the scheduling code.
    public var state: Data
    public var updatedAt: Date

    public init(personID: Int64, itemID: String, due: Date, state: Data, updatedAt: Date) {
        self.personID = personID
        self.itemID = itemID
        self.due = due
        self.state = state
        self.updatedAt = updatedAt
    }
}

/// A course assigned to a person or a whole unit, with a due date.
public struct Assignment: Sendable, Codable, Equatable, Identifiable {
    public var id: Int64?
    public var personID: Int64?
    public var unitID: Int64?
    public var courseID: String
    public var dueDate: Date?
    public var assignedBy: String
    public var createdAt: Date

    public init(id: Int64? = nil, personID: Int64? = nil, unitID: Int64? = nil, courseID: String, dueDate: Date?,
                assignedBy: String, createdAt: Date) {
        self.id = id
        self.personID = personID
        self.unitID = unitID
        self.courseID = courseID
        self.dueDate = dueDate
        self.assignedBy = assignedBy
        self.createdAt = createdAt
    }
}

/// One line of the audit log: who did what, when.
public struct AuditEntry: Sendable, Codable, Equatable {
    public var at: Date
    public var actor: String
    public var action: String
    public var detail: String

    public init(at: Date, actor: String, action: String, detail: String) {
        self.at = at
        self.actor = actor
        self.action = action
        self.detail = detail
    }
}

/// Everything the dashboard shows, read in one go.
public struct DashboardSnapshot: Sendable, Equatable {
    public var person: Person
    public var openAttempt: Attempt?
    public var lastLesson: LessonProgress?
    public var completedLessons: Set<String>
    public var assignments: [Assignment]
    public var reviewsDue: Int
    public var recentAttempts: [AttemptSummary]

    public init(person: Person, openAttempt: Attempt?, lastLesson: LessonProgress?, completedLessons: Set<String>,
                assignments: [Assignment], reviewsDue: Int, recentAttempts: [AttemptSummary]) {
        self.person = person
        self.openAttempt = openAttempt
        self.lastLesson = lastLesson
        self.completedLessons = completedLessons
        self.assignments = assignments
        self.reviewsDue = reviewsDue
        self.recentAttempts = recentAttempts
    }
}

/// A finished attempt and its score.
public struct AttemptSummary: Sendable, Codable, Equatable {
    public var attemptID: Int64
    public var kind: AttemptKind
    public var scope: String
    public var finishedAt: Date?
    public var correct: Int
    public var answered: Int

    public init(attemptID: Int64, kind: AttemptKind, scope: String, finishedAt: Date?, correct: Int, answered: Int) {
        self.attemptID = attemptID
        self.kind = kind
        self.scope = scope
        self.finishedAt = finishedAt
        self.correct = correct
        self.answered = answered
    }
}

/// One scored response, reduced to what calibration needs.
public struct ScoredResponseRow: Sendable, Equatable {
    public var personID: Int64
    public var itemID: String
    public var correct: Bool

    public init(personID: Int64, itemID: String, correct: Bool) {
        self.personID = personID
        self.itemID = itemID
        self.correct = correct
    }
}

/// Item parameters estimated from responses, kept with their history (never written into content files).
public struct ItemCalibrationRecord: Sendable, Codable, Equatable {
    public var itemID: String
    public var a: Double
    public var b: Double
    public var responses: Int
    public var calibratedAt: Date

    public init(itemID: String, a: Double, b: Double, responses: Int, calibratedAt: Date) {
        self.itemID = itemID
        self.a = a
        self.b = b
        self.responses = responses
        self.calibratedAt = calibratedAt
    }
}

/// One assessor's maturity questionnaire for one unit (or the whole organisation when `unitID` is nil).
public struct MaturityAssessmentRecord: Sendable, Codable, Equatable, Identifiable {
    public enum Status: String, Sendable, Codable {
        case draft, submitted
    }

    public var id: Int64?
    public var modelID: String
    public var unitID: Int64?
    /// The assessor's login.
    public var assessor: String
    public var status: Status
    public var startedAt: Date
    public var submittedAt: Date?

    public init(id: Int64? = nil, modelID: String, unitID: Int64?, assessor: String, status: Status = .draft,
                startedAt: Date, submittedAt: Date? = nil) {
        self.id = id
        self.modelID = modelID
        self.unitID = unitID
        self.assessor = assessor
        self.status = status
        self.startedAt = startedAt
        self.submittedAt = submittedAt
    }

    public var assessmentID: Int64 { id ?? -1 }
}

/// One answer of a maturity questionnaire, saved the moment it is given.
public struct MaturityAnswerRecord: Sendable, Codable, Equatable {
    public var assessmentID: Int64
    public var criterionID: String
    /// The scale point id (`largely`).
    public var answer: String
    public var note: String
    public var answeredAt: Date

    public init(assessmentID: Int64, criterionID: String, answer: String, note: String, answeredAt: Date) {
        self.assessmentID = assessmentID
        self.criterionID = criterionID
        self.answer = answer
        self.note = note
        self.answeredAt = answeredAt
    }
}

/// What a roster import changed.
public struct RosterImportSummary: Sendable, Equatable, Codable {
    public var created: Int
    public var updated: Int
    public var deactivated: Int
    public var unitsCreated: Int

    public init(created: Int = 0, updated: Int = 0, deactivated: Int = 0, unitsCreated: Int = 0) {
        self.created = created
        self.updated = updated
        self.deactivated = deactivated
        self.unitsCreated = unitsCreated
    }
}

/// When a person completed each lesson and finished each lesson's check.
public struct LearningFacts: Sendable, Equatable {
    public var lessonsCompleted: [String: Date] = [:]
    public var checksFinished: [String: Date] = [:]
    /// When the person last learned anything (a lesson started or an answer given).
    public var lastActivity: Date?

    public init() {}
}

/// A chat destination: an incoming-webhook URL (a secret) and how to post to it.
public struct ChannelRecord: Sendable, Codable, Equatable {
    public var name: String
    /// The webhook URL. A secret: never printed, logged or put in an error.
    public var url: String
    /// The platform's format (`slack`, `teams`, …), or nil to detect it from the URL.
    public var format: String?
    public var unitID: Int64?
    /// Quiet hours "20:00-08:00" in `timezone`, during which nothing is posted.
    public var quietHours: String?
    public var timezone: String?
    public var createdAt: Date
    /// Which content the bot may quote in this channel: `public` only, or `internal` too. Never `confidential`.
    public var audience: ChannelAudience
    /// The platform's own id of the channel (Slack `C0123…`, Mattermost channel id), so that a slash command
    /// asked there is known to come from this channel.
    public var chatID: String?
    /// Local time "09:00" (in `timezone`) at which `pmo bot serve` plans this channel's reminders.
    public var remindAt: String?

    public init(name: String, url: String, format: String?, unitID: Int64?, quietHours: String?, timezone: String?, createdAt: Date,
                audience: ChannelAudience = .public, chatID: String? = nil, remindAt: String? = nil) {
        self.name = name
        self.url = url
        self.format = format
        self.unitID = unitID
        self.quietHours = quietHours
        self.timezone = timezone
        self.createdAt = createdAt
        self.audience = audience
        self.chatID = chatID
        self.remindAt = remindAt
    }
}

/// Who may read what the bot posts in a channel.
public enum ChannelAudience: String, Sendable, Codable, CaseIterable {
    /// Anyone in the channel: public content only.
    case `public`
    /// A channel marked internal (staff only): public and internal content.
    case `internal`
}

/// A planned chat message waiting in the outbox, delivered at least once and recorded once.
public struct OutboxMessage: Sendable, Codable, Equatable {
    public enum Status: String, Sendable, Codable {
        case pending, delivered, dead
    }

    public var id: Int64?
    public var channel: String
    /// Deterministic (channel, kind, subject, period): planning twice inserts once.
    public var idempotencyKey: String
    /// The message, encoded by the chat module.
    public var payload: String
    public var status: Status
    public var attempts: Int
    public var nextAttemptAt: Date
    public var leaseUntil: Date?
    public var lastError: String?
    public var createdAt: Date
    public var deliveredAt: Date?

    public init(id: Int64? = nil, channel: String, idempotencyKey: String, payload: String, status: Status = .pending, attempts: Int = 0,
                nextAttemptAt: Date, leaseUntil: Date? = nil, lastError: String? = nil, createdAt: Date, deliveredAt: Date? = nil) {
        self.id = id
        self.channel = channel
        self.idempotencyKey = idempotencyKey
        self.payload = payload
        self.status = status
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.leaseUntil = leaseUntil
        self.lastError = lastError
        self.createdAt = createdAt
        self.deliveredAt = deliveredAt
    }
}
