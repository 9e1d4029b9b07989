import ArgumentParser

/// Options every command shares.
public struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Content directory holding Courses/ and Assessments/.", valueName: "dir"))
    public var content: String?

    @Option(name: .long, help: ArgumentHelp("SQLite database file.", valueName: "file"))
    public var database: String?

    @Flag(name: .long, help: "Do not use colour (NO_COLOR is honoured too).")
    public var noColor = false

    public init() {}

    /// The options given on the command line, as configuration overrides.
    var overrides: [String: String] {
        var values: [String: String] = [:]
        if let content { values["content"] = content }
        if let database { values["database"] = database }
        if noColor { values["color"] = "never" }
        return values
    }
}
