/// The kinds of question the content format knows.
public enum ItemType: String, Sendable, CaseIterable, Codable {
    case singleChoice = "single-choice"
    case multipleChoice = "multiple-choice"
    case trueFalse = "true-false"
    case numeric
    case shortAnswer = "short-answer"
    case ordering
}

/// IRT parameters of the two-parameter logistic model.
public struct IRTParameters: Sendable, Hashable, Codable {
    /// Discrimination, > 0.
    public var a: Double
    /// Difficulty on the θ scale.
    public var b: Double

    public init(a: Double, b: Double) {
        self.a = a
        self.b = b
    }

    /// The parameters an uncalibrated item gets from its authored difficulty 1…5: b = −2 … 2, a = 1.
    public static func authored(difficulty: Int) -> IRTParameters {
        IRTParameters(a: 1, b: Double(min(5, max(1, difficulty)) - 3))
    }
}

/// What counts as the right answer to an item.
public enum ItemKey: Sendable, Hashable {
    /// Option indices (0-based) that are right: one for single-choice, one or more for multiple-choice.
    case choices(Set<Int>)
    case trueFalse(Bool)
    case numeric(value: Double, tolerance: Double)
    /// Accepted answers, compared after normalising.
    case accepted([String])
    /// `options` are already in the right order.
    case ordering
}

/// One question of an item bank.
public struct Item: Sendable, Identifiable, Hashable {
    public var id: String
    public var competency: String
    public var type: ItemType
    /// Authored difficulty 1 (easiest) … 5.
    public var difficulty: Int
    public var lesson: String
    public var stem: String
    public var options: [String]
    public var key: ItemKey
    public var unit: String?
    public var explanation: String
    public var tags: [String]
    /// Parameters from the content file, if the author gave any.
    public var irt: IRTParameters?
    public var location: SourceLocation
    /// Positions of the `competency`, `lesson` and `key` values, for diagnostics.
    public internal(set) var fieldLocations: [String: SourceLocation] = [:]

    public init(id: String, competency: String, type: ItemType, difficulty: Int, lesson: String, stem: String,
                options: [String], key: ItemKey, unit: String?, explanation: String, tags: [String],
                irt: IRTParameters?, location: SourceLocation) {
        self.id = id
        self.competency = competency
        self.type = type
        self.difficulty = difficulty
        self.lesson = lesson
        self.stem = stem
        self.options = options
        self.key = key
        self.unit = unit
        self.explanation = explanation
        self.tags = tags
        self.irt = irt
        self.location = location
    }

    /// The parameters to measure with: authored IRT values, else those implied by the difficulty.
    public var parameters: IRTParameters { irt ?? .authored(difficulty: difficulty) }
}
