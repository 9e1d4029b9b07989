/// What a widget asks its driver to do after a key.
public enum WidgetAction: Equatable, Sendable {
    case none
    case submit
    case quit
    case help
    /// The key means nothing here: show this hint.
    case hint(String)
}

/// A list of options with a cursor: single choice (Enter picks) or multiple (Space toggles, Enter submits).
public struct ChoiceMenu: Sendable, Equatable {
    public var options: [String]
    public var multiple: Bool
    public var cursor = 0
    public var selected: Set<Int> = []

    public init(options: [String], multiple: Bool) {
        self.options = options
        self.multiple = multiple
    }

    public mutating func handle(_ key: Key) -> WidgetAction {
        switch key {
        case .up, .character("k"): cursor = (cursor + options.count - 1) % max(1, options.count)
        case .down, .character("j"), .tab: cursor = (cursor + 1) % max(1, options.count)
        case .home: cursor = 0
        case .end: cursor = max(0, options.count - 1)
        case .space:
            if multiple { toggle(cursor) } else { selected = [cursor]; return .submit }
        case .enter:
            if multiple {
                return selected.isEmpty ? .hint("Select at least one option with Space, then press Enter") : .submit
            }
            selected = [cursor]
            return .submit
        case let .character(c):
            if let digit = c.wholeNumberValue, digit >= 1, digit <= options.count {
                cursor = digit - 1
                if multiple { toggle(cursor) } else { selected = [cursor]; return .submit }
            } else if let index = ChoiceMenu.letterIndex(c), index < options.count {
                cursor = index
                if multiple { toggle(cursor) } else { selected = [cursor]; return .submit }
            } else if c == "q" {
                return .quit
            } else if c == "?" {
                return .help
            } else {
                return .hint(hintText)
            }
        case .interrupt, .endOfInput, .escape: return .quit
        default: return .hint(hintText)
        }
        return .none
    }

    var hintText: String {
        multiple
            ? "↑/↓ move · Space or 1–\(options.count) toggle · Enter answer · ? help · q save and quit"
            : "↑/↓ move · Enter or 1–\(options.count) answer · ? help · q save and quit"
    }

    mutating func toggle(_ index: Int) {
        if selected.contains(index) { selected.remove(index) } else { selected.insert(index) }
    }

    /// "a" → 0 … for letters a–f (the quiz shows letters); "q" is reserved for quit.
    static func letterIndex(_ c: Character) -> Int? {
        guard let ascii = c.lowercased().first?.asciiValue, ascii >= 97, ascii <= 102 else { return nil }
        return Int(ascii) - 97
    }

    /// The lines to draw: a cursor mark, a box for multiple choice, the letter and the text.
    public func render(style: Style, width: Int) -> [String] {
        var lines: [String] = []
        for (index, option) in options.enumerated() {
            let pointer = index == cursor ? style.cyan("❯ ") : "  "
            let box = multiple ? (selected.contains(index) ? style.green("[x] ") : "[ ] ") : ""
            let label = "\(Character(UnicodeScalar(UInt8(65 + index)))). "
            let prefix = pointer + box + style.bold(label)
            let indent = String(repeating: " ", count: 2 + (multiple ? 4 : 0) + label.count)
            let wrapped = MarkdownRenderer(style: style, width: width - indent.count).wrap(
                MarkdownRenderer(style: style, width: width).inline(option), width: width - indent.count)
            for (n, line) in wrapped.enumerated() {
                let text = index == cursor ? style.bold(line) : line
                lines.append((n == 0 ? prefix : indent) + text)
            }
        }
        return lines
    }
}

/// Steps to put in order: ↑/↓ move the cursor, Space picks a step up and drops it, and while
/// held ↑/↓ move the step. Number keys move the step under the cursor to that position.
public struct OrderingList: Sendable, Equatable {
    /// Original step indices in their current order.
    public var order: [Int]
    public var labels: [String]
    public var cursor = 0
    public var holding = false

    public init(labels: [String], order: [Int]) {
        self.labels = labels
        self.order = order
    }

    public mutating func handle(_ key: Key) -> WidgetAction {
        switch key {
        case .up, .character("k"): move(by: -1)
        case .down, .character("j"): move(by: 1)
        case .space: holding.toggle()
        case .enter:
            if holding { holding = false; return .none }
            return .submit
        case let .character(c):
            if let digit = c.wholeNumberValue, digit >= 1, digit <= order.count {
                let step = order.remove(at: cursor)
                order.insert(step, at: digit - 1)
                cursor = digit - 1
            } else if c == "q" {
                return .quit
            } else if c == "?" {
                return .help
            } else {
                return .hint(hintText)
            }
        case .interrupt, .endOfInput, .escape: return .quit
        default: return .hint(hintText)
        }
        return .none
    }

