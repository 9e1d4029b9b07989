/// The headline level: the lowest staged level of any dimension (weakest link).
public struct MaturityHeadline: Sendable, Codable, Equatable {
    /// A dimension at the headline level and what it lacks for the next one.
    public struct Constraint: Sendable, Codable, Equatable {
        public var dimension: String
        public var name: String
        /// Ids of its unmet criteria at `level + 1`.
        public var unmet: [String]

        public init(dimension: String, name: String, unmet: [String]) {
            self.dimension = dimension
            self.name = name
            self.unmet = unmet
        }
    }

    /// The rule the headline follows; always "weakest-link".
    public var rule: String
    /// The lowest staged level of any dimension (1 for a model without dimensions).
    public var level: Int
    /// The name of `level` in the model.
    public var name: String
    /// The dimensions at the headline level, in model order; empty at level 5.
    public var heldBackBy: [Constraint]
    /// One sentence that states the level and the rule, for reports.
    public var statement: String

    public init(rule: String = "weakest-link", level: Int, name: String, heldBackBy: [Constraint], statement: String) {
        self.rule = rule
        self.level = level
        self.name = name
        self.heldBackBy = heldBackBy
        self.statement = statement
    }
}
