/// The criteria of one dimension that have no answer yet.
public struct MaturityMissingAnswers: Sendable, Codable, Equatable {
    public var dimension: String
    public var name: String
    /// Criterion ids in model order.
    public var criteria: [String]

    public init(dimension: String, name: String, criteria: [String]) {
        self.dimension = dimension
        self.name = name
        self.criteria = criteria
    }
}
