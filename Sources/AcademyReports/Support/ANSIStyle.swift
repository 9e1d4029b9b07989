/// Terminal styling with ANSI SGR codes, or none at all when colour is off.
///
/// AcademyReports does not depend on TerminalUI; this is the little it needs. Style text only
/// after padding it, so that the codes never count towards a column width.
struct ANSIStyle: Sendable {
    /// Whether to emit escape codes.
    var color: Bool

    func bold(_ text: String) -> String { sgr("1", text) }
    func dim(_ text: String) -> String { sgr("2", text) }
    func red(_ text: String) -> String { sgr("31", text) }
    func green(_ text: String) -> String { sgr("32", text) }
    func yellow(_ text: String) -> String { sgr("33", text) }
    func blue(_ text: String) -> String { sgr("34", text) }
    func boldBlue(_ text: String) -> String { sgr("1;34", text) }

    private func sgr(_ code: String, _ text: String) -> String {
        color && !text.isEmpty ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
