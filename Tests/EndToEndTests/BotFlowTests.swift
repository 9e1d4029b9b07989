import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Every output of a run, for the secrets check.
private final class Transcript: @unchecked Sendable {
    private let lock = NSLock()
    private var texts: [String] = []

    func add(_ result: BinaryRunner.Result) {
        lock.lock(); defer { lock.unlock() }
        texts.append(result.stdout)
        texts.append(result.stderr)
    }

    var all: String {
        lock.lock(); defer { lock.unlock() }
        return texts.joined(separator: "\n")
    }
}

@Suite("Chat bot: channels, reminders, delivery, through the binary", .serialized)
struct BotFlowTests {
    static let now = "2026-03-18T09:00:00Z"

    /// Runs pmo in the fixture with a fixed time and no proxy for loopback; records the output.
    private func run(_ fixture: LearnerFixture, _ arguments: [String], stdin: String = "", user: String = "e2e", now: String = now,
                     transcript: Transcript) throws -> BinaryRunner.Result {
        var environment = fixture.environment(user: user)
        environment["PMO_NOW"] = now
        environment["no_proxy"] = "127.0.0.1,localhost"
        environment["NO_PROXY"] = "127.0.0.1,localhost"
        let result = try BinaryRunner.run(arguments, stdin: stdin, environment: environment, currentDirectory: fixture.root)
        transcript.add(result)
        return result
    }

