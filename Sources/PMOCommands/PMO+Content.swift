import AcademyCore
import ArgumentParser
import Foundation

extension PMO {
    /// `pmo content …`: work on the course and assessment files.
    struct Content: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "content",
            abstract: "Check the course and assessment content.",
            subcommands: [Validate.self]
        )
    }
}

extension PMO.Content {
    /// `pmo content validate`: every problem in the content, like a compiler lists them.
    struct Validate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List every problem in the content as path:line:column diagnostics.",
            discussion: "Exits with status 1 when there is any error; warnings alone exit 0."
        )

        @OptionGroup var options: GlobalOptions

        func run() async throws {
            let context = try CommandContext(options: options)
            let directory = try context.contentDirectory()
            let result = try CatalogLoader.load(directory: directory)
            let style = context.style
            for diagnostic in result.diagnostics {
                let label = diagnostic.severity == .error ? style.red(style.bold("error")) : style.yellow(style.bold("warning"))
                Output.print("\(style.bold(diagnostic.location.description)): \(label): \(diagnostic.message)")
            }
            let catalog = result.catalog
            let summary = "\(catalog.competencies.count) competencies, \(catalog.roles.count) roles, \(catalog.courses.count) courses, "
                + "\(catalog.lessons.count) lessons, \(catalog.items.count) items, \(catalog.maturityModels.count) maturity models: "
                + "\(result.errors.count) error\(result.errors.count == 1 ? "" : "s"), \(result.warnings.count) warning\(result.warnings.count == 1 ? "" : "s")"
            Output.print(result.hasErrors ? style.red(summary) : style.green(summary))
            if result.hasErrors { throw ExitCode(1) }
        }
    }
}
