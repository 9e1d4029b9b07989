extension MaturityReport {
    /// The report in `format`.
    ///
    /// - Parameter color: ANSI colour in the `text` format; ignored by the others.
    /// - Throws: an `EncodingError` only if JSON encoding fails.
    public func render(_ format: ReportFormat, color: Bool = false) throws -> String {
        switch format {
        case .text: text(color: color)
        case .markdown: markdown()
        case .csv: csv()
        case .json: try json()
        case .html: html()
        }
    }
}
