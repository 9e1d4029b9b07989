#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How a prompt ended.
public enum PromptOutcome<Value> {
    case value(Value)
    /// The person asked to stop (q, Esc, Ctrl-C).
    case quit
    /// Standard input ended or the terminal went away.
    case endOfInput
}

/// Asks questions in the terminal: full-screen raw-mode widgets when stdin and stdout are a
/// terminal, numbered line prompts otherwise (pipes, scripts, `TERM=dumb`).
public final class Prompter {
    public let style: Style
    private let terminal: RawTerminal?
    private var inAlternateScreen = false

    /// Interactive when `interactive` is true and both ends are a terminal.
    public init(style: Style, interactive: Bool) {
        self.style = style
        terminal = interactive ? RawTerminal() : nil
    }

    public var isInteractive: Bool { terminal != nil }

    public var width: Int { min(100, (terminal?.size.columns ?? Terminal.width())) }
    public var height: Int { terminal?.size.rows ?? 24 }

    /// Leaves the full screen and restores the terminal (idempotent).
    public func close() {
        guard let terminal else { return }
        if inAlternateScreen {
            terminal.write("\u{1B}[?25h\u{1B}[?1049l")
            inAlternateScreen = false
        }
        terminal.restore()
    }

    deinit { close() }

    /// Prints lines on the normal screen (after leaving the full-screen view).
    public func say(_ lines: [String]) {
        if let terminal {
            if inAlternateScreen {
                terminal.write("\u{1B}[?25h\u{1B}[?1049l")
                inAlternateScreen = false
            }
            terminal.write(lines.map { $0 + "\r\n" }.joined())
        } else {
            for line in lines { print(line) }
        }
    }

    // MARK: Prompts

    /// Picks one option (or several when `multiple`); returns original indices of `options`.
    public func choose(header: [String], options: [String], multiple: Bool, help: [String] = []) -> PromptOutcome<[Int]> {
        guard let terminal else { return lineChoose(header: header, options: options, multiple: multiple, help: help) }
        var menu = ChoiceMenu(options: options, multiple: multiple)
        var status = style.dim(menu.hintText)
        while true {
            draw(header: header, body: menu.render(style: style, width: width), status: status)
            let key = terminal.readKey()
            if key == .resize { continue }
            if key == .endOfInput { return .endOfInput }
            switch menu.handle(key) {
            case .submit: return .value(menu.selected.sorted())
            case .quit: return key == .endOfInput ? .endOfInput : .quit
            case .help: showHelp(help + [menu.hintText])
            case let .hint(text): status = style.yellow(text)
            case .none: status = style.dim(menu.hintText)
            }
        }
    }

    /// Puts `labels` in order starting from `initial` (original indices); returns the final order.
    public func order(header: [String], labels: [String], initial: [Int], help: [String] = []) -> PromptOutcome<[Int]> {
        guard let terminal else { return lineOrder(header: header, labels: labels, initial: initial) }
        var list = OrderingList(labels: labels, order: initial)
        var status = style.dim(list.hintText)
        while true {
            draw(header: header, body: list.render(style: style, width: width), status: status)
            let key = terminal.readKey()
            if key == .resize { continue }
            if key == .endOfInput { return .endOfInput }
            switch list.handle(key) {
            case .submit: return .value(list.order)
            case .quit: return .quit
            case .help: showHelp(help + [list.hintText])
            case let .hint(text): status = style.yellow(text)
            case .none: status = style.dim(list.hintText)
            }
        }
    }

    /// A line of text (or a number when `numeric`).
    public func text(header: [String], numeric: Bool, suffix: String? = nil, initial: String = "", allowEmpty: Bool = false,
                     help: [String] = []) -> PromptOutcome<String> {
        guard let terminal else { return lineText(header: header, numeric: numeric, suffix: suffix, allowEmpty: allowEmpty) }
        var input = TextInput(numeric: numeric)
        input.text = initial
        input.cursor = initial.count
        let hint = numeric ? "Type a number and press Enter · Esc save and quit" : "Type your answer and press Enter · Esc save and quit"
        var status = style.dim(hint)
        while true {
            draw(header: header, body: [input.render(style: style) + (suffix.map { " " + style.dim($0) } ?? "")], status: status)
            let key = terminal.readKey()
            if key == .resize { continue }
            if key == .endOfInput { return .endOfInput }
            if key == .character("?") && !numeric && input.text.isEmpty { showHelp(help + [hint]); continue }
            if key == .enter, allowEmpty, input.text.isEmpty { return .value("") }
            switch input.handle(key) {
            case .submit: return .value(input.text)
            case .quit: return .quit
            case .help: showHelp(help + [hint])
            case let .hint(text): status = style.yellow(text)
            case .none: status = style.dim(hint)
            }
        }
    }

