import Foundation

/// Everything the reminder planner looks at, read from the store and the catalogue beforehand.
///
/// Deliberately holds no ability estimates, quiz results or maturity answers: what is not here
/// cannot end up in a channel.
public struct ReminderInput: Sendable {
    /// An active person and the facts their reminders and their team's digest need.
    public struct Person: Sendable, Equatable {
        public var id: Int64
        public var login: String
        public var name: String
        public var unitID: Int64?
        /// Chat handles by platform key: `slack`, `mattermost`, `teams`, `discord`, `google_chat`.
        public var chat: [String: String]
        public var joinedAt: Date
        /// When they last learned anything (a lesson opened or a question answered).
        public var lastActivity: Date?
        /// Review cards due now.
        public var reviewsDue: Int
        /// When they completed lessons (for the digest's counts).
        public var lessonsCompleted: [Date]
        /// When they answered review questions (for the digest's counts).
        public var reviewAnswers: [Date]

        public init(id: Int64, login: String, name: String, unitID: Int64?, chat: [String: String] = [:], joinedAt: Date,
                    lastActivity: Date? = nil, reviewsDue: Int = 0, lessonsCompleted: [Date] = [], reviewAnswers: [Date] = []) {
            self.id = id
            self.login = login
            self.name = name
            self.unitID = unitID
            self.chat = chat
            self.joinedAt = joinedAt
            self.lastActivity = lastActivity
            self.reviewsDue = reviewsDue
            self.lessonsCompleted = lessonsCompleted
            self.reviewAnswers = reviewAnswers
        }
    }

    /// An organisational unit.
    public struct Unit: Sendable, Equatable {
        public var id: Int64
        public var code: String
        public var name: String
        public var parentID: Int64?

        public init(id: Int64, code: String, name: String, parentID: Int64?) {
            self.id = id
            self.code = code
            self.name = name
            self.parentID = parentID
        }
    }

    /// A chat channel reminders can go to.
    public struct Channel: Sendable, Equatable {
        public var name: String
        /// The unit whose people (and sub-units') it serves; nil for the whole organisation.
        public var unitID: Int64?
        public var platform: ChatPlatform
        /// The zone days, weeks and quarters are counted in.
        public var timeZone: TimeZone
        /// The courses the previous digest to this channel counted; nil before the first digest.
        public var previousDigestCourses: [String]?

        public init(name: String, unitID: Int64?, platform: ChatPlatform, timeZone: TimeZone = DeliveryChannel.utc,
                    previousDigestCourses: [String]? = nil) {
            self.name = name
            self.unitID = unitID
            self.platform = platform
            self.timeZone = timeZone
            self.previousDigestCourses = previousDigestCourses
        }
    }

    /// One person's assigned course.
    public struct Assignment: Sendable, Equatable {
        public var personID: Int64
        public var courseID: String
        public var courseTitle: String
        /// A confidential course is never named in a channel.
        public var confidential: Bool
        public var due: Date?
        /// When the person completed the course, if they have.
        public var completedAt: Date?

        public init(personID: Int64, courseID: String, courseTitle: String, confidential: Bool = false, due: Date?, completedAt: Date? = nil) {
            self.personID = personID
            self.courseID = courseID
            self.courseTitle = courseTitle
            self.confidential = confidential
            self.due = due
            self.completedAt = completedAt
        }
    }

    /// A course that may be named in a channel (not confidential).
    public struct Course: Sendable, Equatable {
        public var id: String
        public var title: String

        public init(id: String, title: String) {
            self.id = id
            self.title = title
        }
    }

    /// A maturity model units assess themselves against.
    public struct MaturityModel: Sendable, Equatable {
        public var id: String
        public var name: String

        public init(id: String, name: String) {
            self.id = id
            self.name = name
        }
    }

    public var now: Date
    /// Active people only.
    public var people: [Person]
    public var units: [Unit]
    public var channels: [Channel]
    public var assignments: [Assignment]
    public var courses: [Course]
    public var maturityModels: [MaturityModel]
    /// When each unit submitted assessments of each model: unit id → model id → dates.
    public var maturitySubmissions: [Int64: [String: [Date]]]

    public init(now: Date, people: [Person], units: [Unit], channels: [Channel], assignments: [Assignment] = [], courses: [Course] = [],
                maturityModels: [MaturityModel] = [], maturitySubmissions: [Int64: [String: [Date]]] = [:]) {
        self.now = now
        self.people = people
        self.units = units
        self.channels = channels
        self.assignments = assignments
        self.courses = courses
        self.maturityModels = maturityModels
        self.maturitySubmissions = maturitySubmissions
    }
}
