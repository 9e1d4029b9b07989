/// The maturity report of one unit: what every format renders and, as is, the JSON schema.
///
/// Built from a scored `MaturityResult` (and optionally the previous one and the trend) by
/// `init(model:latest:previous:previousDate:trend:unit:assessedOn:courseTitles:)`; rendered by
/// `render(_:color:)`. The schema is documented in docs/reports.md; numbers are rounded
/// (scores to 2 decimals, percentages to 1) so that the output is stable.
public struct MaturityReport: Sendable, Codable, Equatable {
    /// The schema id written in every JSON report.
    public static let schemaID = "pmo-academy/maturity-report"
    /// The schema version; raised when a field changes meaning or is removed.
    public static let currentSchemaVersion = 1

    /// Always `schemaID`.
    public var schema: String
    /// Always `currentSchemaVersion` when built by this version.
    public var schemaVersion: Int
    /// The unit assessed (`Engineering/Platform`).
    public var unit: String
    /// The day of the assessment, ISO 8601 in UTC (`2025-03-14`).
    public var assessedOn: String
    /// The day of the previous assessment, when one was given with a date.
    public var previousAssessedOn: String?
    public var model: ModelInfo
    /// The assessors whose answers were combined, sorted.
    public var assessors: [String]
    /// Whether every criterion has at least one answer.
    public var complete: Bool
    public var headline: Headline
    public var coverage: Coverage
    /// One entry per dimension, in model order.
    public var dimensions: [Dimension]
    /// The unmet next-level criteria of the dimensions at the headline level.
    public var blockers: [Blocker]
    /// Past and current assessments, oldest first.
    public var trend: [TrendPoint]
    /// For each dimension below level 5, what its next level needs.
    public var improvementPlan: [PlanDimension]
    /// Criteria nobody answered, by dimension.
    public var missing: [Missing]

    public init(schema: String = MaturityReport.schemaID, schemaVersion: Int = MaturityReport.currentSchemaVersion,
                unit: String, assessedOn: String, previousAssessedOn: String?, model: ModelInfo, assessors: [String],
                complete: Bool, headline: Headline, coverage: Coverage, dimensions: [Dimension], blockers: [Blocker],
                trend: [TrendPoint], improvementPlan: [PlanDimension], missing: [Missing]) {
        self.schema = schema
        self.schemaVersion = schemaVersion
        self.unit = unit
        self.assessedOn = assessedOn
        self.previousAssessedOn = previousAssessedOn
        self.model = model
        self.assessors = assessors
        self.complete = complete
        self.headline = headline
        self.coverage = coverage
        self.dimensions = dimensions
        self.blockers = blockers
        self.trend = trend
        self.improvementPlan = improvementPlan
        self.missing = missing
    }
}