    @Test("channels, reminders and delivery; running remind twice posts nothing new; no webhook secret in any output")
    func endToEnd() throws {
        let fixture = try LearnerFixture()
        let transcript = Transcript()
        let server = try TestHTTPServer(keepAlive: true) { request in
            request.path.contains("/gone/")
                ? .init(status: 410, body: "channel_is_archived for \(request.path)")
                : .init(status: 200, body: "ok")
        }
        defer { server.stop() }
        let secrets = ["T0SECRET9", "B0SECRET9", "xoxSECRETtoken123", "GONESECRET77", "tokenGONE42xyz", "/services/", "/hooks/gone"]
        let pmoURL = server.baseURL + "/services/T0SECRET9/B0SECRET9/xoxSECRETtoken123"
        let goneURL = server.baseURL + "/hooks/gone/GONESECRET77/tokenGONE42xyz"

        #expect(try run(fixture, ["progress"], transcript: transcript).status == 0)  // e2e administers the fresh database
        let roster = fixture.root.appendingPathComponent("roster.csv")
        try "id,name,unit,slack\nada,Ada Lovelace,Org/PMO,U0ADA1234\nbob,Bob,Org/PMO,\ncy,Cy,Org/Sales,\n"
            .write(to: roster, atomically: true, encoding: .utf8)
        #expect(try run(fixture, ["people", "import", roster.path], transcript: transcript).status == 0)

        // Channels: the URL from standard input for one, from the command line for the other.
        let added = try run(fixture, ["bot", "channel", "add", "pmo", "--url", "-", "--format", "slack", "--unit", "org-pmo"],
                            stdin: pmoURL + "\n", transcript: transcript)
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.stdout.contains("Added channel 'pmo'") && added.stdout.contains("\(server.baseURL)/…"))
        #expect(try run(fixture, ["bot", "channel", "add", "gone", "--url", goneURL, "--unit", "org-sales", "--quiet-hours", "22:00-06:00",
                                  "--timezone", "Europe/Berlin"], transcript: transcript).status == 0)
        let badURL = try run(fixture, ["bot", "channel", "add", "bad", "--url", "ftp://example.com/xoxSECRETtoken123"], transcript: transcript)
        #expect(badURL.status != 0 && badURL.stderr.contains("must be an http or https url"))
        let list = try run(fixture, ["bot", "channel", "list", "--json"], transcript: transcript)
        let channels = try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]] ?? []
        #expect(channels.compactMap { $0["url"] as? String } == ["\(server.baseURL)/…", "\(server.baseURL)/…"])
        #expect(channels.contains { $0["quietHours"] as? String == "22:00-06:00" && $0["timezone"] as? String == "Europe/Berlin" })
        #expect(try run(fixture, ["bot", "channel", "list"], transcript: transcript).stdout.contains("gone"))

        // Only administrators manage the bot.
        let refused = try run(fixture, ["bot", "channel", "list"], user: "bob", transcript: transcript)
        #expect(refused.status != 0 && refused.stderr.contains("only an administrator"))

        // Test posts show the platform's answer.
        let test = try run(fixture, ["bot", "channel", "test", "pmo"], transcript: transcript)
        #expect(test.status == 0, "\(test.stderr)")
        #expect(test.stdout.contains("http 200 delivered") && test.stdout.contains("Answer: ok"), "\(test.stdout)")
        let failedTest = try run(fixture, ["bot", "channel", "test", "gone"], transcript: transcript)
        #expect(failedTest.status != 0)
        #expect(failedTest.stdout.contains("http 410") && failedTest.stderr.contains("channel_is_archived"), "\(failedTest.stdout)\n\(failedTest.stderr)")

        // Reminders: an assignment due in two days for the PMO unit.
        #expect(try run(fixture, ["assign", "e2e", "--unit", "org-pmo", "--due", "2026-03-20"], transcript: transcript).status == 0)
        let dryRun = try run(fixture, ["bot", "remind", "--dry-run"], transcript: transcript)
        #expect(dryRun.status == 0, "\(dryRun.stderr)")
        #expect(dryRun.stdout.contains("pmo  assignments-due  person:ada/course:e2e/due-soon  2026-03-20"), "\(dryRun.stdout)")
        #expect(dryRun.stdout.contains("Would plan 6 new reminders"), "\(dryRun.stdout)")
        #expect(server.requests.count == 2, "a dry run posts nothing")

        let remind = try run(fixture, ["bot", "remind", "--verbose"], transcript: transcript)
        #expect(remind.status == 0, "\(remind.stderr)")
        #expect(remind.stdout.contains("Planned 6 new reminders (0 already planned): assignments-due 2, digest 2, maturity-due 2"), "\(remind.stdout)")
        #expect(remind.stdout.contains("Delivered 4 messages in 1 post; 0 to retry, 2 dead"), "\(remind.stdout)")
        #expect(remind.stderr.contains("pmo: 4 messages, part 1/1 → \(server.baseURL)/… → http 200 delivered"), "\(remind.stderr)")
        let posts = server.requests.filter { $0.path.hasPrefix("/services/") }
        let slack = String(decoding: posts.last?.body ?? Data(), as: UTF8.self)
        #expect(slack.contains("<@U0ADA1234>") && slack.contains("@Bob") && slack.contains("Assignment due soon"), "\(slack)")
        #expect(!slack.contains("theta") && !slack.contains("score"))

        let again = try run(fixture, ["bot", "remind"], transcript: transcript)
        #expect(again.stdout.contains("Planned 0 new reminders (6 already planned)"), "\(again.stdout)")
        #expect(again.stdout.contains("Delivered 0 messages in 0 posts"))
        #expect(server.requests.count == 4, "nothing new was posted")

        // The dead letter keeps the platform's error, scrubbed; retry gives it one more attempt.
        let dead = try run(fixture, ["bot", "outbox", "--dead", "--json"], transcript: transcript)
        let deadRows = try JSONSerialization.jsonObject(with: Data(dead.stdout.utf8)) as? [[String: Any]] ?? []
        #expect(deadRows.count == 2, "the sales channel's merged post (digest and maturity) was refused")
        for row in deadRows {
            let error = row["lastError"] as? String ?? ""
            #expect(error.contains("410") && error.contains("channel_is_archived"), "\(error)")
        }
        #expect(try run(fixture, ["bot", "outbox", "--dead"], transcript: transcript).stdout.contains("channel_is_archived"))
        let id = deadRows.first?["id"] as? Int ?? -1
        let retry = try run(fixture, ["bot", "retry", "\(id)"], transcript: transcript)
        #expect(retry.status == 0 && retry.stdout.contains("Queued message \(id) again"), "\(retry.stderr)")
        #expect(try run(fixture, ["bot", "outbox"], transcript: transcript).stdout.contains("gone"))
        let redeliver = try run(fixture, ["bot", "deliver", "--verbose"], transcript: transcript)
        #expect(redeliver.stdout.contains("0 to retry, 1 dead"), "\(redeliver.stdout)")
        #expect(try run(fixture, ["bot", "retry", "999"], transcript: transcript).stderr.contains("not a dead letter"))

        #expect(try run(fixture, ["bot", "channel", "remove", "gone"], transcript: transcript).stdout.contains("Removed channel 'gone'"))
        #expect(try run(fixture, ["bot", "channel", "test", "gone"], transcript: transcript).stderr.contains("there is no channel 'gone'"))
        #expect(try run(fixture, ["audit"], transcript: transcript).stdout.contains("bot-channel-add"))

        let everything = transcript.all
        #expect(everything.contains("http 410"), "the transcript holds the runs")
        for secret in secrets {
            #expect(!everything.contains(secret), "'\(secret)' appeared in the output")
        }
    }

    /// Eight channels whose digests are planned at 09:00 during quiet hours, then a `pmo bot deliver`
    /// started at 10:00 against a slow receiver (1 s per answer, 4 posts at a time), returned once
    /// six posts have arrived and a little more time has passed: a run caught in the middle.
    private struct DeliveryInFlight {
        let fixture: LearnerFixture
        let transcript = Transcript()
        let slow = SlowSwitch()
        let server: TestHTTPServer
        let names: [String]
        let process = Process()
        let standardError = Pipe()

        init(prefix: String, secret: String, run: (LearnerFixture, [String], Transcript) throws -> BinaryRunner.Result) throws {
            fixture = try LearnerFixture()
            let slow = self.slow
            server = try TestHTTPServer(keepAlive: true) { _ in .init(status: 200, body: "ok", delay: slow.delay) }
            names = (1...8).map { "\(prefix)\($0)" }
            #expect(try run(fixture, ["progress"], transcript).status == 0)
            for name in names {
                // Quiet until 10:00 UTC: planning at 09:00 queues the digests without posting them.
                let added = try run(fixture, ["bot", "channel", "add", name, "--url", server.baseURL + "/hooks/\(name)/\(secret)\(name)x",
                                              "--format", "generic", "--quiet-hours", "08:00-10:00"], transcript)
                #expect(added.status == 0, "\(added.stderr)")
            }
            let planned = try run(fixture, ["bot", "remind"], transcript)
            #expect(planned.stdout.contains("Planned 8 new reminders") && planned.stdout.contains("8 held for quiet hours"),
                    "\(planned.stdout)")
            #expect(server.requests.isEmpty)

            var environment = fixture.environment()
            environment["PMO_NOW"] = "2026-03-18T10:00:00Z"
            environment["no_proxy"] = "127.0.0.1,localhost"
            process.executableURL = BinaryRunner.binary
            process.arguments = ["bot", "deliver", "--no-rate-limit"]
            process.environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("PMO_") }.merging(environment) { $1 }
            process.currentDirectoryURL = fixture.root
            process.standardOutput = FileHandle.nullDevice
            process.standardError = standardError
            try process.run()
            let deadline = Date().addingTimeInterval(20)
            while server.requests.count < 6, Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
            Thread.sleep(forTimeInterval: 0.3)
        }

        /// How often each channel was posted to.
        var posts: [String: Int] {
            var posts: [String: Int] = [:]
            for request in server.requests { posts[request.path.split(separator: "/")[1].description, default: 0] += 1 }
            return posts
        }
    }

    @Test("a killed deliver loses nothing and posts nothing again that was already delivered")
    func killedDelivery() throws {
        let inFlight = try DeliveryInFlight(prefix: "k", secret: "SECRETkill") { try run($0, $1, transcript: $2) }
        let (fixture, transcript, slow, server, names, process) =
            (inFlight.fixture, inFlight.transcript, inFlight.slow, inFlight.server, inFlight.names, inFlight.process)
        defer { server.stop() }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        let receivedBeforeKill = server.requests.count
        #expect(receivedBeforeKill >= 6 && receivedBeforeKill <= 8, "\(receivedBeforeKill) posts had arrived")

        func statuses(now: String) throws -> [String: String] {
            let outbox = try run(fixture, ["bot", "outbox", "--all", "--json"], now: now, transcript: transcript)
            let rows = try JSONSerialization.jsonObject(with: Data(outbox.stdout.utf8)) as? [[String: Any]] ?? []
            return Dictionary(rows.map { ($0["channel"] as? String ?? "", $0["status"] as? String ?? "") }, uniquingKeysWith: { a, _ in a })
        }
        let afterKill = try statuses(now: "2026-03-18T10:00:05Z")
        let deliveredBeforeKill = Set(afterKill.filter { $0.value == "delivered" }.keys)
        #expect(deliveredBeforeKill.count >= 4, "\(afterKill)")
        #expect(afterKill.count == 8 && afterKill.values.allSatisfy { $0 == "delivered" || $0 == "pending" }, "nothing lost: \(afterKill)")

        // While the dead worker's lease runs, nothing is posted again; after it, the rest is.
        slow.delay = 0
        let early = try run(fixture, ["bot", "deliver"], now: "2026-03-18T10:01:00Z", transcript: transcript)
        #expect(early.stdout.contains("Delivered 0 messages"), "\(early.stdout)")
        #expect(server.requests.count == receivedBeforeKill)
        let resumed = try run(fixture, ["bot", "deliver"], now: "2026-03-18T10:06:00Z", transcript: transcript)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stdout.contains("Delivered \(8 - deliveredBeforeKill.count) messages"), "\(resumed.stdout)")
        let final = try statuses(now: "2026-03-18T10:07:00Z")
        #expect(final.count == 8 && final.values.allSatisfy { $0 == "delivered" }, "\(final)")

        let posts = inFlight.posts
        for name in names {
            let count = posts[name] ?? 0
            if deliveredBeforeKill.contains(name) {
                #expect(count == 1, "\(name) was delivered before the kill and posted \(count) times")
            } else {
                // In flight when the worker died: the receiver may have it already (the documented duplicate).
                #expect(count >= 1 && count <= 2, "\(name) posted \(count) times")
            }
        }
        #expect(!transcript.all.contains("SECRETkill"))
    }

    @Test("Ctrl-C stops deliver tidily: posts made are recorded, the rest is released for the next run at once")
    func interruptedDelivery() throws {
        let inFlight = try DeliveryInFlight(prefix: "i", secret: "SECRETint") { try run($0, $1, transcript: $2) }
        let (fixture, transcript, slow, server, names, process) =
            (inFlight.fixture, inFlight.transcript, inFlight.slow, inFlight.server, inFlight.names, inFlight.process)
        defer { server.stop() }
        kill(process.processIdentifier, SIGINT)
        let stderr = String(decoding: inFlight.standardError.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit && process.terminationStatus == 130, "\(process.terminationStatus): \(stderr)")
        // "Stopped after delivering N messages. …": at least the four answered before Ctrl-C.
        let reported = stderr.components(separatedBy: "Stopped after delivering ").dropFirst().first
            .flatMap { Int($0.prefix(while: \.isNumber)) }
        #expect(reported.map { (4...8).contains($0) } == true && stderr.contains("due again"), "\(stderr)")
        let receivedBeforeStop = server.requests.count

        // Unlike after a kill, the next run does not wait for the lease: it posts the rest at once.
        slow.delay = 0
        let next = try run(fixture, ["bot", "deliver"], now: "2026-03-18T10:00:05Z", transcript: transcript)
        #expect(next.status == 0, "\(next.stderr)")
        if let reported { #expect(next.stdout.contains("Delivered \(8 - reported) message"), "\(next.stdout)") }
        let outbox = try run(fixture, ["bot", "outbox", "--all", "--json"], now: "2026-03-18T10:00:06Z", transcript: transcript)
        let rows = try JSONSerialization.jsonObject(with: Data(outbox.stdout.utf8)) as? [[String: Any]] ?? []
        #expect(rows.count == 8 && rows.allSatisfy { $0["status"] as? String == "delivered" }, "\(outbox.stdout)")
        let posts = inFlight.posts
        #expect(names.allSatisfy { (posts[$0] ?? 0) >= 1 }, "\(posts)")
        // Only posts on the wire at Ctrl-C (at most 4 at a time here) may go out twice.
        #expect(server.requests.count - 8 <= 4 && receivedBeforeStop >= 6, "\(posts)")
        #expect(!transcript.all.contains("SECRETint") && !stderr.contains("SECRETint"))
    }
}

/// The receiver's answer delay, switchable while it runs.
private final class SlowSwitch: @unchecked Sendable {
    private let lock = NSLock()
    private var value: TimeInterval = 1.0

    var delay: TimeInterval {
        get { lock.lock(); defer { lock.unlock() }; return value }
        set { lock.lock(); value = newValue; lock.unlock() }
    }
}
