/// Escaped text that can be split or truncated without breaking an escape or a token.
///
/// Splitting works on atoms (one per source character, holding its escaped form), so a limit
/// counts escaped lengths and a cut never falls inside `&amp;`, `\*` or `<@U123>`.
struct ChatText: Equatable, Sendable {
    var atoms: [ChatAtom] = []

    init() {}

    /// Content text, escaped for a platform.
    init(_ raw: String, escaper: ChatEscaper) {
        atoms = escaper.atoms(raw)
    }

    /// A formatter-made token (a mention, a link, markup): never split, never escaped.
    static func token(_ text: String) -> ChatText {
        var result = ChatText()
        result.atoms = [ChatAtom(text: text, kind: .word)]
        return result
    }

    /// Whitespace the formatter adds between parts; a text may be split there.
    static func separator(_ whitespace: String) -> ChatText {
        var result = ChatText()
        result.atoms = whitespace.map { ChatAtom(text: String($0), kind: .init($0)) }
        return result
    }

    static func + (lhs: ChatText, rhs: ChatText) -> ChatText {
        var result = lhs
        result.atoms += rhs.atoms
        return result
    }

    static func += (lhs: inout ChatText, rhs: ChatText) {
        lhs.atoms += rhs.atoms
    }

    /// The escaped string.
    var string: String { atoms.map(\.text).joined() }

    /// True when there is nothing but whitespace.
    var isBlank: Bool { atoms.allSatisfy { $0.kind != .word && $0.text.allSatisfy(\.isWhitespace) } }

    func cost(_ measure: ChatMeasure) -> Int {
        atoms.reduce(0) { $0 + measure.cost($1.text) }
    }

    /// The text without leading and trailing whitespace.
    var trimmed: ChatText {
        guard let first = atoms.firstIndex(where: { $0.kind == .word }),
              let last = atoms.lastIndex(where: { $0.kind == .word }) else { return ChatText() }
        var result = ChatText()
        result.atoms = Array(atoms[first...last])
        return result
    }

    /// Pieces of at most `limit` each, broken at a blank line, else a line end, else a space,
    /// else between characters; whitespace at the cuts is dropped.
    func split(limit: Int, measure: ChatMeasure) -> [ChatText] {
        let costs = atoms.map { measure.cost($0.text) }
        var pieces: [ChatText] = []
        var start = 0
        while start < atoms.count {
            while start < atoms.count, atoms[start].kind != .word { start += 1 }
            guard start < atoms.count else { break }
            var end = start
            var total = 0
            while end < atoms.count, total + costs[end] <= limit {
                total += costs[end]
                end += 1
            }
            if end == start { end = start + 1 }
            if end < atoms.count { end = breakPoint(from: start, upTo: end) }
            var piece = ChatText()
            piece.atoms = Array(atoms[start..<end])
            piece = piece.trimmed
            if !piece.atoms.isEmpty { pieces.append(piece) }
            start = end
        }
        return pieces
    }

    /// The best cut in `start+1...end`: a blank line or line end in the later half, else the last space.
    private func breakPoint(from start: Int, upTo end: Int) -> Int {
        let half = start + max(1, (end - start) / 2)
        if let cut = stride(from: end, through: max(half, start + 2), by: -1).first(where: {
            atoms[$0 - 1].kind == .newline && atoms[$0 - 2].kind == .newline
        }) { return cut }
        if let cut = stride(from: end, through: max(half, start + 1), by: -1).first(where: { atoms[$0 - 1].kind == .newline }) {
            return cut
        }
        if let cut = stride(from: end, through: start + 1, by: -1).first(where: { atoms[$0 - 1].kind == .space }) {
            return cut
        }
        return end
    }

    /// The text cut to at most `limit`, ending with `marker` when anything was cut.
    ///
    /// The cut prefers a space in the last third of the kept text.
    func truncated(limit: Int, measure: ChatMeasure, marker: String) -> ChatText {
        guard cost(measure) > limit else { return self }
        let budget = max(0, limit - measure.cost(marker))
        var end = 0
        var total = 0
        while end < atoms.count, total + measure.cost(atoms[end].text) <= budget {
            total += measure.cost(atoms[end].text)
            end += 1
        }
        if end < atoms.count, let space = (0..<end).last(where: { atoms[$0].kind != .word }), space >= end * 2 / 3 {
            end = space
        }
        var kept = ChatText()
        kept.atoms = Array(atoms[0..<end])
        return kept.trimmed + .token(marker)
    }
}
