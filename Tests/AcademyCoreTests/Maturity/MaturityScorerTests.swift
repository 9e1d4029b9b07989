@testable import AcademyCore
import Testing

@Suite("Maturity scorer: staged level, continuous score, headline, coverage")
struct MaturityScorerTests {
    typealias F = MaturityFixtures

    /// One dimension `d` with two criteria at each level 2…5.
    let twoPerLevel = F.model([F.dimension("d", perLevel: [2: 2, 3: 2, 4: 2, 5: 2])])

    func all(_ point: String, in model: MaturityModel) -> [String: String] {
        Dictionary(uniqueKeysWithValues: model.dimensions.flatMap(\.criteria).map { ($0.id, point) })
    }

    @Test("every criterion fully in place: level 5, score 5.0, full coverage, empty plan")
    func allMet() throws {
        let result = try MaturityScorer(model: twoPerLevel).score(F.answers(all("fully", in: twoPerLevel)))
        let d = try #require(result.dimension("d"))
        #expect(d.level == 5)
        #expect(d.levelName == "Optimizing")
        #expect(d.score == 5.0)
        #expect(d.unmetAtNextLevel.isEmpty)
        #expect(result.headline.level == 5)
        #expect(result.headline.heldBackBy.isEmpty)
        #expect(result.coverage == MaturityCoverage(met: 8, total: 8))
        #expect(result.coverage.percent == 100)
        #expect(result.improvementPlan.dimensions.isEmpty)
        #expect(result.isComplete)
    }

    @Test("all at the threshold (largely) reaches level 5 too")
    func allLargely() throws {
        let result = try MaturityScorer(model: twoPerLevel).score(F.answers(all("largely", in: twoPerLevel)))
        #expect(result.dimension("d")?.level == 5)
        #expect(result.dimension("d")?.score == 5.0)
    }

    @Test("a gap at level 3 keeps the dimension at level 2 even though level 4 is met")
    func gapAtLevelThree() throws {
        var points = all("fully", in: twoPerLevel)
        points["d-3-2"] = "partly"
        let result = try MaturityScorer(model: twoPerLevel).score(F.answers(points))
        let d = try #require(result.dimension("d"))
        #expect(d.level == 2)
        #expect(d.levelName == "Repeatable")
        #expect(d.unmetAtNextLevel == ["d-3-2"])
        // Level 3: d-3-1 fully (weight 3/3 = 1), d-3-2 not met (0): 2 + 1/2.
        #expect(d.score == 2.5)
        #expect(d.coverage == MaturityCoverage(met: 7, total: 8))
        #expect(result.headline.level == 2)
        #expect(result.headline.heldBackBy == [.init(dimension: "d", name: "D", unmet: ["d-3-2"])])
    }

    @Test("an unmet level-2 criterion leaves level 1; an empty answer set is level 1 with score 1.0")
    func levelOne() throws {
        let scorer = try MaturityScorer(model: twoPerLevel)
        var points = all("fully", in: twoPerLevel)
        points["d-2-1"] = "not-in-place"
        let d = try #require(scorer.score(F.answers(points)).dimension("d"))
        #expect(d.level == 1)
        #expect(d.levelName == "Initial")
        // Level 2: d-2-2 fully (1), d-2-1 not met: 1 + 1/2.
        #expect(d.score == 1.5)

        let empty = scorer.score([])
        #expect(empty.dimension("d")?.level == 1)
        #expect(empty.dimension("d")?.score == 1.0)
        #expect(empty.headline.level == 1)
        #expect(empty.coverage == MaturityCoverage(met: 0, total: 8))
        #expect(empty.coverage.percent == 0)
        #expect(empty.assessors.isEmpty)
    }

