@testable import AcademyCore
import Testing

@Suite("Configuration")
struct ConfigurationTests {
    @Test("files, then environment, then command-line options, each overriding the one before")
    func precedence() {
        let files = [
            Configuration.Source(path: "/home/u/.config/pmo/config.yaml", text: "database: academy.sqlite\ncolor: always\ncontent: /srv/content\n"),
            Configuration.Source(path: "/work/pmo.yaml", text: "content: ./content\n"),
        ]
        let (config, diagnostics) = Configuration.resolve(files: files, environment: ["PMO_COLOR": "never"], overrides: [:])
        #expect(diagnostics.isEmpty)
        #expect(config.database == "/home/u/.config/pmo/academy.sqlite")
        #expect(config.content == "/work/content")
        #expect(config.color == .never)
        #expect(config.origins["color"] == "PMO_COLOR")
        #expect(config.origins["content"] == "/work/pmo.yaml:1:10")

        let (withCLI, _) = Configuration.resolve(files: files, environment: ["PMO_DATABASE": "/tmp/env.sqlite"],
                                                 overrides: ["database": "/tmp/cli.sqlite"])
        #expect(withCLI.database == "/tmp/cli.sqlite")
        #expect(withCLI.origins["database"] == "--database")
    }

    @Test("unknown keys and bad values are reported with their location")
    func errors() {
        let (_, diagnostics) = Configuration.resolve(files: [.init(path: "pmo.yaml", text: "databse: x\ncolor: sometimes\n")],
                                                     environment: [:], overrides: [:])
        #expect(diagnostics.map(\.description) == [
            "pmo.yaml:1:1: error: unknown key 'databse' in the configuration (did you mean 'database'?)",
            "pmo.yaml:2:8: error: color must be auto, always or never, found 'sometimes'",
        ])
    }

    @Test("XDG_CONFIG_HOME is read before the current directory's pmo.yaml")
    func candidatePaths() {
        #expect(Configuration.candidatePaths(currentDirectory: "/w", environment: ["XDG_CONFIG_HOME": "/x", "HOME": "/h"])
            == ["/x/pmo/config.yaml", "/w/pmo.yaml"])
        #expect(Configuration.candidatePaths(currentDirectory: "/w", environment: ["HOME": "/h"])
            == ["/h/.config/pmo/config.yaml", "/w/pmo.yaml"])
    }
}
