import AcademyCore
@testable import ChatBot
import Foundation
import Testing

@Suite("Porter stemmer")
struct PorterStemmerTests {
    /// Every word of the shipped content and Porter's examples, against snowballstemmer's `porter`
    /// (scripts/golden/make_porter.py made Tests/Fixtures/porter-golden.tsv).
    @Test func matchesSnowballPorter() throws {
        let text = try String(contentsOf: repositoryRoot.appendingPathComponent("Tests/Fixtures/porter-golden.tsv"), encoding: .utf8)
        var checked = 0
        var wrong: [String] = []
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let parts = line.split(separator: "\t")
            guard parts.count == 2 else { continue }
            let stem = PorterStemmer.stem(String(parts[0]))
            if stem != parts[1] { wrong.append("\(parts[0]): \(stem) ≠ \(parts[1])") }
            checked += 1
        }
        #expect(checked > 5000)
        #expect(wrong.isEmpty, "\(wrong.count) differ: \(wrong.prefix(20).joined(separator: "; "))")
    }

    @Test func leavesShortAndNonASCIIWordsAlone() {
        #expect(PorterStemmer.stem("a") == "a")
        #expect(PorterStemmer.stem("café") == "café")
        #expect(PorterStemmer.stem("RACI") == "RACI")
    }
}

@Suite("Answer tokenizer")
struct AnswerTokenizerTests {
    @Test func lowercasesSplitsDropsStopWordsAndStems() {
        let tokens = AnswerTokenizer().tokens("How do I write the Risks for my project's RACI-chart?")
        #expect(tokens == ["write", "risk", "project", "raci", "chart", "racichart"])
    }

    @Test func hyphenatedWordsAlsoGiveTheirJoinedForm() {
        let plain = AnswerTokenizer(stemming: false)
        #expect(plain.tokens("daily stand-up, kick-off and e-mail") == ["daily", "stand", "standup", "kick", "kickoff", "mail", "email"])
        #expect(plain.tokens("a go-live-date") == ["go", "live", "date", "golivedate"])
        // Numbers, a dash between spaced words and a trailing hyphen join nothing.
        #expect(plain.tokens("due 2026-11-26") == ["due", "2026", "11", "26"])
        #expect(plain.tokens("scope - time, cost- and risk") == ["scope", "time", "cost", "risk"])
        // The question's "standup" meets the lesson's "stand-up".
        #expect(AnswerTokenizer().tokens("standup").first.map { AnswerTokenizer().tokens("stand-up").contains($0) } == true)
    }

    @Test func stemmingOff() {
        #expect(AnswerTokenizer(stemming: false).tokens("Estimating risks, 2 ways") == ["estimating", "risks", "ways"])
    }

    @Test func keepsNonASCIILetters() {
        #expect(AnswerTokenizer().tokens("Größe der Straße") == ["größe", "der", "straße"])
    }
}

@Suite("BM25 index")
struct BM25IndexTests {
    let documents = [["risk", "register", "risk"], ["stakeholder", "map"], ["risk", "owner", "action", "plan", "owner"], ["plan"]]

    /// Scores worked out from the formula by hand.
    @Test func scoresFollowTheFormula() {
        let index = BM25Index(documents: documents, parameters: .init(k1: 1.2, b: 0.75, idf: .lucene))
        let hits = index.search(["risk"], limit: 10)
        let avgdl = 11.0 / 4
        let idf = log(1 + (4 - 2 + 0.5) / (2 + 0.5))
        func score(tf: Double, length: Double) -> Double { idf * tf * 2.2 / (tf + 1.2 * (1 - 0.75 + 0.75 * length / avgdl)) }
        #expect(hits.map(\.document) == [0, 2])
        #expect(abs(hits[0].score - score(tf: 2, length: 3)) < 1e-12)
        #expect(abs(hits[1].score - score(tf: 1, length: 5)) < 1e-12)
    }

    /// rank_bm25's BM25Okapi: idf ln((N − n + 0.5)/(n + 0.5)), negative values replaced by 0.25 × mean idf.
    @Test func okapiIDFFloorsNegativeValues() {
        let docs = [["a", "b"], ["a", "c"], ["a", "d"]]
        let index = BM25Index(documents: docs, parameters: .init(idf: .okapi))
        let idfA = log(0.5 / 3.5), idfB = log(2.5 / 1.5)
        let mean = (idfA + 3 * idfB) / 4
        #expect(abs(index.idf("a") - 0.25 * mean) < 1e-12)
        #expect(abs(index.idf("b") - idfB) < 1e-12)
    }

    @Test func repeatedQueryTermsCountEachTime() {
        let index = BM25Index(documents: documents)
        let once = index.search(["owner"], limit: 1)[0].score
        let twice = index.search(["owner", "owner"], limit: 1)[0].score
        #expect(abs(twice - 2 * once) < 1e-12)
    }

