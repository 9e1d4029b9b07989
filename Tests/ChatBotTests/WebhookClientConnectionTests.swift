import ChatBot
import Foundation
import TestSupport
import Testing

@Suite("WebhookClient: connection reuse and concurrency")
struct WebhookClientConnectionTests {
    @Test("20 sequential posts to one server reuse one kept-alive connection")
    func keepAlive() async throws {
        let server = try TestHTTPServer(keepAlive: true) { _ in .init(status: 200, body: "ok") }
        defer { server.stop() }
        let client = makeTestClient()
        var opened = 0
        for index in 0..<20 {
            let result = await client.send(.test(server.baseURL + "/hook", body: #"{"n":\#(index)}"#))
            #expect(result.isDelivered)
            opened += result.connectionsOpened
        }
        #expect(server.requests.count == 20)
        #expect(server.connectionCount <= 2)
        #expect(opened == server.connectionCount)
    }

    @Test("posts to 5 servers run concurrently and all succeed")
    func concurrentDestinations() async throws {
        let arrivals = LogCollector()
        let servers = try (0..<5).map { _ in
            try TestHTTPServer { _ in
                arrivals.sink("\(Date().timeIntervalSinceReferenceDate)")
                return .init(status: 200, body: "ok", delay: 0.6)
            }
        }
        defer { servers.forEach { $0.stop() } }
        let results = await makeTestClient().send(servers.map { .test($0.baseURL + "/hook") })
        #expect(results.count == 5)
        #expect(results.allSatisfy { $0.isDelivered })
        #expect(servers.allSatisfy { $0.requests.count == 1 })
        // Each server answers 0.6 s after a request arrives: one after the other, arrivals would
        // spread over 2.4 s; concurrently, all five arrive before the first answer.
        let times = arrivals.lines.compactMap(Double.init)
        #expect(times.count == 5)
        #expect((times.max() ?? 0) - (times.min() ?? 0) < 0.5, "arrivals spread over \(times): not concurrent")
        #expect(results.allSatisfy { $0.duration < 1.2 })
    }

    @Test("posts to one host never exceed the per-host limit of connections")
    func perHostLimit() async throws {
        let server = try TestHTTPServer(keepAlive: true) { _ in .init(status: 204, delay: 0.05) }
        defer { server.stop() }
        let client = WebhookClient(configuration: .init(totalTimeout: .seconds(10), maxConcurrentTransfersPerHost: 3, proxy: .disabled))
        let results = await client.send((0..<30).map { .test(server.baseURL + "/hook/\($0)") })
        #expect(results.allSatisfy { $0.isDelivered })
        #expect(server.requests.count == 30)
        #expect(server.connectionCount <= 3)
    }

    @Test("the results of a batch come back in request order")
    func batchOrder() async throws {
        let server = try TestHTTPServer(keepAlive: true) { request in
            .init(status: 200, body: String(decoding: request.body, as: UTF8.self))
        }
        defer { server.stop() }
        let results = await makeTestClient().send((0..<8).map { .test(server.baseURL + "/hook", body: "n\($0)") })
        #expect(results.map(\.body) == (0..<8).map { "n\($0)" })
    }

    @Test("a server that closes kept-alive connections is handled")
    func serverClosesConnections() async throws {
        let server = try TestHTTPServer(keepAlive: false) { _ in .init(status: 200, body: "ok") }
        defer { server.stop() }
        let client = makeTestClient()
        for _ in 0..<5 {
            #expect(await client.send(.test(server.baseURL + "/hook")).isDelivered)
        }
        #expect(server.connectionCount == 5)
    }
}
