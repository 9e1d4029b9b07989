import AcademyCore
import ArgumentParser
import Foundation
import TerminalUI

extension PMO {
    /// `pmo courses`: the catalogue as a table or JSON.
    struct Courses: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "courses", abstract: "List the courses of the catalogue.")

        @OptionGroup var options: GlobalOptions

        @Flag(name: .long, help: "Print JSON instead of a table.")
        var json = false

        struct Row: Codable {
            var id: String
            var title: String
            var summary: String
            var classification: String
            var lessons: Int
            var minutes: Int
            var items: Int
            var competencies: [String]
            var prerequisites: [String]
            var version: String
        }

        func run() async throws {
            let context = try CommandContext(options: options)
            let catalog = try context.loadCatalog()
            let rows = catalog.courses.map { course in
                Row(id: course.id, title: course.title, summary: course.summary, classification: course.classification.rawValue,
                    lessons: course.lessons.count, minutes: course.minutes, items: catalog.items(forCourse: course.id).count,
                    competencies: course.competencies, prerequisites: course.prerequisites, version: course.version)
            }
            if json {
                Output.print(try JSONOutput.encode(rows))
                return
            }
            var table = Table(headers: ["Course", "Lessons", "Minutes", "Items", "Class", "Title"],
                              alignments: [.left, .right, .right, .right, .left, .left])
            for row in rows {
                table.append([row.id, "\(row.lessons)", "\(row.minutes)", "\(row.items)", row.classification, row.title])
            }
            Output.print(table.render(style: context.style, width: context.terminalWidth))
            Output.print(context.style.dim("\(rows.count) courses, \(rows.map(\.lessons).reduce(0, +)) lessons. Start one with 'pmo learn COURSE'."))
        }
    }
}
