import AcademyCore
import Foundation
import TerminalUI

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a command needs from its surroundings: configuration, output style, the content.
struct CommandContext {
    let configuration: Configuration
    let environment: [String: String]
    let currentDirectory: String
    let style: Style

    init(options: GlobalOptions, environment: [String: String] = ProcessInfo.processInfo.environment,
         currentDirectory: String = FileManager.default.currentDirectoryPath) throws {
        self.environment = environment
        self.currentDirectory = currentDirectory
        let sources = Configuration.candidatePaths(currentDirectory: currentDirectory, environment: environment)
            .compactMap { path -> Configuration.Source? in
                guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
                return .init(path: path, text: text)
            }
        let (configuration, diagnostics) = Configuration.resolve(files: sources, environment: environment, overrides: options.overrides)
        for diagnostic in diagnostics { Output.error(diagnostic.description) }
        if diagnostics.contains(where: { $0.severity == .error }) {
            throw PMOError.invalidConfiguration
        }
        self.configuration = configuration
        let colorOn: Bool
        switch configuration.color {
        case .always: colorOn = !options.noColor
        case .never: colorOn = false
        case .auto: colorOn = Style.shouldColor(noColorFlag: options.noColor, environment: environment, isTerminal: isatty(STDOUT_FILENO) == 1)
        }
        style = Style(enabled: colorOn)
    }

    /// The content root: --content, else PMO_CONTENT / config, else the current directory when it
    /// holds the content, else the content shipped beside this program's sources.
    func contentDirectory() throws -> URL {
        if let configured = configuration.content {
            return URL(fileURLWithPath: expandTilde(configured), relativeTo: URL(fileURLWithPath: currentDirectory)).standardizedFileURL
        }
        let fm = FileManager.default
        func holdsContent(_ path: String) -> Bool {
            fm.fileExists(atPath: path + "/Courses") && fm.fileExists(atPath: path + "/Assessments")
        }
        if holdsContent(currentDirectory) { return URL(fileURLWithPath: currentDirectory) }
        let shipped = CommandContext.shippedContentDirectory
        if holdsContent(shipped) { return URL(fileURLWithPath: shipped) }
        throw PMOError.noContent(currentDirectory)
    }

    /// The repository root this binary was built from: the content that ships with it.
    static let shippedContentDirectory: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    func expandTilde(_ path: String) -> String {
        guard path.hasPrefix("~/"), let home = environment["HOME"] else { return path }
        return home + path.dropFirst()
    }

    /// Loads the catalogue; prints diagnostics and fails when the content has errors.
    func loadCatalog() throws -> Catalog {
        let directory = try contentDirectory()
        let result = try CatalogLoader.load(directory: directory)
        if result.hasErrors {
            for diagnostic in result.errors.prefix(20) { Output.error(diagnostic.description) }
            throw PMOError.invalidContent(errors: result.errors.count, directory: directory.path)
        }
        return result.catalog
    }

    var terminalWidth: Int { Terminal.width() }
}

/// Writing to standard output and standard error.
enum Output {
    static func print(_ text: String) {
        Swift.print(text)
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}
