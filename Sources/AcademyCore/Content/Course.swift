/// Who may see a course.
public enum Classification: String, Sendable, CaseIterable, Codable, Comparable {
    case `public`, `internal`, confidential

    private var rank: Int {
        switch self {
        case .public: 0
        case .internal: 1
        case .confidential: 2
        }
    }

    public static func < (lhs: Classification, rhs: Classification) -> Bool { lhs.rank < rhs.rank }
}

/// A course: metadata from `course.yaml` and its lessons in reading order.
public struct Course: Sendable, Identifiable, Hashable {
    public var id: String
    public var title: String
    public var summary: String
    public var audience: String
    public var competencies: [String]
    public var minutes: Int
    public var prerequisites: [String]
    public var classification: Classification
    public var version: String
    public var lessons: [Lesson]
    public var location: SourceLocation
    /// Positions of each entry of `competencies` and `prerequisites`, for diagnostics.
    public internal(set) var competencyLocations: [SourceLocation] = []
    public internal(set) var prerequisiteLocations: [SourceLocation] = []

    public init(id: String, title: String, summary: String, audience: String, competencies: [String],
                minutes: Int, prerequisites: [String], classification: Classification, version: String,
                lessons: [Lesson], location: SourceLocation) {
        self.id = id
        self.title = title
        self.summary = summary
        self.audience = audience
        self.competencies = competencies
        self.minutes = minutes
        self.prerequisites = prerequisites
        self.classification = classification
        self.version = version
        self.lessons = lessons
        self.location = location
    }
}

/// One lesson: front matter and a Markdown body.
public struct Lesson: Sendable, Identifiable, Hashable {
    public var id: String
    public var courseID: String
    /// The two-digit position from the file name.
    public var position: Int
    public var title: String
    public var competencies: [String]
    public var minutes: Int
    /// Item ids of the end-of-lesson check.
    public var check: [String]
    public var body: String
    /// The file line on which `body` starts, for locating problems inside it.
    public var bodyLine: Int
    public var location: SourceLocation
    /// Positions of each entry of `competencies` and `check`, for diagnostics.
    public internal(set) var competencyLocations: [SourceLocation] = []
    public internal(set) var checkLocations: [SourceLocation] = []

    public init(id: String, courseID: String, position: Int, title: String, competencies: [String], minutes: Int,
                check: [String], body: String, bodyLine: Int, location: SourceLocation) {
        self.id = id
        self.courseID = courseID
        self.position = position
        self.title = title
        self.competencies = competencies
        self.minutes = minutes
        self.check = check
        self.body = body
        self.bodyLine = bodyLine
        self.location = location
    }
}
