import Foundation

/// A scored assessment as submitted on a date, the input to a trend.
public struct MaturitySubmission: Sendable, Codable, Equatable {
    public var date: Date
    public var result: MaturityResult

    public init(date: Date, result: MaturityResult) {
        self.date = date
        self.result = result
    }
}
