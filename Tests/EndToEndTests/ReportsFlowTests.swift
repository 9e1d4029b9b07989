import Foundation
import TestSupport
import Testing

@Suite("People, access and reports, on a demo organisation", .serialized)
struct ReportsFlowTests {
    /// A demo organisation of 60 people in a fresh database; the test user ("e2e") is its administrator.
    static func demo() throws -> LearnerFixture {
        let fixture = try LearnerFixture()
        let made = try BinaryRunner.run(["demo", "--people", "60", "--seed", "3", "--database", fixture.database.path,
                                         "--content", BinaryRunner.repositoryRoot.path],
                                        environment: fixture.environment(), currentDirectory: fixture.root)
        #expect(made.status == 0, "\(made.stderr)")
        #expect(made.stdout.contains("60 people") || made.stdout.contains("62 people"))
        return fixture
    }

    func run(_ fixture: LearnerFixture, _ arguments: [String], user: String = "e2e") throws -> BinaryRunner.Result {
        var env = fixture.environment(user: user)
        env["PMO_CONTENT"] = BinaryRunner.repositoryRoot.path
        return try BinaryRunner.run(arguments, environment: env, currentDirectory: fixture.root)
    }

    @Test("each role sees only what it may: learner, manager, administrator")
    func accessByRole() throws {
        let fixture = try Self.demo()
        // Administrator: the organisation.
        let org = try run(fixture, ["report", "org"])
        #expect(org.status == 0, "\(org.stderr)")
        #expect(org.stdout.contains("Organisation report"))
        #expect(org.stdout.split(separator: "\n").allSatisfy { $0.count <= 80 }, "the terminal report fits 80 columns")
        // A learner (p000003): their own report only.
        let own = try run(fixture, ["report", "person"], user: "p000003")
        #expect(own.status == 0, "\(own.stderr)")
        #expect(own.stdout.contains("(p000003)"))
        let other = try run(fixture, ["report", "person", "p000004"], user: "p000003")
        #expect(other.status == 1)
        #expect(other.stderr.contains("outside the people and units you may see"))
        let learnerOrg = try run(fixture, ["report", "org"], user: "p000003")
        #expect(learnerOrg.status == 1)
        // A manager (p000000 leads the first team): their team, not another.
        let team = try run(fixture, ["report", "team"], user: "p000000")
        #expect(team.status == 0, "\(team.stderr)")
        #expect(team.stdout.contains("Levels by person"))
        let person = try run(fixture, ["report", "person", "p000005"], user: "p000000")
        #expect(person.status == 0, "a manager sees the people of their team")
        let otherTeamMember = try run(fixture, ["report", "person", "p000015"], user: "p000000")
        #expect(otherTeamMember.status == 1, "p000015 is in another team")
        // Completion and maturity: a learner sees only their own assignments and no maturity; a manager their units.
        let learnerCompletion = try run(fixture, ["report", "completion", "--format", "json"], user: "p000003")
        #expect(learnerCompletion.status == 0)
        let overdue = (try JSONSerialization.jsonObject(with: Data(learnerCompletion.stdout.utf8)) as? [String: Any])?["overdue"] as? [[String: Any]] ?? []
        #expect(overdue.allSatisfy { $0["person"] as? String == "p000003" })
        #expect(try run(fixture, ["report", "maturity"], user: "p000003").status == 1)
        #expect(try run(fixture, ["report", "maturity", "--unit", "engineering"]).status == 0)
        #expect(try run(fixture, ["report", "team", "--unit", "finance"], user: "p000000").status == 1, "another department")
        // Every view is audited.
        let audit = try run(fixture, ["audit"])
        #expect(audit.stdout.contains("report.view  org"))
        #expect(audit.stdout.contains("p000000  report.view  team"))
        let denied = try run(fixture, ["audit"], user: "p000003")
        #expect(denied.status == 1)
    }

    @Test("reports render in every format; the HTML is self-contained and not blank in Chromium")
    func formats() throws {
        let fixture = try Self.demo()
        for format in ["md", "csv", "json"] {
            let result = try run(fixture, ["report", "org", "--format", format])
            #expect(result.status == 0, "\(format): \(result.stderr)")
            #expect(!result.stdout.isEmpty)
        }
        let json = try run(fixture, ["report", "org", "--format", "json"])
        let decoded = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect((decoded?["competencies"] as? [Any])?.count == 14)
        let html = fixture.root.appendingPathComponent("org.html")
        let written = try run(fixture, ["report", "org", "--format", "html", "--output", html.path])
        #expect(written.status == 0)
        let page = try String(contentsOf: html, encoding: .utf8)
        #expect(page.hasPrefix("<!DOCTYPE html>"))
        #expect(page.contains("<svg"))
        #expect(!page.contains("src=\"http") && !page.contains("href=\"http") && !page.contains("<script"), "no external assets")
        let png = fixture.root.appendingPathComponent("org.png")
        let shot = Process()
        shot.executableURL = URL(fileURLWithPath: "/bin/bash")
        shot.arguments = [BinaryRunner.repositoryRoot.appendingPathComponent("scripts/screenshot-report.sh").path, html.path, png.path]
        try shot.run()
        shot.waitUntilExit()
        #expect(shot.terminationStatus == 0, "Chromium is needed for this test; scripts/screenshot-report.sh installs it")
        let data = try Data(contentsOf: png)
        #expect(data.starts(with: [0x89, 0x50, 0x4E, 0x47]), "a PNG")
        // A blank white page compresses to a few kilobytes; a report with charts and tables does not.
        #expect(data.count > 40_000, "screenshot of \(data.count) bytes looks blank")
    }

    @Test("roster import: errors change nothing; a valid roster creates people and units; assignments track completion")
    func rosterAndAssignments() throws {
        let fixture = try LearnerFixture()
        _ = try fixture.run(["progress"])  // e2e becomes the administrator of a fresh database
        let bad = fixture.root.appendingPathComponent("bad.csv")
        try "id,name,unit,access,role\nana,Ana,Eng,boss,project-manager\n".write(to: bad, atomically: true, encoding: .utf8)
        let rejected = try fixture.run(["people", "import", bad.path])
        #expect(rejected.status == 1)
        #expect(rejected.stderr.contains("bad.csv:2:4: error: access 'boss' must be learner, manager or admin"))
        #expect(rejected.stderr.contains("nothing was imported"))
        let good = fixture.root.appendingPathComponent("good.csv")
        try "id,name,unit,access,role,manager\nana,Ana,Eng/Platform,manager,senior-project-manager,\nbo,Bo,Eng/Platform,learner,project-manager,ana\n"
            .write(to: good, atomically: true, encoding: .utf8)
        let imported = try fixture.run(["people", "import", good.path])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("2 new"))
        #expect(try fixture.run(["units"]).stdout.contains("Platform"))
        let assigned = try fixture.run(["assign", "lines", "--unit", "eng", "--due", "2026-12-31"])
        #expect(assigned.status == 0, "\(assigned.stderr)")
        let list = try fixture.run(["assignments", "--json"])
        let rows = try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]] ?? []
        #expect(rows.count == 2, "both people of the unit tree")
        #expect(rows.allSatisfy { $0["state"] as? String == "not-started" })
        let learnerAssign = try fixture.run(["assign", "lines", "--person", "ana"], user: "bo")
        #expect(learnerAssign.status == 1)
    }
}
