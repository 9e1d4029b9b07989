import AcademyCore
import AcademyStore
import Foundation

/// The bot's answers about the person asking: what is due, their progress, their reviews, and help.
public enum PersonalQuestion: String, Sendable, CaseIterable {
    case due, progress, review, help

    /// The personal question `text` asks ("due", "my progress", "reviews?"), or nil for a content question.
    public init?(text: String) {
        let words = text.lowercased().split(whereSeparator: { !$0.isLetter }).map(String.init)
            .filter { !["my", "me", "show", "what", "s", "is", "whats", "please"].contains($0) }
        guard words.count == 1 else {
            if words.isEmpty, text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { self = .help; return }
            return nil
        }
        switch words[0] {
        case "due", "assignments", "assignment", "deadlines", "todo": self = .due
        case "progress", "status", "stats": self = .progress
        case "review", "reviews", "cards": self = .review
        case "help", "commands", "usage": self = .help
        default: return nil
        }
    }
}

/// Builds the replies to personal questions from the asker's dashboard snapshot.
public struct PersonalReply: Sendable {
    public var catalog: Catalog
    public var now: Date
    public var calendar: Calendar

    public init(catalog: Catalog, now: Date, calendar: Calendar = Calendar(identifier: .gregorian)) {
        self.catalog = catalog
        self.now = now
        self.calendar = calendar
    }

    public func message(_ question: PersonalQuestion, snapshot: DashboardSnapshot, command: String) -> ChatMessage {
        switch question {
        case .due: due(snapshot)
        case .progress: progress(snapshot)
        case .review: review(snapshot)
        case .help: Self.help(command: command)
        }
    }

    func due(_ snapshot: DashboardSnapshot) -> ChatMessage {
        let open = snapshot.assignments.filter { assignment in
            guard let course = catalog.courseByID[assignment.courseID] else { return false }
            return !course.lessons.allSatisfy { snapshot.completedLessons.contains($0.id) }
        }.sorted { ($0.dueDate ?? .distantFuture) < ($1.dueDate ?? .distantFuture) }
        guard !open.isEmpty else {
            return ChatMessage(kind: .assignmentsDue, title: "Nothing due",
                               paragraphs: ["You have no open assignments. Browse the courses with: pmo courses"])
        }
        let lines = open.prefix(10).map { assignment -> String in
            let course = catalog.courseByID[assignment.courseID]
            let title = course?.title ?? assignment.courseID
            let done = course.map { $0.lessons.filter { snapshot.completedLessons.contains($0.id) }.count } ?? 0
            let total = course?.lessons.count ?? 0
            return "• \(title): \(done)/\(total) lessons, \(dueText(assignment.dueDate)) — pmo learn \(assignment.courseID)"
        }
        let overdue = open.filter { ($0.dueDate ?? .distantFuture) < now }.count
        let title = overdue > 0 ? "\(open.count) open assignment\(open.count == 1 ? "" : "s"), \(overdue) overdue"
                                : "\(open.count) open assignment\(open.count == 1 ? "" : "s")"
        return ChatMessage(kind: .assignmentsDue, title: title, paragraphs: [lines.joined(separator: "\n")])
    }

    func dueText(_ date: Date?) -> String {
        guard let date else { return "no due date" }
        let days = calendar.dateComponents([.day], from: calendar.startOfDay(for: now), to: calendar.startOfDay(for: date)).day ?? 0
        let day = date.formatted(Date.FormatStyle(locale: Locale(identifier: "en_GB"), calendar: calendar, timeZone: calendar.timeZone)
            .weekday(.abbreviated).day().month(.abbreviated))
        switch days {
        case ..<(-1): return "overdue since \(day) (\(-days) days)"
        case -1: return "overdue since yesterday"
        case 0: return "due today"
        case 1: return "due tomorrow"
        default: return "due \(day) (in \(days) days)"
        }
    }

    func progress(_ snapshot: DashboardSnapshot) -> ChatMessage {
        var lines: [String] = []
        for course in catalog.courses where course.classification <= snapshot.person.clearance {
            let done = course.lessons.filter { snapshot.completedLessons.contains($0.id) }.count
            guard done > 0 else { continue }
            lines.append("• \(course.title): \(done)/\(course.lessons.count) lessons" + (done == course.lessons.count ? " ✓" : ""))
        }
        var paragraphs: [String] = []
        paragraphs.append(lines.isEmpty ? "You have not completed a lesson yet. Start with: pmo learn" : lines.joined(separator: "\n"))
        if let last = snapshot.recentAttempts.first, last.answered > 0 {
            paragraphs.append("Last quiz: \(last.correct)/\(last.answered) correct.")
        }
        if snapshot.reviewsDue > 0 {
            paragraphs.append("\(snapshot.reviewsDue) review card\(snapshot.reviewsDue == 1 ? " is" : "s are") due: pmo review")
        }
        return ChatMessage(kind: .notice, title: "Your progress, \(snapshot.person.name)", paragraphs: paragraphs)
    }

    func review(_ snapshot: DashboardSnapshot) -> ChatMessage {
        let count = snapshot.reviewsDue
        guard count > 0 else {
            return ChatMessage(kind: .reviewsDue, title: "No reviews due",
                               paragraphs: ["Nothing to review now. Cards come back when you are about to forget them."])
        }
        let minutes = max(1, (count * 20 + 59) / 60)
        return ChatMessage(kind: .reviewsDue, title: "\(count) review card\(count == 1 ? "" : "s") due",
                           paragraphs: ["About \(minutes) minute\(minutes == 1 ? "" : "s"). Run in your terminal: pmo review"])
    }

    public static func help(command: String) -> ChatMessage {
        ChatMessage(kind: .notice, title: "What I can do", paragraphs: [
            [
                "• \(command) QUESTION — an answer from our courses, e.g. \(command) how do I write a risk statement",
                "• \(command) due — your open assignments and their due dates",
                "• \(command) progress — the lessons you have completed",
                "• \(command) review — review cards due for you",
                "• \(command) help — this list",
            ].joined(separator: "\n"),
            "Answers about you are shown to you alone.",
        ])
    }

    /// The reply to someone the roster does not know.
    public static func unknownUser(platform: String) -> ChatMessage {
        ChatMessage(kind: .notice, title: "I don't know you yet", paragraphs: [
            "I could not find your \(platform) account in the roster, so I cannot show what is due for you.",
            "Ask your PMO to add your \(platform) handle to the roster (the \(platform) column of the roster CSV, "
                + "then 'pmo people import'). Questions about our courses work already.",
        ])
    }
}
