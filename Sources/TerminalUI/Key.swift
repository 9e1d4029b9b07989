/// A key press, decoded from the bytes a terminal sends.
public enum Key: Equatable, Sendable {
    case up, down, left, right, home, end, pageUp, pageDown
    case enter, space, tab, backspace, delete, escape
    case character(Character)
    /// Ctrl-C in raw mode (the terminal sends it as a byte, not a signal).
    case interrupt
    /// Ctrl-D or the end of input.
    case endOfInput
    /// The terminal changed size; redraw.
    case resize
}

/// Turns raw terminal bytes into keys (ANSI/VT escape sequences, UTF-8 text).
public struct KeyDecoder: Sendable {
    public init() {}

    /// Decodes as many keys as the bytes hold; returns them and the bytes of an incomplete sequence.
    public func decode(_ bytes: [UInt8]) -> (keys: [Key], rest: [UInt8]) {
        var keys: [Key] = []
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            switch b {
            case 0x1B:
                if i + 1 >= bytes.count { keys.append(.escape); i += 1; continue }
                let next = bytes[i + 1]
                if next == UInt8(ascii: "[") || next == UInt8(ascii: "O") {
                    // CSI / SS3: parameters then a final byte in 0x40...0x7E.
                    var j = i + 2
                    while j < bytes.count, !(0x40...0x7E).contains(bytes[j]) { j += 1 }
                    if j >= bytes.count { return (keys, Array(bytes[i...])) }
                    let params = String(decoding: bytes[(i + 2)..<j], as: UTF8.self)
                    switch bytes[j] {
                    case UInt8(ascii: "A"): keys.append(.up)
                    case UInt8(ascii: "B"): keys.append(.down)
                    case UInt8(ascii: "C"): keys.append(.right)
                    case UInt8(ascii: "D"): keys.append(.left)
                    case UInt8(ascii: "H"): keys.append(.home)
                    case UInt8(ascii: "F"): keys.append(.end)
                    case UInt8(ascii: "~"):
                        switch params {
                        case "1", "7": keys.append(.home)
                        case "4", "8": keys.append(.end)
                        case "3": keys.append(.delete)
                        case "5": keys.append(.pageUp)
                        case "6": keys.append(.pageDown)
                        default: break
                        }
                    default: break
                    }
                    i = j + 1
                } else {
                    keys.append(.escape)
                    i += 1
                }
            case 0x0D, 0x0A: keys.append(.enter); i += 1
            case 0x20: keys.append(.space); i += 1
            case 0x09: keys.append(.tab); i += 1
            case 0x7F, 0x08: keys.append(.backspace); i += 1
            case 0x03: keys.append(.interrupt); i += 1
            case 0x04: keys.append(.endOfInput); i += 1
            case 0x00..<0x20: i += 1
            default:
                // A UTF-8 character: its length comes from the lead byte.
                let length = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1
                if i + length > bytes.count { return (keys, Array(bytes[i...])) }
                let text = String(decoding: bytes[i..<(i + length)], as: UTF8.self)
                if let character = text.first { keys.append(.character(character)) }
                i += length
            }
        }
        return (keys, [])
    }
}
