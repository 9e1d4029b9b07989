extension ChatMessage {
    /// The kind of a message, as stored in the outbox: an open set of names.
    public struct Kind: RawRepresentable, Hashable, Sendable, Codable, ExpressibleByStringLiteral, CustomStringConvertible {
        public var rawValue: String

        public init(rawValue: String) { self.rawValue = rawValue }
        public init(stringLiteral value: String) { self.rawValue = value }

        public var description: String { rawValue }

        /// Review cards are due.
        public static let reviewsDue: Kind = "reviews-due"
        /// Assignments due within days, or overdue.
        public static let assignmentsDue: Kind = "assignments-due"
        /// No learning for a while.
        public static let inactivity: Kind = "inactivity"
        /// A unit's maturity assessment is due.
        public static let maturityDue: Kind = "maturity-due"
        /// The weekly team digest (aggregates only).
        public static let digest: Kind = "digest"
        /// An answer to a question asked in chat.
        public static let answer: Kind = "answer"
        /// `pmo bot channel test`.
        public static let test: Kind = "test"
        /// Anything else.
        public static let notice: Kind = "notice"
    }
}
