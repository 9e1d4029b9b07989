import Foundation

/// Settings merged from config files, `PMO_*` environment variables and command-line options.
///
/// Precedence, lowest first: `$XDG_CONFIG_HOME/pmo/config.yaml`, then `pmo.yaml` in the current
/// directory, then `PMO_*` variables, then command-line options. Pure: the caller reads the files
/// and passes their text, so tests need no real home directory.
public struct Configuration: Sendable, Equatable {
    /// Whether to use colour.
    public enum ColorMode: String, Sendable, CaseIterable {
        case auto, always, never
    }

    /// The keys a config file may hold, each with its environment variable.
    public static let keys: [(key: String, variable: String, help: String)] = [
        ("content", "PMO_CONTENT", "content directory holding Courses/ and Assessments/"),
        ("database", "PMO_DATABASE", "SQLite database file"),
        ("color", "PMO_COLOR", "auto, always or never"),
        ("user", "PMO_USER", "the person to act as, when the OS login name is not theirs"),
    ]

    public var content: String?
    public var database: String?
    public var color: ColorMode = .auto
    public var user: String?
    /// Where each value came from ("pmo.yaml:3", "PMO_DATABASE", "--database"), for `pmo config`.
    public var origins: [String: String] = [:]

    public init() {}

    /// One config file's text and the path it was read from (paths inside are relative to its folder).
    public struct Source: Sendable {
        public var path: String
        public var text: String

        public init(path: String, text: String) {
            self.path = path
            self.text = text
        }
    }

    /// Merges `files` (lowest precedence first), then `environment`, then `overrides`.
    public static func resolve(files: [Source], environment: [String: String],
                               overrides: [String: String]) -> (Configuration, [Diagnostic]) {
        var config = Configuration()
        let diagnostics = DiagnosticCollector()
        for file in files {
            let reader = YAMLReader(file: file.path, diagnostics: diagnostics)
            guard !file.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty,
                  let root = reader.parse(file.text),
                  let fields = reader.fields(root, of: "the configuration", allowed: keys.map(\.key), required: []) else { continue }
            let folder = (file.path as NSString).deletingLastPathComponent
            for (key, _, _) in keys {
                guard let node = fields[key], let value = reader.string(node, key) else { continue }
                let resolved = (key == "content" || key == "database") ? absolute(value, relativeTo: folder) : value
                config.set(key, resolved, origin: "\(reader.location(node))", diagnostics: diagnostics, at: reader.location(node))
            }
        }
        for (key, variable, _) in keys {
            if let value = environment[variable], !value.isEmpty {
                config.set(key, value, origin: variable, diagnostics: diagnostics, at: SourceLocation(file: variable))
            }
        }
        for (key, value) in overrides.sorted(by: { $0.key < $1.key }) {
            config.set(key, value, origin: "--\(key)", diagnostics: diagnostics, at: SourceLocation(file: "--\(key)"))
        }
        return (config, diagnostics.sorted)
    }

    mutating func set(_ key: String, _ value: String, origin: String, diagnostics: DiagnosticCollector, at location: SourceLocation) {
        switch key {
        case "content": content = value
        case "database": database = value
        case "user": user = value
        case "color":
            guard let mode = ColorMode(rawValue: value.lowercased()) else {
                diagnostics.error(location, "color must be auto, always or never, found '\(value)'")
                return
            }
            color = mode
        default: return
        }
        origins[key] = origin
    }

    static func absolute(_ path: String, relativeTo folder: String) -> String {
        if path.hasPrefix("/") || path.hasPrefix("~") || folder.isEmpty { return path }
        return URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: folder, isDirectory: true)).standardizedFileURL.path
    }

    /// The config files to read, lowest precedence first.
    public static func candidatePaths(currentDirectory: String, environment: [String: String]) -> [String] {
        var paths: [String] = []
        if let xdg = environment["XDG_CONFIG_HOME"], !xdg.isEmpty {
            paths.append("\(xdg)/pmo/config.yaml")
        } else if let home = environment["HOME"], !home.isEmpty {
            paths.append("\(home)/.config/pmo/config.yaml")
        }
        paths.append("\(currentDirectory)/pmo.yaml")
        return paths
    }
}
