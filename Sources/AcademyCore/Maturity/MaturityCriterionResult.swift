/// The combined answer to one criterion, with each assessor's answer and their spread.
public struct MaturityCriterionResult: Sendable, Codable, Equatable {
    /// One assessor's answer as recorded.
    public struct AssessorAnswer: Sendable, Codable, Equatable {
        public var assessor: String
        /// The scale point id chosen.
        public var point: String
        public var note: String?

        public init(assessor: String, point: String, note: String?) {
            self.assessor = assessor
            self.point = point
            self.note = note
        }
    }

    /// The criterion id.
    public var id: String
    /// The level 2…5 the criterion belongs to.
    public var level: Int
    /// The lower median of the assessors' answers (a scale point id); nil when unanswered.
    public var median: String?
    /// The answer scored: the median, or the capped point when capability caps it.
    public var point: String?
    /// The scale value of `point`; nil when unanswered.
    public var value: Double?
    /// Whether `point` is at or above the threshold. An unanswered criterion is not met.
    public var isMet: Bool
    /// Each assessor's answer, ordered by assessor id.
    public var answers: [AssessorAnswer]
    /// Highest minus lowest answer, in scale steps; 0 with fewer than two answers.
    public var spread: Int
    /// Measured capability evidence, when the criterion has a requirement and people were given.
    public var capability: MaturityCapabilityEvidence?
    /// True when unmet capability lowered the median to the point below the threshold.
    public var cappedByCapability: Bool

    public init(id: String, level: Int, median: String?, point: String?, value: Double?, isMet: Bool,
                answers: [AssessorAnswer], spread: Int, capability: MaturityCapabilityEvidence?,
                cappedByCapability: Bool) {
        self.id = id
        self.level = level
        self.median = median
        self.point = point
        self.value = value
        self.isMet = isMet
        self.answers = answers
        self.spread = spread
        self.capability = capability
        self.cappedByCapability = cappedByCapability
    }

    /// Whether no assessor answered the criterion.
    public var isMissing: Bool { answers.isEmpty }
}
