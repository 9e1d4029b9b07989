/// Scores a maturity model from assessors' answers: pure and deterministic.
///
/// The rules (staged level, continuous score, weakest-link headline, coverage, lower median
/// of assessors, capability evidence) are explained with a worked example in docs/maturity.md.
public struct MaturityScorer: Sendable {
    /// The threshold used when a model names none.
    public static let defaultThreshold = "largely"

    /// The model scored.
    public let model: MaturityModel
    /// The scale point id a combined answer must reach to count as met.
    public let threshold: String
    /// When true, a criterion whose capability evidence is unmet is scored at most at the
    /// highest point below the threshold ("partly"). Off by default: evidence is shown only.
    public let capabilityCapsAnswers: Bool

    /// The scale, lowest value first.
    let scale: [MaturityModel.ScalePoint]
    /// Scale point id → position in `scale` (its step).
    let step: [String: Int]
    /// The step of the threshold point.
    let thresholdStep: Int
    /// Criterion id → criterion, for the whole model.
    let criterionByID: [String: MaturityModel.Criterion]

    /// Prepares a scorer for `model`.
    ///
    /// - Parameters:
    ///   - threshold: a scale point id overriding the model's threshold; the model's
    ///     threshold is used otherwise, and "largely" if the model names none.
    ///   - capabilityCapsAnswers: cap criteria with unmet capability evidence below the threshold.
    /// - Throws: `MaturityScoringError` when the scale is empty or the threshold is not on it.
    public init(model: MaturityModel, threshold: String? = nil, capabilityCapsAnswers: Bool = false) throws {
        var scale: [MaturityModel.ScalePoint] = []
        for point in model.scale where !scale.contains(where: { $0.id == point.id }) { scale.append(point) }
        scale = scale.enumerated().sorted { ($0.element.value, $0.offset) < ($1.element.value, $1.offset) }.map(\.element)
        guard !scale.isEmpty else { throw MaturityScoringError.emptyScale(model: model.id) }
        let chosen = threshold ?? (model.threshold.isEmpty ? Self.defaultThreshold : model.threshold)
        let step = Dictionary(uniqueKeysWithValues: scale.enumerated().map { ($0.element.id, $0.offset) })
        guard let thresholdStep = step[chosen] else {
            throw MaturityScoringError.unknownThreshold(chosen, scale: scale.map(\.id))
        }
        self.model = model
        self.threshold = chosen
        self.capabilityCapsAnswers = capabilityCapsAnswers
        self.scale = scale
        self.step = step
        self.thresholdStep = thresholdStep
        criterionByID = Dictionary(model.dimensions.flatMap(\.criteria).map { ($0.id, $0) },
                                   uniquingKeysWith: { first, _ in first })
    }

    /// Scores one unit from every assessor's answers.
    ///
    /// - Parameters:
    ///   - answers: answers of one or more assessors, in the order given (an assessor's later
    ///     answer to a criterion replaces the earlier one).
    ///   - people: measured proficiency for capability evidence; nil computes no evidence.
    public func score(_ answers: [MaturityAnswer], people: [PersonCapability]? = nil) -> MaturityResult {
        let (byCriterion, ignored) = latestAnswers(answers)
        var dimensions: [MaturityDimensionResult] = []
        for dimension in model.dimensions {
            let criteria = dimension.criteria.map { criterion in
                combine(criterion, byCriterion[criterion.id] ?? [:], people: people)
            }
            dimensions.append(scoreDimension(dimension, criteria))
        }
        let total = dimensions.reduce(MaturityCoverage(met: 0, total: 0)) {
            MaturityCoverage(met: $0.met + $1.coverage.met, total: $0.total + $1.coverage.total)
        }
        let assessors = Set(byCriterion.values.flatMap(\.keys)).sorted()
        return MaturityResult(model: model.id, modelVersion: model.version, threshold: threshold,
                              capabilityCapsAnswers: capabilityCapsAnswers, assessors: assessors,
                              headline: headline(dimensions), coverage: total, dimensions: dimensions,
                              improvementPlan: improvementPlan(dimensions), ignoredAnswers: ignored)
    }

    /// Criteria without an answer, grouped by dimension in model order (dimensions without gaps left out).
    ///
    /// Answers naming an unknown criterion or scale point do not count as answers.
    public func missingAnswers(_ answers: [MaturityAnswer]) -> [MaturityMissingAnswers] {
        let answered = Set(answers.filter { step[$0.point] != nil }.map(\.criterion))
        return model.dimensions.compactMap { d in
            let ids = d.criteria.map(\.id).filter { !answered.contains($0) }
            return ids.isEmpty ? nil : MaturityMissingAnswers(dimension: d.id, name: d.name, criteria: ids)
        }
    }

    /// The name of level `number` in the model, or "Level n".
    public func levelName(_ number: Int) -> String {
        model.levels.first { $0.number == number }?.name ?? "Level \(number)"
    }
}