    @Test func tiesGoToTheEarlierDocumentAndFiltersApply() {
        let index = BM25Index(documents: [["x"], ["x"], ["x"], ["y"]])
        #expect(index.search(["x"], limit: 2).map(\.document) == [0, 1])
        #expect(index.search(["x"], limit: 2, allow: { $0 != 0 }).map(\.document) == [1, 2])
        #expect(index.search(["zzz"], limit: 5).isEmpty)
    }

    @Test func scratchIsReusedWithoutLeakingScores() {
        let index = BM25Index(documents: documents)
        var scratch = BM25Index.Scratch()
        let first = index.search(["risk"], limit: 5, scratch: &scratch)
        _ = index.search(["plan", "map"], limit: 5, scratch: &scratch)
        #expect(index.search(["risk"], limit: 5, scratch: &scratch) == first)
    }
}

@Suite("Answer engine")
struct AnswerEngineTests {
    @Test func lessonsSplitAtHeadings() {
        let sections = MarkdownSections.split("""
        # Title

        Intro text with **bold** and a [link](https://example.com).

        ## First

        - one
        - two

        ### Deeper
        Text `code`.
        """, title: "Title")
        #expect(sections.map(\.heading) == ["Title", "First", "Deeper"])
        #expect(sections[0].text == "Intro text with bold and a link.")
        #expect(sections[1].text == "• one\n\n• two")
        #expect(sections[2].text == "Text code.")
    }

    @Test func everyLessonOfTheShippedCoursesIsIndexed() {
        let lessons = Set(shippedEngine.passages.map(\.lessonID))
        #expect(lessons == Set(shippedCatalog.lessons.map(\.id)))
        #expect(shippedEngine.passages.contains { $0.kind == .explanation })
    }

    @Test func answerCarriesPassageLessonAndCommand() throws {
        let result = shippedEngine.ask("how do I write a good risk statement", audience: .public)
        let best = try #require(result.best)
        #expect(best.passage.courseID == "risk")
        #expect(best.passage.command == "pmo learn risk --lesson \(best.passage.lessonNumber)")
        let message = result.message()
        #expect(message.paragraphs.contains { $0.contains("pmo learn risk --lesson") })
    }

    @Test func unknownQuestionsGetIDontKnowWithSuggestions() {
        let result = shippedEngine.ask("what time does the canteen open", audience: .public)
        #expect(result.best == nil)
        #expect(!result.suggestions.isEmpty)
        #expect(result.message().title == "I don't know that one")
    }

    @Test func classificationDecidesWhatAnAudienceMaySee() {
        let passages = [
            passage("pub", "Budget", "budget variance explained", classification: .public),
            passage("int", "Budget", "budget variance budget variance internal numbers", classification: .internal),
            passage("conf", "Budget", "budget variance budget variance budget variance secret", classification: .confidential),
        ]
        let engine = AnswerEngine(passages: passages, configuration: .init(threshold: 0.1, minimumScore: 0))
        #expect(engine.ask("budget variance", audience: .public).matches.map(\.passage.lessonID) == ["pub"])
        #expect(engine.ask("budget variance", audience: .internal).matches.map(\.passage.lessonID) == ["int", "pub"])
        #expect(engine.ask("budget variance", audience: .confidential).matches.map(\.passage.lessonID) == ["conf", "int", "pub"])
    }

    /// The confidential example course never reaches a public or internal audience, whatever is asked.
    @Test func confidentialShippedContentNeverReachesAChannel() {
        let confidential = Set(shippedCatalog.courses.filter { $0.classification == .confidential }.map(\.id))
        #expect(!confidential.isEmpty)
        for passage in shippedEngine.passages where confidential.contains(passage.courseID) {
            for audience in [Classification.public, .internal] {
                let result = shippedEngine.ask(passage.heading + " " + passage.text.prefix(200), audience: audience, lessons: 10)
                #expect(!result.matches.contains { confidential.contains($0.passage.courseID) })
            }
        }
    }

    @Test func clipCutsAtASentence() {
        let text = "First sentence here. Second sentence is longer than the first one. Third."
        #expect(AnswerResult.clip(text, 50) == "First sentence here. Second sentence is longer …")
        #expect(AnswerResult.clip(text, 70) == "First sentence here. Second sentence is longer than the first one. …")
        #expect(AnswerResult.clip("short", 50) == "short")
    }

    @Test func personalQuestionsAreRecognised() {
        #expect(PersonalQuestion(text: "due") == .due)
        #expect(PersonalQuestion(text: "my progress") == .progress)
        #expect(PersonalQuestion(text: "Reviews?") == .review)
        #expect(PersonalQuestion(text: "") == .help)
        #expect(PersonalQuestion(text: "help") == .help)
        #expect(PersonalQuestion(text: "when is the risk review due") == nil)
    }
}