    var hintText: String { "↑/↓ move · Space pick up/drop · 1–\(order.count) move here · Enter answer · q save and quit" }

    mutating func move(by delta: Int) {
        let target = cursor + delta
        guard target >= 0, target < order.count else { return }
        if holding { order.swapAt(cursor, target) }
        cursor = target
    }

    public func render(style: Style, width: Int) -> [String] {
        order.enumerated().map { position, step in
            let pointer = position == cursor ? (holding ? style.yellow("⇅ ") : style.cyan("❯ ")) : "  "
            let text = "\(position + 1). \(labels[step])".truncated(to: width - 2)
            return pointer + (position == cursor ? style.bold(text) : text)
        }
    }
}

/// One line of text input with a cursor.
public struct TextInput: Sendable, Equatable {
    public var text = ""
    public var cursor = 0
    /// Restricts input to digits, sign, decimal point and exponent.
    public var numeric: Bool

    public init(numeric: Bool) {
        self.numeric = numeric
    }

    public mutating func handle(_ key: Key) -> WidgetAction {
        var chars = Array(text)
        switch key {
        case .enter:
            return text.trimmingLeadingSpaces.isEmpty ? .hint("Type your answer, then press Enter (Esc to save and quit)") : .submit
        case .backspace:
            if cursor > 0 { chars.remove(at: cursor - 1); cursor -= 1 }
        case .delete:
            if cursor < chars.count { chars.remove(at: cursor) }
        case .left: cursor = max(0, cursor - 1)
        case .right: cursor = min(chars.count, cursor + 1)
        case .home: cursor = 0
        case .end: cursor = chars.count
        case .space:
            if numeric { return .hint("Numbers only: digits, '-' and '.'") }
            chars.insert(" ", at: cursor); cursor += 1
        case let .character(c):
            if numeric, !(c.isASCII && (c.isNumber || "-+.,eE".contains(c))) {
                return c == "?" ? .help : (c == "q" ? .quit : .hint("Numbers only: digits, '-' and '.'"))
            }
            chars.insert(c, at: cursor); cursor += 1
        case .interrupt, .endOfInput, .escape: return .quit
        default: break
        }
        text = String(chars)
        return .none
    }

    public func render(style: Style) -> String {
        let chars = Array(text)
        let before = String(chars[..<min(cursor, chars.count)])
        let at = cursor < chars.count ? String(chars[cursor]) : " "
        let after = cursor + 1 < chars.count ? String(chars[(cursor + 1)...]) : ""
        return style.cyan("› ") + before + style.inverse(at) + after
    }
}

/// A window onto long text: the first visible line and the page height.
public struct Pager: Sendable, Equatable {
    public var lines: [String]
    public var top = 0
    public var height: Int

    public init(lines: [String], height: Int) {
        self.lines = lines
        self.height = max(1, height)
    }

    public var maxTop: Int { max(0, lines.count - height) }
    public var atEnd: Bool { top >= maxTop }
    public var visible: ArraySlice<String> { lines[min(top, lines.count)..<min(lines.count, top + height)] }

    /// 0…100, how far through the text the bottom of the window is.
    public var percent: Int { lines.isEmpty ? 100 : min(100, (top + height) * 100 / lines.count) }

    public mutating func handle(_ key: Key) -> WidgetAction {
        switch key {
        case .down, .character("j"): top = min(maxTop, top + 1)
        case .up, .character("k"): top = max(0, top - 1)
        case .space, .pageDown, .character("f"):
            if atEnd { return key == .space ? .submit : .none }
            top = min(maxTop, top + max(1, height - 2))
        case .pageUp, .character("b"): top = max(0, top - max(1, height - 2))
        case .home, .character("g"): top = 0
        case .end, .character("G"): top = maxTop
        case .enter: return atEnd ? .submit : { top = min(maxTop, top + max(1, height - 2)); return .none }()
        case .character("q"), .interrupt, .endOfInput, .escape: return .quit
        case .character("?"): return .help
        default: return .hint("Space/↓ read on · b/↑ back · g/G top/end · Enter at the end to finish · q quit")
        }
        return .none
    }

    /// Keeps the window within the text after the height changed.
    public mutating func resize(height: Int) {
        self.height = max(1, height)
        top = min(top, maxTop)
    }
}

/// A one-line progress bar: `━━━━━━╸───── 6/10`.
public struct ProgressBar: Sendable {
    public static func render(done: Int, total: Int, width: Int, style: Style) -> String {
        let label = " \(done)/\(total)"
        let barWidth = max(4, width - label.count)
        let filled = total == 0 ? 0 : min(barWidth, done * barWidth / total)
        return style.green(String(repeating: "━", count: filled)) + style.dim(String(repeating: "─", count: barWidth - filled)) + label
    }
}