    /// Yes or no.
    public func confirm(header: [String], question: String, defaultYes: Bool = true) -> PromptOutcome<Bool> {
        let choice = "\(question) \(defaultYes ? "[Y/n]" : "[y/N]")"
        guard let terminal else {
            for line in header { print(line) }
            while true {
                print(choice, terminator: " ")
                fflush(nil)
                guard let line = readLine() else { return .endOfInput }
                switch line.trimmingLeadingSpaces.lowercased() {
                case "": return .value(defaultYes)
                case "y", "yes": return .value(true)
                case "n", "no": return .value(false)
                case "q", "quit": return .quit
                default: print(style.yellow("Please answer y or n (q to quit)."))
                }
            }
        }
        var status = style.dim("y yes · n no · Enter \(defaultYes ? "yes" : "no") · q quit")
        while true {
            draw(header: header, body: [style.bold(choice)], status: status)
            switch terminal.readKey() {
            case .character("y"), .character("Y"): return .value(true)
            case .character("n"), .character("N"): return .value(false)
            case .enter: return .value(defaultYes)
            case .character("q"), .escape, .interrupt: return .quit
            case .endOfInput: return .endOfInput
            case .resize: continue
            default: status = style.yellow("Press y or n (Enter for \(defaultYes ? "yes" : "no"), q to quit)")
            }
        }
    }

    /// Shows lines and waits for Enter (`.value(true)`), or returns `.value(false)` for `n`/→ when `allowNext` is given.
    public func pause(header: [String], prompt: String = "Press Enter to continue") -> PromptOutcome<Void> {
        guard let terminal else {
            for line in header { print(line) }
            print(style.dim(prompt))
            return readLine() == nil ? .endOfInput : .value(())
        }
        var status = style.dim(prompt + " · q quit")
        var pager = Pager(lines: header, height: max(3, height - 2))
        while true {
            pager.resize(height: max(3, height - 2))
            draw(header: Array(pager.visible), body: [], status: pager.atEnd ? status : style.dim("↓/Space more (\(pager.percent)%) · ") + status)
            let key = terminal.readKey()
            switch key {
            case .enter where pager.atEnd, .space where pager.atEnd: return .value(())
            case .character("q"), .escape, .interrupt: return .quit
            case .endOfInput: return .endOfInput
            case .resize: continue
            default:
                if case .hint = pager.handle(key) { status = style.yellow(prompt + " · q quit") }
            }
        }
    }

    /// Reads long text page by page; `.value` once the reader reaches the end and presses Enter.
    public func page(title: String, lines: [String], help: [String] = []) -> PromptOutcome<Void> {
        guard let terminal else {
            print(style.bold(title))
            for line in lines { print(line) }
            return .value(())
        }
        var pager = Pager(lines: lines, height: max(3, height - 4))
        var hint: String?
        while true {
            pager.resize(height: max(3, height - 4))
            let status = hint.map { style.yellow($0) }
                ?? (pager.atEnd ? style.green("End of lesson: Enter marks it complete") + style.dim(" · b back · q quit")
                                : style.dim("Space/↓ read on · b/↑ back · ? help · q quit · \(pager.percent)%"))
            draw(header: [style.bold(title.truncated(to: width)), ""] + Array(pager.visible), body: [], status: status)
            let key = terminal.readKey()
            if key == .resize { continue }
            if key == .endOfInput { return .endOfInput }
            hint = nil
            switch pager.handle(key) {
            case .submit: return .value(())
            case .quit: return .quit
            case .help: showHelp(help + ["Space, f, PgDn: next page", "b, PgUp: previous page", "↓/j, ↑/k: one line", "g, G: top, end", "Enter at the end: mark the lesson complete", "q: stop reading (progress is saved)"])
            case let .hint(text): hint = text
            case .none: break
            }
        }
    }

    // MARK: Drawing

