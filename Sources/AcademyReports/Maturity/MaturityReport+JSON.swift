import Foundation

extension MaturityReport {
    /// The report as JSON: the report model itself, keys sorted, pretty-printed.
    ///
    /// The schema is documented in docs/reports.md; numbers are already rounded.
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        let data = try encoder.encode(self)
        return (String(data: data, encoding: .utf8) ?? "{}") + "\n"
    }

    /// Reads a report written by `json()`.
    public static func decode(json: Data) throws -> MaturityReport {
        try JSONDecoder().decode(MaturityReport.self, from: json)
    }
}
