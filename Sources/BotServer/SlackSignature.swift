import Crypto
import Foundation

/// Verifies Slack's request signature: `v0=` + hex HMAC-SHA256 of `v0:TIMESTAMP:BODY` under the app's
/// signing secret, over the raw body, within a window around now, compared in constant time.
public struct SlackSignature: Sendable {
    public enum Verdict: Equatable, Sendable {
        case valid
        case missingHeader
        case staleTimestamp
        case mismatch
    }

    let key: SymmetricKey
    public var window: TimeInterval

    public init(secret: String, window: TimeInterval = 300) {
        key = SymmetricKey(data: Data(secret.utf8))
        self.window = window
    }

    public func verify(body: some DataProtocol, timestamp: String?, signature: String?, now: Date) -> Verdict {
        guard let timestamp, let signature else { return .missingHeader }
        guard let seconds = Int(timestamp), abs(now.timeIntervalSince1970 - Double(seconds)) <= window else { return .staleTimestamp }
        guard signature.hasPrefix("v0="), let mac = Self.hexBytes(signature.dropFirst(3)), mac.count == SHA256.byteCount else {
            return .mismatch
        }
        var message = Data("v0:\(timestamp):".utf8)
        message.append(contentsOf: body)
        return HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: message, using: key) ? .valid : .mismatch
    }

    /// The signature Slack would send for `body` at `timestamp` (for tests and tools).
    public func sign(body: some DataProtocol, timestamp: String) -> String {
        var message = Data("v0:\(timestamp):".utf8)
        message.append(contentsOf: body)
        let mac = HMAC<SHA256>.authenticationCode(for: message, using: key)
        return "v0=" + mac.map { String(format: "%02x", $0) }.joined()
    }

    static func hexBytes(_ text: Substring) -> [UInt8]? {
        guard text.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.count / 2)
        var high: UInt8?
        for c in text.utf8 {
            guard let v = FormFields.hex(c) else { return nil }
            if let h = high { bytes.append(h << 4 | v); high = nil } else { high = v }
        }
        return bytes
    }
}

/// Token comparison that takes the same time whether the first or the last byte differs.
public enum ConstantTime {
    public static func equal(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        var difference = UInt8(x.count == y.count ? 0 : 1)
        let n = max(x.count, y.count)
        for i in 0..<n {
            difference |= (i < x.count ? x[i] : 0) ^ (i < y.count ? y[i] : 0)
        }
        return difference == 0
    }

    /// Whether `candidate` equals any of `tokens`, checking all of them.
    public static func matchesAny(_ candidate: String, _ tokens: [String]) -> Bool {
        var found = false
        for token in tokens where equal(candidate, token) { found = true }
        return found
    }
}
