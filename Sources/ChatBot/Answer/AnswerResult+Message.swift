import Foundation

extension AnswerResult {
    /// The answer as a chat message: the best passage (cut at a sentence near `passageLimit` characters),
    /// where it comes from and the command that opens it, and the other lessons that came close.
    public func message(passageLimit: Int = 900) -> ChatMessage {
        guard let best else {
            var paragraphs = ["I don't know: nothing in our courses answers “\(Self.clip(question, 200))” well enough."]
            if !suggestions.isEmpty {
                paragraphs.append("Try asking about: " + suggestions.joined(separator: "; ") + ".")
            }
            paragraphs.append("Type “help” to see what else I can do.")
            return ChatMessage(kind: .answer, title: "I don't know that one", paragraphs: paragraphs)
        }
        let passage = best.passage
        let heading = passage.heading == passage.lessonTitle || passage.kind == .explanation
            ? passage.lessonTitle : "\(passage.lessonTitle) › \(passage.heading)"
        var paragraphs: [String] = []
        if passage.kind == .explanation { paragraphs.append("Q: " + Self.clip(passage.heading, 300)) }
        paragraphs.append(Self.clip(passage.text, passageLimit))
        paragraphs.append("From “\(passage.courseTitle)”, lesson \(passage.lessonNumber). Read it all: \(passage.command)")
        let others = matches.dropFirst()
        if !others.isEmpty {
            paragraphs.append("See also: " + others.map { "“\($0.passage.lessonTitle)” (\($0.passage.command))" }.joined(separator: "; "))
        }
        return ChatMessage(kind: .answer, title: heading, paragraphs: paragraphs)
    }

    /// `text` cut to at most `limit` characters, at the end of a paragraph or sentence when one is near, with "…".
    static func clip(_ text: String, _ limit: Int) -> String {
        guard text.count > limit else { return text }
        let head = String(text.prefix(limit))
        let floor = head.index(head.startIndex, offsetBy: limit / 2)
        if let paragraph = head.range(of: "\n\n", options: .backwards), paragraph.lowerBound > floor {
            return String(head[..<paragraph.lowerBound]) + "\n\n…"
        }
        for stop in [". ", "? ", "! "] {
            if let sentence = head.range(of: stop, options: .backwards), sentence.lowerBound > floor {
                return String(head[..<sentence.lowerBound]) + String(stop.prefix(1)) + " …"
            }
        }
        if let space = head.range(of: " ", options: .backwards), space.lowerBound > floor {
            return String(head[..<space.lowerBound]) + " …"
        }
        return head + "…"
    }
}
