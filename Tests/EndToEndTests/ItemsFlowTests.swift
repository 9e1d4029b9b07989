import Foundation
import TestSupport
import Testing

@Suite("Item calibration and item statistics, on a demo organisation", .serialized)
struct ItemsFlowTests {
    @Test("calibrate stores parameters (administrators only); the item report shows statistics and flags")
    func calibrateAndReport() throws {
        let fixture = try LearnerFixture()
        var env = fixture.environment()
        env["PMO_CONTENT"] = BinaryRunner.repositoryRoot.path
        let demo = try BinaryRunner.run(["demo", "--people", "80", "--seed", "5", "--database", fixture.database.path],
                                        environment: env, currentDirectory: fixture.root)
        #expect(demo.status == 0, "\(demo.stderr)")
        let calibrate = try BinaryRunner.run(["items", "calibrate", "--min-responses", "15", "--competency", "pm-foundations"],
                                             environment: env, currentDirectory: fixture.root)
        #expect(calibrate.status == 0, "\(calibrate.stderr)")
        #expect(calibrate.stdout.contains("pm-foundations"))
        let calibrated = calibrate.stdout.split(separator: "\n").last { $0.contains("calibrated (at least") } ?? ""
        #expect(!calibrated.hasPrefix("0 item"), "\(calibrate.stdout)")
        var learner = env
        learner["USER"] = "p000003"
        learner["LOGNAME"] = "p000003"
        let denied = try BinaryRunner.run(["items", "calibrate"], environment: learner, currentDirectory: fixture.root)
        #expect(denied.status == 1)
        let report = try BinaryRunner.run(["report", "items", "--competency", "pm-foundations", "--format", "json"],
                                          environment: env, currentDirectory: fixture.root)
        #expect(report.status == 0, "\(report.stderr)")
        let rows = try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [[String: Any]] ?? []
        #expect(rows.count >= 30)
        #expect(rows.contains { ($0["calibrated"] as? Bool) == true })
        #expect(rows.contains { ($0["facility"] as? Double).map { (0...1).contains($0) } ?? false })
        let text = try BinaryRunner.run(["report", "items", "--competency", "pm-foundations"], environment: env, currentDirectory: fixture.root)
        #expect(text.stdout.contains("Facility"))
    }
}