    @Test("continuous score: level + weighted share of the next level's met criteria")
    func continuousScore() throws {
        let model = F.model([F.dimension("d", perLevel: [2: 1, 3: 4, 4: 1, 5: 1])])
        let scorer = try MaturityScorer(model: model)
        func score(_ level3: [String?]) throws -> Double {
            var points = ["d-2-1": "fully"]
            for (n, point) in level3.enumerated() { if let point { points["d-3-\(n + 1)"] = point } }
            return try #require(scorer.score(F.answers(points)).dimension("d")?.score)
        }
        // Nothing of level 3 met (partly and missing do not count): exactly the staged level.
        #expect(try score([nil, nil, nil, nil]) == 2.0)
        #expect(try score(["partly", "partly", "not-in-place", nil]) == 2.0)
        // fully (3/3) + largely (2/3) + partly (0) + missing (0) = 5/3, over 4 criteria = 5/12.
        #expect(abs(try score(["fully", "largely", "partly", nil]) - (2 + 5.0 / 12)) < 1e-12)
        // Three fully, one partly: 2 + 3/4.
        #expect(try score(["fully", "fully", "fully", "partly"]) == 2.75)
        // All four met: level 3, and level 4's one criterion is unanswered: 3.0.
        #expect(try score(["fully", "largely", "largely", "largely"]) == 3.0)
    }

    @Test("the continuous score never falls when one answer rises (all 625 answer sets of a 4-criterion model)")
    func monotone() throws {
        let model = F.model([F.dimension("d", perLevel: [2: 1, 3: 1, 4: 1, 5: 1])])
        let scorer = try MaturityScorer(model: model)
        let ids = ["d-2-1", "d-3-1", "d-4-1", "d-5-1"]
        let options: [String?] = [nil, "not-in-place", "partly", "largely", "fully"]
        func result(_ choice: [Int]) -> (level: Int, score: Double) {
            var points: [String: String] = [:]
            for (id, c) in zip(ids, choice) { if let p = options[c] { points[id] = p } }
            let d = scorer.score(F.answers(points)).dimensions[0]
            return (d.level, d.score)
        }
        var checked = 0
        for code in 0..<625 {
            let choice = (0..<4).map { code / [1, 5, 25, 125][$0] % 5 }
            let here = result(choice)
            #expect(here.score >= Double(here.level) && here.score < Double(here.level) + 1 || here.score == 5)
            for i in 0..<4 where choice[i] < 4 {
                var higher = choice
                higher[i] += 1
                let up = result(higher)
                #expect(up.score >= here.score, "raising \(ids[i]) in \(choice) lowered the score")
                #expect(up.level >= here.level)
                checked += 1
            }
        }
        #expect(checked == 2000)   // 4 criteria × 625 sets × 4 of 5 options that can rise
    }

    @Test("the score is normalised by the scale range when the scale does not start at 0")
    func shiftedScale() throws {
        let scale: [MaturityModel.ScalePoint] = [
            .init(id: "none", label: "None", value: 1), .init(id: "some", label: "Some", value: 2),
            .init(id: "most", label: "Most", value: 3), .init(id: "all", label: "All", value: 5),
        ]
        let model = F.model([F.dimension("d", perLevel: [2: 1, 3: 2])], threshold: "most", scale: scale)
        let d = try #require(try MaturityScorer(model: model).score(F.answers(["d-2-1": "all", "d-3-1": "most"])).dimension("d"))
        // (3 - 1) / (5 - 1) = 0.5 over 2 criteria.
        #expect(d.level == 2)
        #expect(d.score == 2.25)
    }

    @Test("a single-dimension model: the headline is that dimension's level")
    func singleDimension() throws {
        let model = F.model([F.dimension("only", perLevel: [2: 1, 3: 1])])
        let result = try MaturityScorer(model: model).score(F.answers(["only-2-1": "largely", "only-3-1": "partly"]))
        #expect(result.dimensions.count == 1)
        #expect(result.dimension("only")?.level == 2)
        #expect(result.headline.level == 2)
        #expect(result.headline.name == "Repeatable")
        #expect(result.headline.rule == "weakest-link")
        #expect(result.headline.heldBackBy == [.init(dimension: "only", name: "Only", unmet: ["only-3-1"])])
        #expect(result.headline.statement.contains("weakest link"))
        // Levels 4 and 5 have no criteria: once level 3 is met, the dimension is at 5.
        let full = try MaturityScorer(model: model).score(F.answers(["only-2-1": "largely", "only-3-1": "fully"]))
        #expect(full.headline.level == 5)
    }