    private func draw(header: [String], body: [String], status: String) {
        guard let terminal else { return }
        if !inAlternateScreen {
            terminal.write("\u{1B}[?1049h")
            inAlternateScreen = true
        }
        let rows = height
        var lines = header + (body.isEmpty ? [] : [""] + body)
        let room = rows - 2
        if lines.count > room {
            // Keep the body (the question) visible; cut the top of the header.
            lines = ["…"] + Array(lines.suffix(room - 1))
        }
        var frame = "\u{1B}[?25l\u{1B}[H\u{1B}[2J"
        frame += lines.map { $0 + "\u{1B}[K" }.joined(separator: "\r\n")
        frame += "\u{1B}[\(rows);1H" + status.truncatedStyled(to: width) + "\u{1B}[K"
        terminal.write(frame)
    }

    private func showHelp(_ lines: [String]) {
        guard let terminal else {
            for line in lines { print(style.dim(line)) }
            return
        }
        let body = [style.bold("Keys"), ""] + lines.map { "  " + $0 } + ["", "Your answers are saved as you give them: quitting loses nothing."]
        draw(header: body, body: [], status: style.dim("Press any key to go back"))
        _ = terminal.readKey()
    }

    // MARK: Line mode

    private func lineChoose(header: [String], options: [String], multiple: Bool, help: [String]) -> PromptOutcome<[Int]> {
        for line in header { print(line) }
        for (index, option) in options.enumerated() { print("  \(index + 1)) \(option)") }
        let ask = multiple ? "Your answer (numbers such as 1,3; q to quit; ? for help): " : "Your answer (1–\(options.count); q to quit; ? for help): "
        while true {
            print(ask, terminator: "")
            fflush(nil)
            guard let line = readLine() else { return .endOfInput }
            let text = line.trimmingLeadingSpaces.trimmingTrailing.lowercased()
            if text == "q" || text == "quit" { return .quit }
            if text == "?" { for h in help { print(style.dim(h)) }; continue }
            let parts = text.split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
            var indices: [Int] = []
            for part in parts {
                if let n = Int(part), n >= 1, n <= options.count {
                    indices.append(n - 1)
                } else if part.count == 1, let c = part.first, let index = ChoiceMenu.letterIndex(c), index < options.count {
                    indices.append(index)
                } else {
                    indices = []
                    break
                }
            }
            if indices.isEmpty || (!multiple && indices.count != 1) {
                print(style.yellow(multiple ? "Enter one or more option numbers, e.g. 1,3." : "Enter one option number from 1 to \(options.count)."))
                continue
            }
            return .value(Array(Set(indices)).sorted())
        }
    }

    private func lineOrder(header: [String], labels: [String], initial: [Int]) -> PromptOutcome<[Int]> {
        for line in header { print(line) }
        for (position, step) in initial.enumerated() { print("  \(position + 1)) \(labels[step])") }
        while true {
            print("Your order (the numbers above in the right order, e.g. 3 1 2 4; q to quit): ", terminator: "")
            fflush(nil)
            guard let line = readLine() else { return .endOfInput }
            let text = line.trimmingLeadingSpaces.trimmingTrailing.lowercased()
            if text == "q" || text == "quit" { return .quit }
            let numbers = text.split(whereSeparator: { $0 == "," || $0 == " " }).compactMap { Int($0) }
            guard numbers.count == initial.count, Set(numbers) == Set(1...initial.count) else {
                print(style.yellow("Give each number from 1 to \(initial.count) exactly once."))
                continue
            }
            return .value(numbers.map { initial[$0 - 1] })
        }
    }

    private func lineText(header: [String], numeric: Bool, suffix: String?, allowEmpty: Bool) -> PromptOutcome<String> {
        for line in header { print(line) }
        while true {
            print(numeric ? "Your answer\(suffix.map { " (\($0))" } ?? ""): " : "Your answer: ", terminator: "")
            fflush(nil)
            guard let line = readLine() else { return .endOfInput }
            let text = line.trimmingLeadingSpaces.trimmingTrailing
            if text.lowercased() == "q" { return .quit }
            if text.isEmpty {
                if allowEmpty { return .value("") }
                print(style.yellow("Type an answer (q to quit)."))
                continue
            }
            return .value(text)
        }
    }
}

extension String {
    /// Cut to `width` visible columns, keeping escape sequences intact.
    func truncatedStyled(to width: Int) -> String {
        guard displayWidth > width else { return self }
        return strippingANSI.truncated(to: width)
    }
}
