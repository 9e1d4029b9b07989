/// The maturity of one dimension: its staged level, continuous score and criteria.
public struct MaturityDimensionResult: Sendable, Codable, Equatable {
    /// The dimension id.
    public var id: String
    public var name: String
    /// The staged level 1…5: the highest L with every criterion of levels 2…L met.
    public var level: Int
    /// The name of `level` in the model ("Repeatable").
    public var levelName: String
    /// The continuous score 1.0…5.0: `level` plus the weighted share of the next level met.
    public var score: Double
    /// Criteria of this dimension met at the threshold, of all levels.
    public var coverage: MaturityCoverage
    /// Every criterion of the dimension, in model order.
    public var criteria: [MaturityCriterionResult]
    /// Ids of the unmet criteria at `level + 1`, the ones that hold the dimension back.
    public var unmetAtNextLevel: [String]

    public init(id: String, name: String, level: Int, levelName: String, score: Double,
                coverage: MaturityCoverage, criteria: [MaturityCriterionResult], unmetAtNextLevel: [String]) {
        self.id = id
        self.name = name
        self.level = level
        self.levelName = levelName
        self.score = score
        self.coverage = coverage
        self.criteria = criteria
        self.unmetAtNextLevel = unmetAtNextLevel
    }

    /// Ids of the criteria nobody answered, in model order.
    public var missing: [String] { criteria.filter(\.isMissing).map(\.id) }

    /// The result of criterion `id`, if it belongs to this dimension.
    public func criterion(_ id: String) -> MaturityCriterionResult? {
        criteria.first { $0.id == id }
    }
}
