import ArgumentParser
import ChatBot

/// The answer engine's tuning, shared by `pmo bot ask` and `pmo bot serve`.
struct AnswerOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("BM25 term-frequency saturation.", valueName: "k1"))
    var k1 = 1.2

    @Option(name: .long, help: ArgumentHelp("BM25 length normalisation, 0 (none) to 1 (full).", valueName: "b"))
    var b = 0.75

    @Option(name: .long, help: ArgumentHelp("How many times headings count against the body.", valueName: "n"))
    var titleWeight = 3

    func validate() throws {
        guard k1 >= 0 else { throw ValidationError("--k1 must be 0 or more") }
        guard (0...1).contains(b) else { throw ValidationError("--b must be between 0 and 1") }
        guard titleWeight >= 0 else { throw ValidationError("--title-weight must be 0 or more") }
    }

    var configuration: AnswerEngine.Configuration {
        var configuration = AnswerEngine.Configuration()
        configuration.bm25.k1 = k1
        configuration.bm25.b = b
        configuration.titleWeight = titleWeight
        return configuration
    }
}
