/// The output formats a report can be rendered in.
public enum ReportFormat: String, Sendable, CaseIterable, Codable {
    case text
    case markdown = "md"
    case csv
    case json
    case html

    /// The file extension for `--output` names.
    public var fileExtension: String {
        switch self {
        case .text: "txt"
        case .markdown: "md"
        case .csv: "csv"
        case .json: "json"
        case .html: "html"
        }
    }
}
