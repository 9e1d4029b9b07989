import Foundation
import TestSupport
import Testing

@Suite("Maturity questionnaire and report, through pipes", .serialized)
struct MaturityFlowTests {
    @Test("answers are saved one by one; an incomplete questionnaire lists what is missing; resume, submit, report")
    func questionnaire() throws {
        let fixture = try LearnerFixture()
        // Governance: both criteria "Fully" with a note; then input ends.
        let first = try fixture.run(["assess", "maturity"], stdin: "1\n4\nCharters in the PMIS\n4\n\n")
        #expect(first.status == 3, "\(first.stdout)\n\(first.stderr)")
        #expect(first.stderr.contains("your answers are saved"))
        // Resume: the overview shows governance done; review lists the missing people criteria and refuses.
        let second = try fixture.run(["assess", "maturity"], stdin: "3\n\n4\n")
        #expect(second.stdout.contains("2 of 4 criteria answered"), "\(second.stdout)")
        #expect(second.stdout.contains("cannot be submitted until these are"))
        #expect(second.stdout.contains("People: people-2, people-3"))
        // Answer people (Largely, Partly) and submit.
        let third = try fixture.run(["assess", "maturity"], stdin: "2\n3\n\n2\nOnly some teams\n3\ny\n")
        #expect(third.status == 0, "\(third.stdout)\n\(third.stderr)")
        #expect(third.stdout.contains("Submitted"), "\(third.stdout)")
        // Governance is fully in place (level 3); people has level 2 largely but level 3 only partly: level 2.
        let report = try fixture.run(["report", "maturity", "--format", "json"])
        #expect(report.status == 0, "\(report.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any] ?? [:]
        let text = report.stdout
        #expect(text.contains("\"governance\""))
        #expect(json.isEmpty == false)
        let plain = try fixture.run(["report", "maturity"])
        #expect(plain.stdout.contains("weakest link"), "\(plain.stdout)")
    }
}
