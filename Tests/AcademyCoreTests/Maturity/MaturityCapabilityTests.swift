@testable import AcademyCore
import Testing

@Suite("Maturity capability evidence")
struct MaturityCapabilityTests {
    typealias F = MaturityFixtures

    @Test("the share counts people of the role who reach the minimum in every listed competency")
    func withRole() {
        let evidence = F.pmCapability.measure(F.examplePeople)
        // p1 and p4 reach 3 in both; p2 has risk 2; p3 has no risk estimate; p5 is not a PM.
        #expect(evidence.people == 4)
        #expect(evidence.meeting == 2)
        #expect(evidence.withoutEstimate == 1)
        #expect(evidence.share == 0.5)
        #expect(!evidence.isMet)
        #expect(evidence.requiredShare == 0.6)
    }

    @Test("without a role everyone counts; 3 of 5 meets a share of 0.6 exactly")
    func withoutRole() {
        var requirement = F.pmCapability
        requirement.role = nil
        let evidence = requirement.measure(F.examplePeople)
        #expect(evidence.people == 5)
        #expect(evidence.meeting == 3)
        #expect(evidence.share == 0.6)
        #expect(evidence.isMet)
    }

    @Test("a missing estimate never meets the minimum, even when the others are high")
    func missingEstimates() {
        let requirement = MaturityModel.CapabilityRequirement(competencies: ["a", "b"], role: nil, minimumLevel: 1, share: 1)
        let people = [
            PersonCapability(person: "x", role: nil, levels: ["a": 5, "b": 1]),
            PersonCapability(person: "y", role: nil, levels: ["a": 5]),
            PersonCapability(person: "z", role: nil, levels: [:]),
        ]
        let evidence = requirement.measure(people)
        #expect(evidence.people == 3)
        #expect(evidence.meeting == 1)
        #expect(evidence.withoutEstimate == 2)
        #expect(!evidence.isMet)
    }

    @Test("nobody of the role measured: no share and not met")
    func nobody() {
        let evidence = F.pmCapability.measure([PersonCapability(person: "s", role: "sponsor", levels: [:])])
        #expect(evidence.people == 0)
        #expect(evidence.share == nil)
        #expect(!evidence.isMet)
    }

    @Test("evidence is attached beside the answers and does not change them by default")
    func shownBeside() throws {
        let result = try MaturityScorer(model: F.example).score(F.exampleAnswers, people: F.examplePeople)
        let c = try #require(result.criterion("ppl-3-1"))
        #expect(c.capability == F.pmCapability.measure(F.examplePeople))
        #expect(c.point == "largely")
        #expect(c.isMet)
        #expect(!c.cappedByCapability)
        #expect(result.criterion("ppl-3-2")?.capability == nil, "only criteria with a requirement get evidence")
        let noPeople = try MaturityScorer(model: F.example).score(F.exampleAnswers)
        #expect(noPeople.criterion("ppl-3-1")?.capability == nil, "no people given: no evidence")
    }

    @Test("with capping on, unmet capability lowers a met answer to the point below the threshold")
    func capping() throws {
        let scorer = try MaturityScorer(model: F.example, capabilityCapsAnswers: true)
        let result = scorer.score(F.exampleAnswers, people: F.examplePeople)
        let c = try #require(result.criterion("ppl-3-1"))
        #expect(c.median == "largely")
        #expect(c.point == "partly")
        #expect(c.value == 1)
        #expect(!c.isMet)
        #expect(c.cappedByCapability)
        #expect(result.capabilityCapsAnswers)
        // People falls from level 3 to 2: level 3 has ppl-3-2 fully (1) and ppl-3-1 unmet → 2.5.
        #expect(result.dimension("people")?.level == 2)
        #expect(result.dimension("people")?.score == 2.5)
        #expect(result.headline.heldBackBy.map(\.dimension) == ["governance", "people"])

        // Met capability, or answers already below the threshold, are left alone.
        var everyone = F.examplePeople
        everyone[1].levels["risk-management"] = 3
        #expect(scorer.score(F.exampleAnswers, people: everyone).criterion("ppl-3-1")?.cappedByCapability == false)
        let low = F.exampleAnswers.map { a in
            a.criterion == "ppl-3-1" ? MaturityAnswer(criterion: a.criterion, point: "not-in-place", assessor: a.assessor) : a
        }
        let lowResult = try #require(scorer.score(low, people: F.examplePeople).criterion("ppl-3-1"))
        #expect(lowResult.point == "not-in-place")
        #expect(!lowResult.cappedByCapability)
    }
}
