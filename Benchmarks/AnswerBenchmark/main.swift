// pmo-answer-bench: the answer engine over a generated index (see docs/benchmarks.md, Benchmarks/answer/run.sh).
//
//   pmo-answer-bench --content ROOT --sections 10000 --queries 1000 --out DIR [--seed 7]
//
// Generates DIR/corpus.jsonl (sections made of sentences drawn from the shipped lessons, with their
// headings) and DIR/queries.jsonl (the answer-quality questions, then questions of 2–6 words drawn from
// the corpus), both tokenized by the engine's tokenizer with stemming off, exactly as the engine's
// `okapi` configuration indexes them; writes the engine's own top 10 to DIR/swift.json; and times
// per query, in process:
//   search: BM25Index.search over the pre-tokenized query (what rank_bm25 and bm25s are timed on),
//   answer: AnswerEngine.ask on the question text, with the shipped configuration (stemming, Lucene idf,
//           titles weighted), including tokenizing, the audience filter, coverage and one passage per lesson.
import AcademyCore
import ChatBot
import Foundation

func option(_ name: String, _ fallback: String) -> String {
    let arguments = CommandLine.arguments
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return fallback }
    return arguments[index + 1]
}

let content = URL(fileURLWithPath: option("--content", FileManager.default.currentDirectoryPath))
let sectionCount = Int(option("--sections", "10000")) ?? 10_000
let queryCount = Int(option("--queries", "1000")) ?? 1000
let out = URL(fileURLWithPath: option("--out", "answer-bench"))
var random = SeededGenerator(seed: UInt64(option("--seed", "7")) ?? 7)
try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)

let catalog = try CatalogLoader.load(directory: content).catalog
let shipped = AnswerPassage.passages(from: catalog)

// Sentences of the shipped passages, and their headings, to draw from.
let sentences: [String] = shipped.flatMap { passage in
    passage.text.replacingOccurrences(of: "\n", with: " ").components(separatedBy: ". ").filter { $0.count > 20 }
}
let headings = Array(Set(shipped.map(\.heading))).sorted()

var passages: [AnswerPassage] = []
passages.reserveCapacity(sectionCount)
for i in 0..<sectionCount {
    let length = Int.random(in: 2...12, using: &random)
    let text = (0..<length).map { _ in sentences.randomElement(using: &random)! }.joined(separator: ". ") + "."
    let heading = headings.randomElement(using: &random)!
    passages.append(AnswerPassage(kind: .section, courseID: "gen", courseTitle: "Generated", lessonID: String(format: "s%05d", i),
                                  lessonNumber: 1, lessonTitle: heading, heading: heading, text: text, classification: .public))
}

// Queries: the quality set's questions first, then random ones.
var questions: [String] = []
if let yaml = try? String(contentsOf: content.appendingPathComponent("Tests/Fixtures/answer-questions.yaml"), encoding: .utf8) {
    for line in yaml.split(separator: "\n") where line.trimmingCharacters(in: .whitespaces).hasPrefix("- question:") {
        var text = line.split(separator: ":", maxSplits: 1)[1].trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("\""), text.hasSuffix("\"") { text = String(text.dropFirst().dropLast()) }
        questions.append(text)
    }
}
let plain = AnswerTokenizer(stemming: false)
let vocabulary = Array(Set(sentences.prefix(5000).flatMap { plain.tokens($0) })).sorted()
while questions.count < queryCount {
    let n = Int.random(in: 2...6, using: &random)
    questions.append((0..<n).map { _ in vocabulary.randomElement(using: &random)! }.joined(separator: " "))
}
questions = Array(questions.prefix(queryCount))

// The cross-check configuration: no stemming, rank_bm25's idf, headings as plain text (weight 1).
let okapi = AnswerEngine.Configuration(bm25: .init(k1: 1.2, b: 0.75, idf: .okapi), titleWeight: 1, stemming: false, threshold: 0)
let checkEngine = AnswerEngine(passages: passages, configuration: okapi)
func documentTerms(_ p: AnswerPassage) -> [String] { plain.tokens(p.text) + plain.tokens(p.heading) }

func jsonLine(_ object: [String: Any]) -> String {
    String(decoding: try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
}
var corpusLines = ""
for (i, p) in passages.enumerated() { corpusLines += jsonLine(["id": String(format: "s%05d", i), "tokens": documentTerms(p)]) + "\n" }
try corpusLines.write(to: out.appendingPathComponent("corpus.jsonl"), atomically: true, encoding: .utf8)
let queryTokens = questions.map { plain.tokens($0) }
var queryLines = ""
for (i, tokens) in queryTokens.enumerated() { queryLines += jsonLine(["id": String(format: "q%04d", i), "tokens": tokens]) + "\n" }
try queryLines.write(to: out.appendingPathComponent("queries.jsonl"), atomically: true, encoding: .utf8)

// The check index is built from exactly the exported tokens.
let checkIndex = BM25Index(documents: passages.map(documentTerms), parameters: okapi.bm25)
var scratch = BM25Index.Scratch()
var tops: [String: [String]] = [:]
var scores: [String: [Double]] = [:]
for (i, tokens) in queryTokens.enumerated() {
    let hits = checkIndex.search(tokens, limit: 10, scratch: &scratch)
    tops[String(format: "q%04d", i)] = hits.map { String(format: "s%05d", $0.document) }
    scores[String(format: "q%04d", i)] = hits.map(\.score)
}

func percentiles(_ samples: [Double]) -> [String: Double] {
    let s = samples.sorted()
    func at(_ q: Double) -> Double { s[min(s.count - 1, Int((q * Double(s.count - 1)).rounded()))] }
    return ["p50": at(0.5), "p99": at(0.99), "mean": s.reduce(0, +) / Double(s.count), "max": s.last ?? 0]
}

func time(_ body: () -> Void) -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

// Warm up, then time each query three rounds.
var searchTimes: [Double] = []
var sink = 0
for tokens in queryTokens { sink &+= checkIndex.search(tokens, limit: 10, scratch: &scratch).count }
for _ in 0..<3 {
    for tokens in queryTokens { searchTimes.append(time { sink &+= checkIndex.search(tokens, limit: 10, scratch: &scratch).count }) }
}

var buildSeconds = 0.0
var engine: AnswerEngine?
buildSeconds = time { engine = AnswerEngine(passages: passages) }
let shippedConfigEngine = engine!
var answerTimes: [Double] = []
for q in questions { sink &+= shippedConfigEngine.ask(q, audience: .public, scratch: &scratch).matches.count }
for _ in 0..<3 {
    for q in questions { answerTimes.append(time { sink &+= shippedConfigEngine.ask(q, audience: .public, scratch: &scratch).matches.count }) }
}

let result: [String: Any] = [
    "sections": sectionCount, "queries": questions.count, "top": tops, "scores": scores,
    "index_seconds": buildSeconds,
    "search_seconds_per_query": percentiles(searchTimes),
    "answer_seconds_per_query": percentiles(answerTimes),
    "sink": sink,
]
try JSONSerialization.data(withJSONObject: result, options: [.sortedKeys]).write(to: out.appendingPathComponent("swift.json"))
let s = percentiles(searchTimes), a = percentiles(answerTimes)
print(String(format: "pmo answer engine, %d sections, %d queries × 3: search p50 %.1f µs p99 %.1f µs; answer p50 %.1f µs p99 %.1f µs; index built in %.2f s",
             sectionCount, questions.count, s["p50"]! * 1e6, s["p99"]! * 1e6, a["p50"]! * 1e6, a["p99"]! * 1e6, buildSeconds))
_ = checkEngine
