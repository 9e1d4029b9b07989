import Foundation

/// Capability of a group of people (a team, a unit, the organisation): what a manager decides from.
public struct GroupReport: Sendable, Codable, Equatable {
    public struct CompetencyRow: Sendable, Codable, Equatable {
        public var id: String
        public var name: String
        /// People at levels 1…5 (index 0 is level 1).
        public var distribution: [Int]
        /// People without an estimate yet.
        public var unmeasured: Int
        /// Of the people whose role sets a target here: how many reach it.
        public var atTarget: Int
        public var withTarget: Int
        /// Mean level of the measured people.
        public var meanLevel: Double?

        public var shareAtTarget: Double? { withTarget == 0 ? nil : Double(atTarget) / Double(withTarget) }
    }

    public struct Gap: Sendable, Codable, Equatable {
        public var competency: String
        public var name: String
        /// Mean shortfall (target − level, counting only people below target) over the people with a target.
        public var meanShortfall: Double
        /// People a level or more below target.
        public var peopleBelow: Int
        public var courses: [CourseRef]
    }

    public struct CourseRef: Sendable, Codable, Equatable {
        public var id: String
        public var title: String
    }

    public struct UnitRow: Sendable, Codable, Equatable {
        public var name: String
        public var people: Int
        public var shareAtTarget: Double?
        public var overdue: Int
        /// Mean level per competency (framework order), nil where nobody is measured.
        public var meanLevels: [Double?]
    }

    public struct PersonRow: Sendable, Codable, Equatable {
        public var id: String
        public var name: String
        public var role: String?
        /// Level per competency (framework order), nil where unmeasured.
        public var levels: [Int?]
        /// Target per competency, nil where the role sets none.
        public var targets: [Int?]
        public var responses: Int
    }

    public struct Completion: Sendable, Codable, Equatable {
        public var onTime = 0, late = 0, overdue = 0, inProgress = 0, notStarted = 0

        public init() {}

        public var total: Int { onTime + late + overdue + inProgress + notStarted }
    }

    public struct Week: Sendable, Codable, Equatable {
        public var start: Date
        public var answers: Int
        public var activePeople: Int
    }

    public var title: String
    public var generatedAt: Date
    public var people: Int
    public var measuredPeople: Int
    public var levelNames: [String]
    public var competencies: [CompetencyRow]
    public var largestGaps: [Gap]
    public var completion: Completion
    public var activity: [Week]
    public var units: [UnitRow]
    /// Per person (team reports only; empty for the organisation, whose people are too many to list).
    public var members: [PersonRow]
}
