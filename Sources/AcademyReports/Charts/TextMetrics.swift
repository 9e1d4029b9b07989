/// Estimates the rendered width of chart text and wraps it, so labels are laid out without clipping.
///
/// The widths approximate DejaVu Sans and Liberation Sans (the fonts a Linux viewer falls back
/// to), erring wide, so that text fits in Helvetica, Arial or Segoe UI as well.
enum TextMetrics {
    /// The estimated width of `text` at `fontSize`, in user units.
    static func width(_ text: String, fontSize: Double, bold: Bool = false) -> Double {
        var em = 0.0
        for character in text {
            em += advance(character)
        }
        return em * fontSize * (bold ? 1.13 : 1.0)
    }

    /// The advance of one character, in ems.
    static func advance(_ character: Character) -> Double {
        switch character {
        case "i", "j", "l", "I", ".", ",", ":", ";", "'", "|", "!", "(", ")", "[", "]", "`": 0.3
        case " ": 0.32
        case "f", "r", "t", "-": 0.4
        case "m", "w": 0.9
        case "M", "W": 0.95
        case "0"..."9": 0.64
        case "a"..."z": 0.6
        case "A"..."Z": 0.7
        default: 0.7
        }
    }

    /// Splits `text` into lines no wider than `maxWidth`, at most `maxLines` of them.
    ///
    /// Words are kept whole; a word wider than `maxWidth` gets a line of its own. When the
    /// text needs more lines than allowed, the last line ends with "…".
    static func wrap(_ text: String, maxWidth: Double, fontSize: Double, maxLines: Int = 3,
                     bold: Bool = false) -> [String] {
        let words = text.split(whereSeparator: \.isWhitespace).map(String.init)
        guard !words.isEmpty else { return [] }
        var lines: [String] = []
        var current = ""
        for word in words {
            let candidate = current.isEmpty ? word : current + " " + word
            if current.isEmpty || width(candidate, fontSize: fontSize, bold: bold) <= maxWidth {
                current = candidate
            } else {
                lines.append(current)
                current = word
            }
        }
        lines.append(current)
        guard lines.count > max(1, maxLines) else { return lines }
        var kept = Array(lines.prefix(max(1, maxLines)))
        var last = kept[kept.count - 1]
        while !last.isEmpty, width(last + "…", fontSize: fontSize, bold: bold) > maxWidth {
            last.removeLast()
        }
        kept[kept.count - 1] = last.trimmingTrailingSpaces() + "…"
        return kept
    }
}

