import AcademyCore
import AcademyStore
import ArgumentParser
import Foundation
import TerminalUI

extension PMO {
    /// `pmo assign`: give a course to a person or a unit, with a due date.
    struct Assign: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "assign",
            abstract: "Assign a course to a person or a unit (and the units below it), with a due date.",
            discussion: "Managers may assign within their units; administrators anywhere."
        )

        @OptionGroup var options: GlobalOptions

        @Argument(help: "The course (see 'pmo courses').")
        var course: String

        @Option(name: .long, help: "A unit code (see 'pmo units').")
        var unit: String?

        @Option(name: .customLong("person"), help: "A person's id.")
        var assignee: String?

        @Option(name: .long, help: "Due date, YYYY-MM-DD.")
        var due: String?

        func validate() throws {
            if (unit == nil) == (assignee == nil) { throw ValidationError("give exactly one of --unit U or --person P") }
            if let due, AssignmentDates.parse(due) == nil { throw ValidationError("--due must be a date such as 2026-12-31") }
        }

        func run() async throws {
            let context = try await LearnerContext.open(options: options)
            guard context.actor.access >= .manager else { throw PMOError.notAdmin(action: "assign courses (managers and administrators only)") }
            let found = try context.course(course)
            let people = try await context.store.people()
            let units = try await context.store.units()
            let scope = AccessScope(viewer: context.actor, people: people, units: units)
            var assignment = Assignment(courseID: found.id, dueDate: due.flatMap(AssignmentDates.parse), assignedBy: context.actor.login,
                                        createdAt: context.now())
            var target: String
            if let unit {
                guard let match = units.first(where: { $0.code == unit }) else {
                    throw PMOError.unknown(kind: "unit", id: unit, suggestions: Identifier.suggestions(for: unit, in: units.map(\.code)))
                }
                guard scope.canSee(unit: match) else { throw PMOError.outOfScope("unit '\(unit)'") }
                assignment.unitID = match.id
                target = "unit \(match.name)"
            } else {
                let login = assignee ?? ""
                guard let match = people.first(where: { $0.login == login }) else {
                    throw PMOError.unknown(kind: "person", id: login, suggestions: Identifier.suggestions(for: login, in: people.map(\.login)))
                }
                guard scope.canSee(person: match) else { throw PMOError.outOfScope("person '\(login)'") }
                assignment.personID = match.id
                target = match.name
            }
            _ = try await context.store.assign(assignment)
            try await context.store.audit(AuditEntry(at: context.now(), actor: context.actor.login, action: "assign",
                                                     detail: "\(found.id) → \(target)"))
            Output.print("Assigned “\(found.title)” to \(target)" + (assignment.dueDate.map { ", due \(AssignmentDates.format($0))" } ?? "") + ".")
        }
    }

    /// `pmo assignments`: assigned courses and how far each person is.
    struct Assignments: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "assignments", abstract: "List assignments with each person's completion: on time, late, overdue.")

        @OptionGroup var options: GlobalOptions

        @Flag(name: .long, help: "Print JSON.")
        var json = false

        func run() async throws {
            let context = try await LearnerContext.open(options: options)
            let statuses = try await AssignmentsOverview.statuses(context: context)
            if json { Output.print(try JSONOutput.encode(statuses)); return }
            if statuses.isEmpty { Output.print(context.style.dim("No assignments you can see.")); return }
            var table = Table(headers: ["Person", "Course", "Due", "Lessons", "Status"], alignments: [.left, .left, .left, .right, .left])
            for s in statuses {
                let state: String
                switch s.state {
                case .overdue: state = context.style.red(s.state.rawValue)
                case .late: state = context.style.yellow(s.state.rawValue)
                case .onTime: state = context.style.green(s.state.rawValue)
                default: state = s.state.rawValue
                }
                table.append([s.person, s.course, s.due.map(AssignmentDates.format) ?? "–", "\(s.lessonsDone)/\(s.lessons)", state])
            }
            Output.print(table.render(style: context.style, width: context.command.terminalWidth))
        }
    }
}

/// Every visible (person, assigned course) pair with its completion status.
enum AssignmentsOverview {
    static func statuses(context: LearnerContext) async throws -> [AssignmentStatus] {
        let store = context.store
        let people = try await store.people().filter(\.active)
        let units = try await store.units()
        let scope = AccessScope(viewer: context.actor, people: people, units: units)
        let pairs = AssignmentStatus.all(assignments: try await store.allAssignments(), people: people, units: units,
                                         facts: try await store.completionFacts(courses: Set(context.catalog.courses.map(\.id))),
                                         catalog: context.catalog, now: context.now())
        let statuses = pairs.filter { scope.canSee(person: $0.person) }.map(\.status)
        return statuses
    }
}

/// Due dates as people type them.
enum AssignmentDates {
    static func parse(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        // End of the due day.
        return formatter.date(from: text).map { $0.addingTimeInterval(86_399) }
    }

    static func format(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: date)
    }
}
