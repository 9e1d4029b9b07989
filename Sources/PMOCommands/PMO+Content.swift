import AcademyCore
import ArgumentParser
import Foundation
import TerminalUI

extension PMO {
    /// `pmo content …`: work on the course and assessment files.
    struct Content: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "content",
            abstract: "Check the course and assessment content.",
            subcommands: [Validate.self, Lint.self, Stats.self]
        )
    }
}

extension PMO.Content {
    /// `pmo content validate`: every problem in the content, like a compiler lists them.
    struct Validate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "validate",
            abstract: "List every problem in the content as path:line:column diagnostics.",
            discussion: "Exits with status 1 when there is any error; warnings alone exit 0."
        )

        @OptionGroup var options: GlobalOptions

        @Flag(name: .long, help: "Also run the item-writing checks of 'pmo content lint' and fail on any warning.")
        var strict = false

        func run() async throws {
            let context = try CommandContext(options: options)
            let result = try CatalogLoader.load(directory: try context.contentDirectory())
            var diagnostics = result.diagnostics
            if strict, !result.hasErrors { diagnostics = (diagnostics + ContentLinter().lint(result.catalog)).sorted { $0 < $1 } }
            let failed = PMO.Content.report(diagnostics, catalog: result.catalog, style: context.style, warningsFail: strict)
            if failed { throw ExitCode(1) }
        }
    }
}

extension PMO.Content {
    /// Prints diagnostics like a compiler and a summary line; returns whether the run failed.
    static func report(_ diagnostics: [Diagnostic], catalog: Catalog, style: Style, warningsFail: Bool) -> Bool {
        for diagnostic in diagnostics {
            let label = diagnostic.severity == .error ? style.red(style.bold("error")) : style.yellow(style.bold("warning"))
            Output.print("\(style.bold(diagnostic.location.description)): \(label): \(diagnostic.message)")
        }
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.count - errors
        let summary = "\(catalog.competencies.count) competencies, \(catalog.roles.count) roles, \(catalog.courses.count) courses, "
            + "\(catalog.lessons.count) lessons, \(catalog.items.count) items, \(catalog.maturityModels.count) maturity models: "
            + "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
        let failed = errors > 0 || (warningsFail && warnings > 0)
        Output.print(failed ? style.red(summary) : style.green(summary))
        return failed
    }

    /// `pmo content lint`: item-writing quality checks.
    struct Lint: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "lint",
            abstract: "Check item-writing quality: key length and position, negative stems, duplicates, thin banks.",
            discussion: "Exits with status 1 when there is any finding. 'pmo content validate --strict' runs these checks too."
        )

        @OptionGroup var options: GlobalOptions

        func run() async throws {
            let context = try CommandContext(options: options)
            let result = try CatalogLoader.load(directory: try context.contentDirectory())
            let diagnostics = result.hasErrors ? result.diagnostics : ContentLinter().lint(result.catalog)
            if PMO.Content.report(diagnostics, catalog: result.catalog, style: context.style, warningsFail: true) {
                throw ExitCode(1)
            }
        }
    }

    /// `pmo content stats`: what the content covers.
    struct Stats: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "stats", abstract: "Count courses, lessons and items per competency, difficulty and type.")

        @OptionGroup var options: GlobalOptions

        @Flag(name: .long, help: "Print JSON instead of tables.")
        var json = false

        func run() async throws {
            let context = try CommandContext(options: options)
            let stats = CatalogStatistics(try context.loadCatalog())
            if json {
                Output.print(try JSONOutput.encode(stats))
                return
            }
            let style = context.style
            Output.print(style.bold("\(stats.courses) courses, \(stats.lessons) lessons (\(stats.lessonsWithChecks) with an end-of-lesson check), \(stats.items) items"))
            Output.print("")
            var table = Table(headers: ["Competency", "Items", "d1", "d2", "d3", "d4", "d5", "Courses"],
                              alignments: [.left, .right, .right, .right, .right, .right, .right, .left])
            for row in stats.competencies {
                table.append([row.id, "\(row.items)"] + row.byDifficulty.map(String.init) + [row.courses.joined(separator: ", ")])
            }
            Output.print(table.render(style: style, width: context.terminalWidth))
            Output.print("")
            var types = Table(headers: ["Type", "Items"], alignments: [.left, .right])
            for type in ItemType.allCases { types.append([type.rawValue, "\(stats.byType[type.rawValue] ?? 0)"]) }
            Output.print(types.render(style: style))
        }
    }
}
