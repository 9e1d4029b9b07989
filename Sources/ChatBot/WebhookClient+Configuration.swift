import Foundation

extension WebhookClient {
    /// Timeouts, concurrency and limits of a ``WebhookClient``.
    public struct Configuration: Sendable {
        /// Where proxies come from.
        public enum ProxyPolicy: Sendable, Equatable {
            /// libcurl's default: `https_proxy`, `http_proxy` (lower case), `ALL_PROXY`, `NO_PROXY`.
            case environment
            /// Connect directly even when the environment names a proxy.
            case disabled
        }

        /// Longest wait for the TCP and TLS connection (`CURLOPT_CONNECTTIMEOUT_MS`).
        public var connectTimeout: Duration
        /// Longest wait for the whole post, answer included (`CURLOPT_TIMEOUT_MS`).
        public var totalTimeout: Duration
        /// Posts in flight at once, over all destinations.
        public var maxConcurrentTransfers: Int
        /// Posts in flight at once to one origin (scheme, host, port); bounds the connections
        /// opened to it. Further posts to that origin wait in the client's queue, where no
        /// timeout runs yet.
        public var maxConcurrentTransfersPerHost: Int
        /// Idle connections kept alive for reuse (`CURLMOPT_MAXCONNECTS`).
        public var maxCachedConnections: Int
        /// The most bytes of an answer's body kept in ``WebhookResult/body``.
        public var maxBodyBytes: Int
        /// Proxy policy; the default honours the environment.
        public var proxy: ProxyPolicy
        /// The `User-Agent` header.
        public var userAgent: String
        /// Receives one line per finished post; lines carry redacted URLs only.
        public var log: (@Sendable (String) -> Void)?

        public init(connectTimeout: Duration = .seconds(5), totalTimeout: Duration = .seconds(15),
                    maxConcurrentTransfers: Int = 128, maxConcurrentTransfersPerHost: Int = 4,
                    maxCachedConnections: Int = 128, maxBodyBytes: Int = 4096,
                    proxy: ProxyPolicy = .environment, userAgent: String = "pmo-academy-webhook/1",
                    log: (@Sendable (String) -> Void)? = nil) {
            self.connectTimeout = connectTimeout
            self.totalTimeout = totalTimeout
            self.maxConcurrentTransfers = max(1, maxConcurrentTransfers)
            self.maxConcurrentTransfersPerHost = max(1, maxConcurrentTransfersPerHost)
            self.maxCachedConnections = max(1, maxCachedConnections)
            self.maxBodyBytes = max(0, maxBodyBytes)
            self.proxy = proxy
            self.userAgent = userAgent
            self.log = log
        }

        /// Milliseconds for libcurl, at least 1.
        static func milliseconds(_ duration: Duration) -> Int {
            let (seconds, attoseconds) = duration.components
            let total = seconds * 1000 + attoseconds / 1_000_000_000_000_000
            return Int(max(1, total))
        }
    }
}
