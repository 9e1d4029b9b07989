import Foundation
import TestSupport
import Testing

@Suite("pmo content and catalogue commands, run as a binary")
struct ContentCommandsTests {
    let root = BinaryRunner.repositoryRoot.path

    @Test("--version prints the version and exits 0")
    func version() throws {
        let result = try BinaryRunner.run(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".").count == 3)
    }

    @Test("--help describes every command")
    func help() throws {
        let result = try BinaryRunner.run(["--help"])
        #expect(result.status == 0)
        for command in ["courses", "content", "config"] {
            #expect(result.stdout.contains(command), "help lacks \(command)")
        }
    }

    @Test("the shipped content validates with no errors and no warnings")
    func shippedContentIsClean() throws {
        let result = try BinaryRunner.run(["content", "validate", "--content", root, "--no-color"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains(": 0 errors, 0 warnings"), "\(result.stdout)")
    }

    @Test("broken content: every problem listed as path:line:column, exit 1, no crash")
    func brokenContent() throws {
        let dir = try BinaryRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let fm = FileManager.default
        try fm.createDirectory(at: dir.appendingPathComponent("Assessments/items"), withIntermediateDirectories: true)
        try fm.createDirectory(at: dir.appendingPathComponent("Courses/x"), withIntermediateDirectories: true)
        try fm.copyItem(at: URL(fileURLWithPath: root + "/Assessments/competencies.yaml"),
                        to: dir.appendingPathComponent("Assessments/competencies.yaml"))
        try "id: x\ntitle: X\nsumary: typo\n".write(to: dir.appendingPathComponent("Courses/x/course.yaml"), atomically: true, encoding: .utf8)
        try "items:\n  - id: q-1\n    type: single-choice\n    key: [A, B]\n".write(to: dir.appendingPathComponent("Assessments/items/q.yaml"), atomically: true, encoding: .utf8)
        let result = try BinaryRunner.run(["content", "validate", "--content", dir.path, "--no-color"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("Courses/x/course.yaml:3:1: error: unknown key 'sumary' in course.yaml (did you mean 'summary'?)"))
        #expect(result.stdout.contains("Assessments/items/q.yaml:2:5: error: an item is missing required key 'competency'"))
        #expect(result.stdout.contains("errors"))
        #expect(!result.stdout.contains("\u{1B}["), "--no-color output has no escape codes")
    }

    @Test("PMO_CONTENT names the content directory; a missing one is a clear error")
    func contentFromEnvironment() throws {
        let ok = try BinaryRunner.run(["courses"], environment: ["PMO_CONTENT": root])
        #expect(ok.status == 0)
        #expect(ok.stdout.contains("pmo"))
        let missing = try BinaryRunner.run(["courses"], environment: ["PMO_CONTENT": "/nonexistent/dir"])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("content directory '/nonexistent/dir' does not exist"))
    }

    @Test("courses --json lists every course with its lessons")
    func coursesJSON() throws {
        let result = try BinaryRunner.run(["courses", "--json", "--content", root])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]] ?? []
        let ids = rows.compactMap { $0["id"] as? String }
        #expect(ids.contains("pmo"))
        #expect(rows.allSatisfy { ($0["lessons"] as? Int ?? 0) >= 1 })
    }

    @Test("pmo.yaml in the current directory configures the content; the option overrides it")
    func configFile() throws {
        let dir = try BinaryRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try "content: \(root)\ncolor: never\n".write(to: dir.appendingPathComponent("pmo.yaml"), atomically: true, encoding: .utf8)
        let result = try BinaryRunner.run(["config"], currentDirectory: dir)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("content: \(root)  (\(dir.path)/pmo.yaml:1:10)") || result.stdout.contains("content: \(root)"))
        #expect(result.stdout.contains("color: never"))
        let bad = try BinaryRunner.run(["config"], environment: ["PMO_COLOR": "purple"], currentDirectory: dir)
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("color must be auto, always or never, found 'purple'"))
    }
}
