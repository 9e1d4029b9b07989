/// A CSV file parsed by RFC 4180 rules: quoted fields, doubled quotes, CRLF or LF line ends.
public struct CSVTable: Sendable, Equatable {
    /// The header row's names, trimmed and lower-cased.
    public var header: [String]
    /// Data rows with their 1-based line numbers in the file.
    public var rows: [(line: Int, fields: [String])]

    public static func == (lhs: CSVTable, rhs: CSVTable) -> Bool {
        lhs.header == rhs.header && lhs.rows.map(\.line) == rhs.rows.map(\.line) && lhs.rows.map(\.fields) == rhs.rows.map(\.fields)
    }

    /// Parses `text`; an unterminated quote is reported as an error at its line.
    public static func parse(_ text: String) -> Result<CSVTable, CSVError> {
        var records: [(Int, [String])] = []
        var field = ""
        var fields: [String] = []
        var inQuotes = false
        var line = 1
        var recordLine = 1
        var chars = Array(text.unicodeScalars)
        if chars.first == "\u{FEFF}" { chars.removeFirst() }
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if inQuotes {
                if c == "\"" {
                    if i + 1 < chars.count, chars[i + 1] == "\"" { field.unicodeScalars.append("\""); i += 1 } else { inQuotes = false }
                } else {
                    if c == "\n" { line += 1 }
                    field.unicodeScalars.append(c)
                }
            } else {
                switch c {
                case "\"" where field.isEmpty: inQuotes = true
                case ",": fields.append(field); field = ""
                case "\r": break
                case "\n":
                    fields.append(field)
                    records.append((recordLine, fields))
                    fields = []
                    field = ""
                    line += 1
                    recordLine = line
                default: field.unicodeScalars.append(c)
                }
            }
            i += 1
        }
        if inQuotes { return .failure(CSVError(line: recordLine, message: "a quoted field is not closed")) }
        if !field.isEmpty || !fields.isEmpty {
            fields.append(field)
            records.append((recordLine, fields))
        }
        records.removeAll { $0.1.allSatisfy { $0.trimmedWhitespace.isEmpty } }
        guard let first = records.first else { return .failure(CSVError(line: 1, message: "the file is empty; it needs a header row")) }
        return .success(CSVTable(header: first.1.map { $0.trimmedWhitespace.lowercased() },
                                 rows: records.dropFirst().map { (line: $0.0, fields: $0.1.map(\.trimmedWhitespace)) }))
    }
}

/// A CSV syntax problem.
public struct CSVError: Error, Sendable, Equatable {
    public var line: Int
    public var message: String
}
