import AcademyCore

/// A piece of course content the bot can quote: a lesson section (split at its headings) or the
/// explanation of a quiz item, with where it comes from and who may read it.
public struct AnswerPassage: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable {
        case section, explanation
    }

    public var kind: Kind
    public var courseID: String
    public var courseTitle: String
    public var lessonID: String
    /// 1-based position of the lesson in its course, as `pmo learn COURSE --lesson N` takes it.
    public var lessonNumber: Int
    public var lessonTitle: String
    /// The section heading, or the item's question for an explanation.
    public var heading: String
    /// Plain text: Markdown markup removed, paragraphs separated by blank lines.
    public var text: String
    public var classification: Classification

    public init(kind: Kind, courseID: String, courseTitle: String, lessonID: String, lessonNumber: Int, lessonTitle: String,
                heading: String, text: String, classification: Classification) {
        self.kind = kind
        self.courseID = courseID
        self.courseTitle = courseTitle
        self.lessonID = lessonID
        self.lessonNumber = lessonNumber
        self.lessonTitle = lessonTitle
        self.heading = heading
        self.text = text
        self.classification = classification
    }

    /// The command that opens the lesson in the terminal.
    public var command: String { "pmo learn \(courseID) --lesson \(lessonNumber)" }
}
