import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A small real HTTP/1.1 server on 127.0.0.1 for tests, with fault injection.
///
/// Tests of HTTP clients talk to it over a real socket; the handler decides each response.
/// Each accepted connection is served on its own thread. By default every response closes its
/// connection; with `keepAlive: true` connections stay open for further requests, and
/// ``connectionCount`` tells how many TCP connections clients opened. A response can be delayed
/// (``Response/delay``) or replaced by a fault (``Response/fault``: a TCP reset, or a close without
/// any answer).
public final class TestHTTPServer: @unchecked Sendable {
    public struct Request: Sendable {
        public var method: String
        public var path: String
        public var headers: [String: String]
        public var body: Data
        /// The 1-based number of the TCP connection the request arrived on.
        public var connection: Int
    }

    public struct Response: Sendable {
        /// What to do instead of answering.
        public enum Fault: Sendable {
            /// Close the connection with a TCP RST (SO_LINGER 0) after reading the request.
            case reset
            /// Close the connection cleanly after reading the request, without an answer.
            case closeWithoutResponse
        }

        public var status: Int
        public var headers: [String: String]
        public var body: Data
        /// Seconds to wait before answering (or before the fault).
        public var delay: TimeInterval
        /// A fault instead of the answer, or nil.
        public var fault: Fault?

        public init(status: Int, headers: [String: String] = [:], body: String = "", delay: TimeInterval = 0) {
            self.status = status
            self.headers = headers
            self.body = Data(body.utf8)
            self.delay = delay
            self.fault = nil
        }

        /// A connection reset after the request was read.
        public static func reset(after delay: TimeInterval = 0) -> Response {
            var response = Response(status: 0, delay: delay)
            response.fault = .reset
            return response
        }

        /// A clean close after the request was read, with no answer.
        public static func closeWithoutResponse(after delay: TimeInterval = 0) -> Response {
            var response = Response(status: 0, delay: delay)
            response.fault = .closeWithoutResponse
            return response
        }
    }

    public let port: Int
    /// True when connections are kept open between requests.
    public let keepAlive: Bool
    private let listener: Int32
    private let lock = NSLock()
    private var recorded: [Request] = []
    private var accepted = 0
    private var openClients: Set<Int32> = []
    private var stopped = false
    private let handler: @Sendable (Request) -> Response

    /// Starts listening on an ephemeral port of 127.0.0.1.
    public init(keepAlive: Bool = false, handler: @escaping @Sendable (Request) -> Response) throws {
        self.handler = handler
        self.keepAlive = keepAlive
        #if canImport(Glibc)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw POSIXError(.EIO) }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 128) == 0 else { close(fd); throw POSIXError(.EADDRINUSE) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        listener = fd
        port = Int(UInt16(bigEndian: address.sin_port))
        let thread = Thread { [self] in serve() }
        thread.start()
    }

    deinit { stop() }

    /// The base URL, e.g. `http://127.0.0.1:41234`.
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Every request received so far.
    public var requests: [Request] {
        lock.lock(); defer { lock.unlock() }
        return recorded
    }

    /// How many TCP connections have been accepted so far.
    public var connectionCount: Int {
        lock.lock(); defer { lock.unlock() }
        return accepted
    }

    /// Waits until at least `count` requests have arrived (or `timeout` has passed): a test that must act
    /// while a post is on the wire waits for that, rather than for a time that a busy machine may overrun.
    public func waitForRequests(_ count: Int, timeout: TimeInterval = 30) async throws {
        let deadline = Date().addingTimeInterval(timeout)
        while requests.count < count, Date() < deadline { try await Task.sleep(for: .milliseconds(5)) }
    }

    /// Stops listening and shuts down open connections. Idempotent.
    public func stop() {
        lock.lock()
        guard !stopped else { lock.unlock(); return }
        stopped = true
        for client in openClients { shutdown(client, Int32(SHUT_RDWR)) }
        lock.unlock()
        // Only the accepting thread closes the listener, once `accept` has failed: closing it here
        // would let the descriptor number be reused by another server while that thread is about
        // to call `accept` on it again, stealing that server's connections.
        shutdown(listener, Int32(SHUT_RDWR))
    }

