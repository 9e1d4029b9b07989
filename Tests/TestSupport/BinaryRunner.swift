import Foundation

/// Runs the built `pmo` binary as a child process, the way a person or a script would.
public enum BinaryRunner {
    public struct Result: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// The repository root (this file is Tests/TestSupport/BinaryRunner.swift).
    public static let repositoryRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url
    }()

    /// `$PMO_BINARY`, else the debug build beside the tests.
    public static var binary: URL {
        if let path = ProcessInfo.processInfo.environment["PMO_BINARY"] { return URL(fileURLWithPath: path) }
        return repositoryRoot.appendingPathComponent(".build/debug/pmo")
    }

    /// Runs `pmo arguments…` with `stdin` as standard input; the environment is cleaned of
    /// settings that would leak in from the developer's shell.
    public static func run(_ arguments: [String], stdin: String = "", environment: [String: String] = [:],
                           currentDirectory: URL? = nil) throws -> Result {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.environment = childEnvironment(environment)
        process.currentDirectoryURL = currentDirectory ?? FileManager.default.temporaryDirectory
        let input = Pipe(), output = Pipe(), error = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = error
        try process.run()
        input.fileHandleForWriting.write(Data(stdin.utf8))
        try? input.fileHandleForWriting.close()
        // Read both pipes concurrently so a full pipe never blocks the child.
        nonisolated(unsafe) var errData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errData = error.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }

    /// This process's environment without the settings that would leak in from the developer's shell
    /// (`PMO_*`, `NO_COLOR`, their config files), then `environment` on top.
    public static func childEnvironment(_ environment: [String: String]) -> [String: String] {
        var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("PMO_") && $0.key != "NO_COLOR" }
        env["XDG_CONFIG_HOME"] = FileManager.default.temporaryDirectory.appendingPathComponent("pmo-test-no-config").path
        for (key, value) in environment { env[key] = value }
        return env
    }

    /// A fresh temporary directory.
    public static func temporaryDirectory(_ name: String = "pmo") throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