    @Test("the headline is the lowest dimension; every dimension at that level is named")
    func weakestLink() throws {
        let model = F.model([
            F.dimension("a", perLevel: [2: 1, 3: 1, 4: 1]),
            F.dimension("b", perLevel: [2: 1, 3: 1]),
            F.dimension("c", perLevel: [2: 1, 3: 1]),
        ])
        let points = ["a-2-1": "fully", "a-3-1": "fully", "a-4-1": "partly",
                      "b-2-1": "fully", "b-3-1": "partly",
                      "c-2-1": "largely"]
        let result = try MaturityScorer(model: model).score(F.answers(points))
        #expect(result.dimensions.map(\.level) == [3, 2, 2])
        #expect(result.headline.level == 2)
        #expect(result.headline.heldBackBy.map(\.dimension) == ["b", "c"])
        #expect(result.headline.heldBackBy.map(\.unmet) == [["b-3-1"], ["c-3-1"]])
        #expect(result.headline.statement
            == "Level 2 (Repeatable), the weakest link: the lowest level any dimension has reached; "
            + "held back by B, C, which do not yet meet every criterion of level 3.")
    }

    @Test("coverage counts criteria of every level met at the threshold, overall and per dimension")
    func coverage() throws {
        let model = F.model([F.dimension("a", perLevel: [2: 2, 3: 2]), F.dimension("b", perLevel: [2: 1, 5: 2])])
        let points = ["a-2-1": "fully", "a-2-2": "partly", "a-3-1": "largely", "a-3-2": "largely",
                      "b-5-1": "fully", "b-5-2": "largely"]
        let result = try MaturityScorer(model: model).score(F.answers(points))
        #expect(result.dimension("a")?.coverage == MaturityCoverage(met: 3, total: 4))
        #expect(result.dimension("b")?.coverage == MaturityCoverage(met: 2, total: 3))
        #expect(result.coverage == MaturityCoverage(met: 5, total: 7))
        #expect(abs(result.coverage.percent - 500.0 / 7) < 1e-12)
        // b meets its level-5 criteria but not level 2: level 1.
        #expect(result.dimension("b")?.level == 1)
    }

    @Test("a threshold override changes what counts as met")
    func thresholdOverride() throws {
        let model = F.model([F.dimension("d", perLevel: [2: 2, 3: 1])])
        let answers = F.answers(["d-2-1": "fully", "d-2-2": "largely", "d-3-1": "partly"])
        #expect(try MaturityScorer(model: model).score(answers).dimension("d")?.level == 2)
        let strict = try MaturityScorer(model: model, threshold: "fully").score(answers)
        #expect(strict.threshold == "fully")
        #expect(strict.dimension("d")?.level == 1)
        // Level 2 under "fully": d-2-1 met (1), d-2-2 not: 1.5.
        #expect(strict.dimension("d")?.score == 1.5)
        let lenient = try MaturityScorer(model: model, threshold: "partly").score(answers)
        #expect(lenient.dimension("d")?.level == 5)
        #expect(lenient.coverage == MaturityCoverage(met: 3, total: 3))
    }

    @Test("the threshold defaults to largely when the model names none; an unknown one is an error")
    func thresholdDefaults() throws {
        let model = F.model([F.dimension("d", perLevel: [2: 1])], threshold: "")
        #expect(try MaturityScorer(model: model).threshold == "largely")
        #expect(throws: MaturityScoringError.unknownThreshold("mostly", scale: ["not-in-place", "partly", "largely", "fully"])) {
            try MaturityScorer(model: model, threshold: "mostly")
        }
        #expect(throws: MaturityScoringError.emptyScale(model: "test-model")) {
            try MaturityScorer(model: F.model([], scale: []))
        }
        let message = MaturityScoringError.unknownThreshold("mostly", scale: ["partly", "fully"]).errorDescription
        #expect(message == "threshold 'mostly' is not a point of the answer scale; use one of partly, fully")
    }

    @Test("a model without dimensions scores level 1 with no coverage")
    func noDimensions() throws {
        let result = try MaturityScorer(model: F.model([])).score([])
        #expect(result.headline.level == 1)
        #expect(result.coverage.percent == 0)
        #expect(result.dimensions.isEmpty)
    }
}
