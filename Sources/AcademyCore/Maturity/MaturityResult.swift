/// The scored maturity of one unit: the profile per dimension, the headline and the plan.
public struct MaturityResult: Sendable, Codable, Equatable {
    /// The id of the model scored.
    public var model: String
    /// The version of the model scored.
    public var modelVersion: String
    /// The scale point id a criterion needed to count as met.
    public var threshold: String
    /// Whether unmet capability evidence capped answers (off unless asked for).
    public var capabilityCapsAnswers: Bool
    /// Every assessor whose answers were counted, sorted.
    public var assessors: [String]
    /// The weakest-link level and the dimensions that hold it.
    public var headline: MaturityHeadline
    /// Criteria met at the threshold across all dimensions and levels.
    public var coverage: MaturityCoverage
    /// One result per dimension, in model order.
    public var dimensions: [MaturityDimensionResult]
    /// The unmet criteria of each dimension's next level, with courses.
    public var improvementPlan: MaturityImprovementPlan
    /// Answers not counted because their criterion or scale point is not in the model.
    public var ignoredAnswers: [MaturityAnswer]

    public init(model: String, modelVersion: String, threshold: String, capabilityCapsAnswers: Bool,
                assessors: [String], headline: MaturityHeadline, coverage: MaturityCoverage,
                dimensions: [MaturityDimensionResult], improvementPlan: MaturityImprovementPlan,
                ignoredAnswers: [MaturityAnswer]) {
        self.model = model
        self.modelVersion = modelVersion
        self.threshold = threshold
        self.capabilityCapsAnswers = capabilityCapsAnswers
        self.assessors = assessors
        self.headline = headline
        self.coverage = coverage
        self.dimensions = dimensions
        self.improvementPlan = improvementPlan
        self.ignoredAnswers = ignoredAnswers
    }

    /// Criteria nobody answered, grouped by dimension; dimensions without gaps are left out.
    public var missing: [MaturityMissingAnswers] {
        dimensions.compactMap { d in
            let ids = d.missing
            return ids.isEmpty ? nil : MaturityMissingAnswers(dimension: d.id, name: d.name, criteria: ids)
        }
    }

    /// Whether every criterion has at least one answer.
    public var isComplete: Bool { dimensions.allSatisfy { $0.missing.isEmpty } }

    /// The result of dimension `id`.
    public func dimension(_ id: String) -> MaturityDimensionResult? {
        dimensions.first { $0.id == id }
    }

    /// The result of criterion `id`, in whichever dimension holds it.
    public func criterion(_ id: String) -> MaturityCriterionResult? {
        for d in dimensions { if let c = d.criterion(id) { return c } }
        return nil
    }
}
