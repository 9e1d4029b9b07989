/// An answer as JSON (`pmo bot ask --json`, `POST /api/ask`); the schema is in docs/bot.md.
public struct AnswerReport: Sendable, Codable, Equatable {
    public struct Lesson: Sendable, Codable, Equatable {
        public var course: String
        public var courseTitle: String
        public var lesson: String
        public var lessonNumber: Int
        public var lessonTitle: String
        public var heading: String
        public var kind: String
        public var passage: String
        public var command: String
        public var score: Double
    }

    public var question: String
    public var answered: Bool
    /// The share of the question's weight the best passage contains, 0…1, rounded to 3 places.
    public var coverage: Double
    public var answer: Lesson?
    public var related: [Lesson]
    public var suggestions: [String]

    public init(_ result: AnswerResult, passageLimit: Int = 900) {
        question = result.question
        answered = result.best != nil
        coverage = (result.coverage * 1000).rounded() / 1000
        func lesson(_ match: AnswerMatch) -> Lesson {
            let p = match.passage
            return Lesson(course: p.courseID, courseTitle: p.courseTitle, lesson: p.lessonID, lessonNumber: p.lessonNumber,
                          lessonTitle: p.lessonTitle, heading: p.heading, kind: p.kind.rawValue,
                          passage: AnswerResult.clip(p.text, passageLimit), command: p.command,
                          score: (match.score * 10_000).rounded() / 10_000)
        }
        answer = result.best.map(lesson)
        related = result.matches.dropFirst().map(lesson)
        suggestions = result.suggestions
    }
}
