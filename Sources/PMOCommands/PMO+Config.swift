import AcademyCore
import ArgumentParser

extension PMO {
    /// `pmo config`: the settings in force and where each came from.
    struct Config: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "config", abstract: "Show the settings in force and where each came from.")

        @OptionGroup var options: GlobalOptions

        func run() async throws {
            let context = try CommandContext(options: options)
            let config = context.configuration
            let content = (try? context.contentDirectory().path) ?? "(none found)"
            let values: [(String, String)] = [
                ("content", content),
                ("database", config.database ?? "(default)"),
                ("color", config.color.rawValue),
                ("user", config.user ?? "(login name)"),
            ]
            for (key, value) in values {
                let origin = config.origins[key].map { "  (\($0))" } ?? ""
                Output.print("\(key): \(value)\(context.style.dim(origin))")
            }
        }
    }
}