    private func serve() {
        defer { close(listener) }
        while true {
            let client = accept(listener, nil, nil)
            if client < 0 { return }
            lock.lock()
            if stopped {
                lock.unlock()
                close(client)
                return
            }
            accepted += 1
            let number = accepted
            openClients.insert(client)
            lock.unlock()
            #if canImport(Darwin)
            var yes: Int32 = 1
            setsockopt(client, SOL_SOCKET, SO_NOSIGPIPE, &yes, socklen_t(MemoryLayout<Int32>.size))
            #endif
            let thread = Thread { [self] in
                serveConnection(client, number: number)
            }
            thread.start()
        }
    }

    private func serveConnection(_ client: Int32, number: Int) {
        var buffer = Data()
        var resetOnClose = false
        while let request = readRequest(client, buffer: &buffer, connection: number) {
            lock.lock(); recorded.append(request); lock.unlock()
            let response = handler(request)
            if response.delay > 0 { Thread.sleep(forTimeInterval: response.delay) }
            if let fault = response.fault {
                resetOnClose = fault == .reset
                break
            }
            let closeAfter = !keepAlive || request.headers["connection"]?.lowercased() == "close"
            guard writeResponse(response, to: client, close: closeAfter), !closeAfter else { break }
        }
        lock.lock(); openClients.remove(client); lock.unlock()
        if resetOnClose {
            var option = linger(l_onoff: 1, l_linger: 0)
            setsockopt(client, SOL_SOCKET, SO_LINGER, &option, socklen_t(MemoryLayout<linger>.size))
        }
        close(client)
    }

    /// Reads one request; leftover bytes of a following request stay in `buffer`.
    private func readRequest(_ client: Int32, buffer: inout Data, connection: Int) -> Request? {
        var chunk = [UInt8](repeating: 0, count: 65536)
        var headerEnd = buffer.range(of: Data("\r\n\r\n".utf8))
        while headerEnd == nil {
            let n = read(client, &chunk, chunk.count)
            if n <= 0 { return nil }
            buffer.append(contentsOf: chunk[0..<n])
            headerEnd = buffer.range(of: Data("\r\n\r\n".utf8))
        }
        guard let end = headerEnd else { return nil }
        let head = String(decoding: buffer[buffer.startIndex..<end.lowerBound], as: UTF8.self)
        var lines = head.components(separatedBy: "\r\n")
        let requestLine = lines.removeFirst().split(separator: " ")
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let length = Int(headers["content-length"] ?? "0") ?? 0
        var rest = Data(buffer[end.upperBound...])
        while rest.count < length {
            let n = read(client, &chunk, chunk.count)
            if n <= 0 { break }
            rest.append(contentsOf: chunk[0..<n])
        }
        let body = Data(rest.prefix(length))
        buffer = Data(rest.dropFirst(length))
        return Request(method: requestLine.first.map(String.init) ?? "", path: requestLine.dropFirst().first.map(String.init) ?? "",
                       headers: headers, body: body, connection: connection)
    }

    /// Writes a response; false when the client has gone.
    private func writeResponse(_ response: Response, to client: Int32, close: Bool) -> Bool {
        var text = "HTTP/1.1 \(response.status) \(TestHTTPServer.reason(response.status))\r\n"
        var responseHeaders = response.headers
        responseHeaders["Content-Length"] = "\(response.body.count)"
        responseHeaders["Connection"] = close ? "close" : "keep-alive"
        for (name, value) in responseHeaders.sorted(by: { $0.key < $1.key }) { text += "\(name): \(value)\r\n" }
        text += "\r\n"
        var output = Data(text.utf8)
        output.append(response.body)
        return output.withUnsafeBytes { raw -> Bool in
            guard let base = raw.baseAddress else { return true }
            var offset = 0
            while offset < raw.count {
                #if canImport(Glibc)
                let n = send(client, base + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
                #else
                let n = send(client, base + offset, raw.count - offset, 0)
                #endif
                if n <= 0 { return false }
                offset += n
            }
            return true
        }
    }

    static func reason(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 202: "Accepted"
        case 204: "No Content"
        case 302: "Found"
        case 400: "Bad Request"
        case 404: "Not Found"
        case 410: "Gone"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 503: "Service Unavailable"
        default: "Status"
        }
    }
}
