/// Writes CSV fields as RFC 4180 asks, and keeps spreadsheets from running them as formulas.
enum CSVField {
    /// The field quoted when it holds a comma, quote or line break; a leading `= + - @` is
    /// prefixed with `'` so that a spreadsheet shows it as text.
    static func escape(_ value: String) -> String {
        var text = value
        if let first = text.first, "=+-@".contains(first), Double(text) == nil { text = "'" + text }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingQuotes + "\""
    }

    /// One CSV line from fields.
    static func row(_ fields: [String]) -> String {
        fields.map(escape).joined(separator: ",")
    }
}

extension String {
    /// The string with each `"` doubled, for a quoted CSV field.
    fileprivate var replacingQuotes: String {
        var out = ""
        for character in self {
            out.append(character)
            if character == "\"" { out.append("\"") }
        }
        return out
    }
}
