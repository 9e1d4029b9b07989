/// One escaped character of a ``ChatText``, or one unbreakable token made by a formatter.
struct ChatAtom: Equatable, Sendable {
    /// Where a text may be broken after this atom.
    enum Kind: Equatable, Sendable {
        case word, space, newline

        init(_ character: Character) {
            self = character == "\n" ? .newline : (character.isWhitespace ? .space : .word)
        }
    }

    var text: String
    var kind: Kind
}
