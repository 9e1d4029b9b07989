/// What each dimension needs for its next level, with the courses that teach it.
public struct MaturityImprovementPlan: Sendable, Codable, Equatable {
    /// One criterion to bring to the threshold.
    public struct Step: Sendable, Codable, Equatable {
        public var criterion: String
        public var level: Int
        public var text: String
        /// The current combined answer (a scale point id), nil when unanswered.
        public var point: String?
        /// Course ids from the criterion's `courses`.
        public var courses: [String]

        public init(criterion: String, level: Int, text: String, point: String?, courses: [String]) {
            self.criterion = criterion
            self.level = level
            self.text = text
            self.point = point
            self.courses = courses
        }
    }

    /// The steps of one dimension from its staged level to the next.
    public struct Dimension: Sendable, Codable, Equatable {
        public var dimension: String
        public var name: String
        public var currentLevel: Int
        public var targetLevel: Int
        public var steps: [Step]

        public init(dimension: String, name: String, currentLevel: Int, targetLevel: Int, steps: [Step]) {
            self.dimension = dimension
            self.name = name
            self.currentLevel = currentLevel
            self.targetLevel = targetLevel
            self.steps = steps
        }
    }

    /// Dimensions below level 5, in model order.
    public var dimensions: [Dimension]

    public init(dimensions: [Dimension]) {
        self.dimensions = dimensions
    }

    /// Every course id the plan names, once each, in order of first mention.
    public var courses: [String] {
        var seen: Set<String> = []
        return dimensions.flatMap(\.steps).flatMap(\.courses).filter { seen.insert($0).inserted }
    }
}
