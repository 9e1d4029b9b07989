import Foundation

/// Submitted results over time, reduced to the numbers a trend chart plots.
public struct MaturityTrend: Sendable, Codable, Equatable {
    /// One dimension's staged level and continuous score at one date.
    public struct DimensionPoint: Sendable, Codable, Equatable {
        public var dimension: String
        public var level: Int
        public var score: Double

        public init(dimension: String, level: Int, score: Double) {
            self.dimension = dimension
            self.level = level
            self.score = score
        }
    }

    /// One submitted assessment.
    public struct Point: Sendable, Codable, Equatable {
        public var date: Date
        /// The headline (weakest-link) level.
        public var headline: Int
        /// The overall coverage percentage.
        public var coverage: Double
        /// Per dimension, in the result's (model) order.
        public var dimensions: [DimensionPoint]

        public init(date: Date, headline: Int, coverage: Double, dimensions: [DimensionPoint]) {
            self.date = date
            self.headline = headline
            self.coverage = coverage
            self.dimensions = dimensions
        }
    }

    /// Oldest first; submissions with the same date keep their given order.
    public var points: [Point]

    public init(points: [Point]) {
        self.points = points
    }

    /// Builds the trend from submitted results, oldest first.
    public init(_ submissions: [MaturitySubmission]) {
        points = submissions.enumerated()
            .sorted { ($0.element.date, $0.offset) < ($1.element.date, $1.offset) }
            .map { _, s in
                Point(date: s.date, headline: s.result.headline.level, coverage: s.result.coverage.percent,
                      dimensions: s.result.dimensions.map { DimensionPoint(dimension: $0.id, level: $0.level, score: $0.score) })
            }
    }
}
