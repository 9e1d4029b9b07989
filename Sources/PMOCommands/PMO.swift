import ArgumentParser

/// The `pmo` command: PMO Academy in the terminal.
@available(macOS 10.15, macCatalyst 13, iOS 13, tvOS 13, watchOS 6, *)
public struct PMO: AsyncParsableCommand {
    public static let version = "0.1.0"

    public static let configuration = CommandConfiguration(
        commandName: "pmo",
        abstract: "PMO Academy: courses, quizzes, skill assessments and maturity reports for a project management office.",
        discussion: """
        Content (courses, item banks, competency framework) is read from --content DIR, else \
        $PMO_CONTENT, else the current directory when it holds Courses/ and Assessments/. \
        Settings come from pmo.yaml and $XDG_CONFIG_HOME/pmo/config.yaml (see docs/configuration.md).
        """,
        version: PMO.version,
        subcommands: [Dashboard.self, Learn.self, Quiz.self, Review.self, Assess.self, Progress.self, Courses.self,
                      Report.self, Assign.self, Assignments.self, People.self, Units.self, Demo.self, Items.self, Measure.self, Content.self, Audit.self, Config.self, Bot.self],
        defaultSubcommand: Dashboard.self
    )

    public init() {}

    /// Parses the process arguments and runs the chosen command, exiting as the command asks.
    public static func runMain(_ arguments: [String]? = nil) async {
        do {
            var command = try parseAsRoot(arguments)
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}
