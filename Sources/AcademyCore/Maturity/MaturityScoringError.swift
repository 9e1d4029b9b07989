import Foundation

/// Why a maturity model cannot be scored as asked.
public enum MaturityScoringError: Error, LocalizedError, Equatable {
    /// The model has no answer scale.
    case emptyScale(model: String)
    /// The threshold (from the model or an override) is not a point of the scale.
    case unknownThreshold(String, scale: [String])

    public var errorDescription: String? {
        switch self {
        case let .emptyScale(model):
            "maturity model '\(model)' has no answer scale; add a scale to its YAML file"
        case let .unknownThreshold(threshold, scale):
            "threshold '\(threshold)' is not a point of the answer scale; use one of \(scale.joined(separator: ", "))"
        }
    }
}
