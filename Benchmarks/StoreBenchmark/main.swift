// pmo-bench: measures the store on a large database (see docs/benchmarks.md).
//
//   pmo-bench fill DB --persons 1000 --responses 1000000   fill a database
//   pmo-bench record DB --count 5000                       latency of recordAnswer, percentiles
//   pmo-bench dashboard DB --count 200                     latency of the dashboard query
import AcademyCore
import AcademyStore
import Foundation

@main
struct StoreBenchmark {
    static func main() async throws {
        let arguments = CommandLine.arguments
        guard arguments.count >= 3 else {
            print("usage: pmo-bench fill|record|dashboard DB [--persons N] [--responses N] [--count N]")
            exit(2)
        }
        func option(_ name: String, _ fallback: Int) -> Int {
            guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return fallback }
            return Int(arguments[index + 1]) ?? fallback
        }
        let store = try SQLiteStore(path: arguments[2])
        let t0 = Date(timeIntervalSince1970: 1_780_000_000)
        switch arguments[1] {
        case "fill":
            let persons = option("--persons", 1000)
            let total = option("--responses", 1_000_000)
            let perPerson = total / persons
            let started = Date()
            for p in 0..<persons {
                let person = try await store.enrolPerson(login: "person\(p)", name: "Person \(p)", at: t0)
                let quizzes = max(1, perPerson / 20)
                for q in 0..<quizzes {
                    let ids = (0..<20).map { "item-\((p * 7 + q * 20 + $0) % 5000)" }
                    let attempt = try await store.createAttempt(Attempt(personID: person.personID, kind: .quiz, scope: "course:risk",
                                                                        plan: QuizPlan(itemIDs: ids, optionOrders: [:]), startedAt: t0))
                    try await store.bulkInsertResponses(ids.enumerated().map { n, id in
                        ResponseRecord(attemptID: attempt.id, personID: person.personID, itemID: id, competency: "risk-management",
                                       answer: .choices([n % 4]), correct: n % 3 != 0, seconds: 8, answeredAt: t0.addingTimeInterval(Double(q * 60 + n)))
                    })
                    try await store.finishAttempt(id: attempt.attemptID, at: t0.addingTimeInterval(Double(q * 60 + 30)))
                }
                for r in 0..<20 {
                    try await store.saveReviewCard(ReviewCardRecord(personID: person.personID, itemID: "item-\(r)",
                                                                    due: t0.addingTimeInterval(Double(r - 10) * 86_400), state: Data("{}".utf8), updatedAt: t0))
                }
            }
            print("filled \(persons) persons × \(perPerson) responses in \(String(format: "%.1f", Date().timeIntervalSince(started))) s")
        case "record":
            let count = option("--count", 5000)
            let person = try await store.enrolPerson(login: "bench-recorder", name: "Recorder", at: t0)
            let ids = (0..<count).map { "item-\($0)" }
            let attempt = try await store.createAttempt(Attempt(personID: person.personID, kind: .quiz, scope: "course:bench",
                                                                plan: QuizPlan(itemIDs: ids, optionOrders: [:]), startedAt: t0))
            var latencies: [Double] = []
            for id in ids {
                let start = DispatchTime.now().uptimeNanoseconds
                _ = try await store.recordAnswer(ResponseRecord(attemptID: attempt.id, personID: person.personID, itemID: id,
                                                                competency: "risk-management", answer: .choices([1]), correct: true,
                                                                seconds: 5, answeredAt: Date()))
                latencies.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            }
            report("recordAnswer", latencies)
        case "dashboard":
            let count = option("--count", 200)
            guard let person = try await store.person(login: "person0") else { print("fill the database first"); exit(1) }
            var latencies: [Double] = []
            for _ in 0..<count {
                let start = DispatchTime.now().uptimeNanoseconds
                _ = try await store.dashboard(personID: person.personID, at: t0.addingTimeInterval(86_400))
                latencies.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            }
            report("dashboard query", latencies)
        default:
            print("unknown benchmark '\(arguments[1])'")
            exit(2)
        }
    }

    static func report(_ name: String, _ latencies: [Double]) {
        let sorted = latencies.sorted()
        func percentile(_ p: Double) -> Double { sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))] }
        print(String(format: "%@: n=%d  p50 %.3f ms  p90 %.3f ms  p99 %.3f ms  max %.3f ms",
                     name, sorted.count, percentile(0.5), percentile(0.9), percentile(0.99), sorted.last ?? 0))
    }
}
