@testable import AcademyCore
import Testing

@Suite("Maturity scorer: several assessors, missing and ignored answers")
struct MaturityAssessorTests {
    typealias F = MaturityFixtures

    let model = F.model([F.dimension("d", perLevel: [2: 1, 3: 1]), F.dimension("e", perLevel: [2: 2])])

    func criterion(_ points: [String], id: String = "d-2-1") throws -> MaturityCriterionResult {
        let answers = points.enumerated().map { MaturityAnswer(criterion: id, point: $1, assessor: "a\($0)") }
        return try #require(try MaturityScorer(model: model).score(answers).criterion(id))
    }

    @Test("an odd number of assessors: the middle answer")
    func oddCount() throws {
        let c = try criterion(["fully", "partly", "largely"])
        #expect(c.median == "largely")
        #expect(c.point == "largely")
        #expect(c.value == 2)
        #expect(c.isMet)
        #expect(c.spread == 2)
    }

    @Test("ties: a repeated middle value is the median")
    func ties() throws {
        #expect(try criterion(["partly", "largely", "largely"]).median == "largely")
        #expect(try criterion(["partly", "partly", "fully"]).median == "partly")
        #expect(try criterion(["largely", "largely"]).median == "largely")
        #expect(try criterion(["largely", "largely"]).spread == 0)
    }

    @Test("an even number of assessors: the lower of the two middle answers")
    func evenCount() throws {
        let two = try criterion(["largely", "partly"])
        #expect(two.median == "partly")
        #expect(!two.isMet, "two assessors split between partly and largely do not make the criterion met")
        #expect(two.spread == 1)
        #expect(try criterion(["fully", "largely"]).median == "largely")
        let four = try criterion(["not-in-place", "fully", "fully", "partly"])
        // Sorted: not-in-place, partly, fully, fully → the lower middle is partly.
        #expect(four.median == "partly")
        #expect(four.spread == 3)
    }

    @Test("each assessor's answer and note are listed, ordered by assessor")
    func listsAnswers() throws {
        let answers = [
            MaturityAnswer(criterion: "d-2-1", point: "fully", note: "charters in the PMIS", assessor: "zoe"),
            MaturityAnswer(criterion: "d-2-1", point: "partly", assessor: "adam"),
        ]
        let result = try MaturityScorer(model: model).score(answers)
        #expect(result.criterion("d-2-1")?.answers == [
            .init(assessor: "adam", point: "partly", note: nil),
            .init(assessor: "zoe", point: "fully", note: "charters in the PMIS"),
        ])
        #expect(result.assessors == ["adam", "zoe"])
    }

    @Test("an assessor's later answer to a criterion replaces the earlier one")
    func laterAnswerWins() throws {
        let answers = [
            MaturityAnswer(criterion: "d-2-1", point: "partly", assessor: "ana"),
            MaturityAnswer(criterion: "d-2-1", point: "fully", assessor: "ana"),
        ]
        let c = try #require(try MaturityScorer(model: model).score(answers).criterion("d-2-1"))
        #expect(c.answers.count == 1)
        #expect(c.median == "fully")
        #expect(c.spread == 0)
    }

    @Test("unanswered criteria count as not met and are listed as missing, grouped by dimension")
    func missingAnswers() throws {
        let scorer = try MaturityScorer(model: model)
        let answers = F.answers(["d-2-1": "fully", "e-2-2": "fully"])
        let result = scorer.score(answers)
        let expected = [
            MaturityMissingAnswers(dimension: "d", name: "D", criteria: ["d-3-1"]),
            MaturityMissingAnswers(dimension: "e", name: "E", criteria: ["e-2-1"]),
        ]
        #expect(result.missing == expected)
        #expect(scorer.missingAnswers(answers) == expected)
        #expect(!result.isComplete)
        let missing = try #require(result.criterion("e-2-1"))
        #expect(missing.isMissing)
        #expect(missing.median == nil && missing.point == nil && missing.value == nil)
        #expect(!missing.isMet)
        #expect(missing.spread == 0)
        #expect(result.dimension("e")?.level == 1)
        #expect(result.dimension("e")?.unmetAtNextLevel == ["e-2-1"])
        #expect(result.dimension("d")?.missing == ["d-3-1"])

        let complete = F.answers(["d-2-1": "partly", "d-3-1": "not-in-place", "e-2-1": "partly", "e-2-2": "partly"])
        #expect(scorer.missingAnswers(complete).isEmpty)
        #expect(scorer.score(complete).isComplete)
    }

    @Test("answers to unknown criteria or with unknown scale points are ignored and reported")
    func ignoredAnswers() throws {
        let scorer = try MaturityScorer(model: model)
        let unknownCriterion = MaturityAnswer(criterion: "x-9-9", point: "fully", assessor: "ana")
        let unknownPoint = MaturityAnswer(criterion: "d-2-1", point: "mostly", assessor: "ana")
        let result = scorer.score([unknownCriterion, unknownPoint])
        #expect(result.ignoredAnswers == [unknownCriterion, unknownPoint])
        #expect(result.criterion("d-2-1")?.isMissing == true)
        #expect(scorer.missingAnswers([unknownPoint]).first?.criteria == ["d-2-1", "d-3-1"])
    }
}
