/// The escaping each platform needs for text that came from people or content.
///
/// | platform | rule |
/// | --- | --- |
/// | Slack | `&` `<` `>` → `&amp;` `&lt;` `&gt;`, nothing else (no `<!channel>`, `<@U…>`, `<url|x>`) |
/// | Mattermost | as Slack (its Slack layer turns `<!channel>` and `<url|x>` into markup), plus a zero-width space after a mention-starting `@` and between `]` and `(` |
/// | Teams | a zero-width space after `<` (no `<at>` mention) and between `]` and `(` (no Markdown link) |
/// | Discord | a backslash before Markdown and mention characters, a zero-width space in `@everyone`/`@here` |
/// | Google Chat | a zero-width space after `<` (no `<users/all>`, `<users/…>`, `<url|x>`) |
enum ChatEscaper: Sendable {
    case slack, mattermost, teams, discord, googleChat, plain

    static let zeroWidthSpace = "\u{200B}"
    private static let discordEscaped: Set<Character> = ["\\", "*", "_", "~", "`", "|", "[", "]", "<", ">", "#"]

    /// The escaped text.
    func escape(_ raw: String) -> String {
        atoms(raw).map(\.text).joined()
    }

    /// One atom per visible character of the cleaned text, each holding its escaped form.
    func atoms(_ raw: String) -> [ChatAtom] {
        let characters = Array(Self.clean(raw))
        var atoms: [ChatAtom] = []
        atoms.reserveCapacity(characters.count)
        for index in characters.indices {
            let character = characters[index]
            atoms.append(ChatAtom(text: escaped(character, at: index, in: characters), kind: .init(character)))
        }
        return atoms
    }

    private func escaped(_ character: Character, at index: Int, in characters: [Character]) -> String {
        let next = index + 1 < characters.count ? characters[index + 1] : nil
        switch self {
        case .plain:
            return String(character)
        case .slack:
            return Self.entity(character)
        case .mattermost:
            if character == "@", Self.startsMention(at: index, in: characters) { return "@" + Self.zeroWidthSpace }
            if character == "]", next == "(" { return "]" + Self.zeroWidthSpace }
            return Self.entity(character)
        case .teams:
            if character == "<" { return "<" + Self.zeroWidthSpace }
            if character == "]", next == "(" { return "]" + Self.zeroWidthSpace }
            return String(character)
        case .googleChat:
            return character == "<" ? "<" + Self.zeroWidthSpace : String(character)
        case .discord:
            if character == "@",
               Self.followed(by: "everyone", at: index, in: characters) || Self.followed(by: "here", at: index, in: characters) {
                return "@" + Self.zeroWidthSpace
            }
            return Self.discordEscaped.contains(character) ? "\\" + String(character) : String(character)
        }
    }

    private static func entity(_ character: Character) -> String {
        switch character {
        case "&": "&amp;"
        case "<": "&lt;"
        case ">": "&gt;"
        default: String(character)
        }
    }

    /// Line endings normalised to `\n`; other control characters and bidirectional overrides removed.
    static func clean(_ raw: String) -> String {
        // Printable ASCII alone needs no change (the common case): no copy.
        if raw.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return raw }
        var result = String.UnicodeScalarView()
        var previousWasCR = false
        for scalar in raw.unicodeScalars {
            defer { previousWasCR = scalar == "\r" }
            switch scalar.value {
            case 0x0D: result.append("\n")
            case 0x0A: if !previousWasCR { result.append(scalar) }
            case 0x09: result.append(" ")
            case 0x00..<0x20, 0x7F, 0x80..<0xA0, 0x202A...0x202E, 0x2066...0x2069: continue
            default: result.append(scalar)
            }
        }
        return String(result)
    }

    private static func startsWord(at index: Int, in characters: [Character]) -> Bool {
        guard index > 0 else { return true }
        let previous = characters[index - 1]
        return !(previous.isLetter || previous.isNumber || previous == "_" || previous == "." || previous == "-")
    }

    /// An `@` at the start of a word followed by a name character: Mattermost makes it a mention.
    private static func startsMention(at index: Int, in characters: [Character]) -> Bool {
        guard startsWord(at: index, in: characters), index + 1 < characters.count else { return false }
        let next = characters[index + 1]
        return next.isLetter || next.isNumber || next == "_"
    }

    private static func followed(by word: String, at index: Int, in characters: [Character]) -> Bool {
        for (offset, letter) in word.enumerated() {
            let position = index + 1 + offset
            guard position < characters.count, characters[position].lowercased() == String(letter) else { return false }
        }
        return true
    }
}
