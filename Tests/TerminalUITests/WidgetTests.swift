import Testing
@testable import TerminalUI

@Suite("Keys and widgets, without a terminal")
struct WidgetTests {
    @Test func decodesEscapeSequencesAndText() {
        let decoder = KeyDecoder()
        let bytes: [UInt8] = Array("\u{1B}[A\u{1B}[B\u{1B}OC\u{1B}[5~\r a\u{03}é".utf8)
        let (keys, rest) = decoder.decode(bytes)
        #expect(keys == [.up, .down, .right, .pageUp, .enter, .space, .character("a"), .interrupt, .character("é")])
        #expect(rest.isEmpty)
        let partial = decoder.decode(Array("\u{1B}[".utf8))
        #expect(partial.keys.isEmpty && partial.rest == [0x1B, 0x5B])
    }

    @Test func singleChoiceMovesWrapsAndSubmits() {
        var menu = ChoiceMenu(options: ["a", "b", "c"], multiple: false)
        #expect(menu.handle(.up) == .none)
        #expect(menu.cursor == 2, "up from the first option wraps to the last")
        #expect(menu.handle(.down) == .none)
        #expect(menu.handle(.enter) == .submit)
        #expect(menu.selected == [0])
        #expect(menu.handle(.character("2")) == .submit)
        #expect(menu.selected == [1])
        #expect(menu.handle(.character("z")) != .submit, "a meaningless key gives a hint")
        if case .hint = menu.handle(.character("z")) {} else { Issue.record("expected a hint") }
        #expect(menu.handle(.character("q")) == .quit)
        #expect(menu.handle(.character("?")) == .help)
    }

    @Test func multipleChoiceTogglesAndNeedsOne() {
        var menu = ChoiceMenu(options: ["a", "b", "c", "d"], multiple: true)
        if case .hint = menu.handle(.enter) {} else { Issue.record("Enter with nothing ticked should hint") }
        _ = menu.handle(.space)
        _ = menu.handle(.character("3"))
        _ = menu.handle(.character("3"))
        _ = menu.handle(.character("4"))
        #expect(menu.selected == [0, 3])
        #expect(menu.handle(.enter) == .submit)
    }

    @Test func orderingPicksUpAndMoves() {
        var list = OrderingList(labels: ["A", "B", "C"], order: [2, 0, 1])
        _ = list.handle(.space)          // pick up C
        _ = list.handle(.down)           // C moves below A
        _ = list.handle(.down)           // and below B
        _ = list.handle(.space)          // drop
        #expect(list.order == [0, 1, 2])
        _ = list.handle(.up)
        _ = list.handle(.character("1")) // move B to the top
        #expect(list.order == [1, 0, 2])
        #expect(list.handle(.enter) == .submit)
    }

    @Test func numericInputRejectsLetters() {
        var input = TextInput(numeric: true)
        for c in "12.5" { _ = input.handle(.character(c)) }
        if case .hint = input.handle(.character("x")) {} else { Issue.record("letters give a hint") }
        _ = input.handle(.backspace)
        #expect(input.text == "12.")
        #expect(input.handle(.enter) == .submit)
    }

    @Test func pagerPagesAndFinishesAtTheEnd() {
        var pager = Pager(lines: (1...50).map(String.init), height: 10)
        #expect(pager.handle(.enter) == .none)
        #expect(pager.top == 8)
        _ = pager.handle(.character("G"))
        #expect(pager.atEnd && pager.visible.last == "50")
        #expect(pager.handle(.enter) == .submit)
        pager.resize(height: 60)
        #expect(pager.top == 0)
    }

    @Test func progressBar() {
        let bar = ProgressBar.render(done: 3, total: 6, width: 14, style: .plain)
        #expect(bar == "━━━━━───── 3/6")
    }
}

@Suite("Markdown rendering")
struct MarkdownRendererTests {
    let renderer = MarkdownRenderer(style: .plain, width: 40)

    @Test func wrapsParagraphsToTheWidth() {
        let lines = renderer.render("This paragraph is long enough that it has to be wrapped onto several lines of text.")
        #expect(lines.count > 1)
        #expect(lines.allSatisfy { $0.displayWidth <= 40 })
        #expect(lines.joined(separator: " ") == "This paragraph is long enough that it has to be wrapped onto several lines of text.")
    }

    @Test func blocks() {
        let markdown = """
        # Title

        Some **bold**, *italic* and `code`; a [link](02-next.md).

        - first item that is rather long and must wrap onto a second line
          - nested
        1. numbered

        > **Tip:** quoted

        ```
        EV = 40
        ```

        | a | b |
        |---|---|
        | 1 | 2 |
        """
        let lines = renderer.render(markdown)
        #expect(lines[0] == "Title")
        #expect(lines.contains("Some bold, italic and code; a link."))
        #expect(lines.contains { $0.hasPrefix("• first item") })
        #expect(lines.contains { $0.hasPrefix("  ", ) && $0.contains("onto a second line") })
        #expect(lines.contains("  ◦ nested"))
        #expect(lines.contains("1. numbered"))
        #expect(lines.contains("│ Tip: quoted"))
        #expect(lines.contains("  EV = 40"))
        #expect(lines.contains("a │ b"))
        #expect(lines.contains("1 │ 2"))
    }

    @Test func styledOutputKeepsWordsTogether() {
        let styled = MarkdownRenderer(style: Style(enabled: true), width: 40).render("The **PV**, then EV.")
        #expect(styled.first?.strippingANSI == "The PV, then EV.")
    }

    @Test func tooWideTablesBecomeRecords() {
        let lines = MarkdownRenderer(style: .plain, width: 24).render("| Measure | Formula |\n|---|---|\n| Cost variance | EV minus AC, in money |")
        #expect(lines.contains { $0.contains("Measure: Cost variance") })
    }
}
