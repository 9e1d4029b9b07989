/// Small helpers that write SVG markup: elements, text, points and the document wrapper.
///
/// Every attribute value and every text passed in is XML-escaped here, so chart code never
/// writes user text into markup by hand.
enum SVG {
    /// The font stack charts use: the platform UI font, then Arial-metric fonts, DejaVu last (the widest).
    static let fontFamily = "-apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif"

    /// An element with attributes in the order given; `content` is inserted as is (already markup).
    static func tag(_ name: String, _ attributes: [(String, String)], _ content: String? = nil) -> String {
        var out = "<" + name
        for (key, value) in attributes {
            out += " \(key)=\"\(value.xmlEscaped)\""
        }
        guard let content else { return out + "/>" }
        return out + ">" + content + "</" + name + ">"
    }

    /// A `points` attribute value: "x1,y1 x2,y2 …".
    static func points(_ points: [(Double, Double)]) -> String {
        points.map { "\($0.0.svg),\($0.1.svg)" }.joined(separator: " ")
    }

    /// A text element; several lines become `tspan`s, `lineHeight` apart, the first at `y`.
    static func text(_ lines: [String], x: Double, y: Double, size: Double, anchor: String = "start",
                     fill: String = ChartPalette.ink, weight: String? = nil, lineHeight: Double? = nil,
                     halo: Bool = false, extra: [(String, String)] = []) -> String {
        var attributes: [(String, String)] = [("x", x.svg), ("y", y.svg), ("font-size", size.svg), ("fill", fill)]
        if anchor != "start" { attributes.append(("text-anchor", anchor)) }
        if let weight { attributes.append(("font-weight", weight)) }
        if halo {
            attributes += [("stroke", "#ffffff"), ("stroke-width", "3"), ("stroke-linejoin", "round"),
                           ("paint-order", "stroke")]
        }
        attributes += extra
        if lines.count == 1 { return tag("text", attributes, lines[0].xmlEscaped) }
        let step = lineHeight ?? size * 1.2
        let spans = lines.enumerated().map { index, line in
            tag("tspan", [("x", x.svg), ("dy", index == 0 ? "0" : step.svg)], line.xmlEscaped)
        }.joined()
        return tag("text", attributes, spans)
    }

    /// A complete, standalone SVG document with an accessible title and description.
    ///
    /// - Parameters:
    ///   - box: the viewBox (min x, min y, width, height); the intrinsic size is its width and height.
    ///   - idPrefix: makes the `id`s unique when several charts share one HTML page.
    static func document(box: (Double, Double, Double, Double), title: String, description: String,
                         idPrefix: String, defs: String = "", body: String) -> String {
        let titleID = idPrefix + "-title"
        let descID = idPrefix + "-desc"
        let open = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"\(box.0.svg) \(box.1.svg) \(box.2.svg) \(box.3.svg)\""
            + " width=\"\(box.2.svg)\" height=\"\(box.3.svg)\" role=\"img\" aria-labelledby=\"\(titleID.xmlEscaped) \(descID.xmlEscaped)\""
            + " font-family=\"\(fontFamily.xmlEscaped)\" class=\"chart\">"
        var out = open
        out += tag("title", [("id", titleID)], title.xmlEscaped)
        out += tag("desc", [("id", descID)], description.xmlEscaped)
        if !defs.isEmpty { out += "<defs>" + defs + "</defs>" }
        out += tag("rect", [("x", box.0.svg), ("y", box.1.svg), ("width", box.2.svg), ("height", box.3.svg),
                            ("fill", "#ffffff")])
        out += body
        return out + "</svg>"
    }

    /// Makes `raw` safe for use inside an XML `id` (letters, digits, `-`, `_`).
    static func identifier(_ raw: String) -> String {
        let cleaned = String(raw.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") ? $0 : "-" })
        guard let first = cleaned.first, first.isLetter else { return "c-" + cleaned }
        return cleaned
    }
}
