import Foundation

/// One person's capability: level ± SE per competency, gaps to their role, trend, assignments.
public struct PersonReport: Sendable, Codable, Equatable {
    public struct CompetencyRow: Sendable, Codable, Equatable {
        public var id: String
        public var name: String
        public var level: Int?
        public var levelName: String?
        public var theta: Double?
        public var se: Double?
        public var responses: Int
        public var target: Int?
        /// target − level when the person is below target.
        public var gap: Int?
        /// θ over time, oldest first.
        public var trend: [TrendPoint]
    }

    public struct TrendPoint: Sendable, Codable, Equatable {
        public var date: Date
        public var theta: Double
    }

    public struct Assignment: Sendable, Codable, Equatable {
        public var course: String
        public var due: Date?
        public var state: String
        public var lessonsDone: Int
        public var lessons: Int
    }

    public var id: String
    public var name: String
    public var role: String?
    public var roleName: String?
    public var unit: String?
    public var generatedAt: Date
    public var competencies: [CompetencyRow]
    public var assignments: [Assignment]
    public var coursesToClose: [GroupReport.CourseRef]
}
