import Testing
@testable import TerminalUI

@Suite("Style and table")
struct StyleAndTableTests {
    @Test func colourOffProducesPlainText() {
        #expect(Style.plain.bold("x") == "x")
        #expect(Style(enabled: true).bold("x") == "\u{1B}[1mx\u{1B}[22m")
        #expect(Style(enabled: true).red("abc").strippingANSI == "abc")
    }

    @Test func noColorRules() {
        #expect(!Style.shouldColor(noColorFlag: false, environment: ["NO_COLOR": "1"], isTerminal: true))
        #expect(!Style.shouldColor(noColorFlag: true, environment: [:], isTerminal: true))
        #expect(!Style.shouldColor(noColorFlag: false, environment: [:], isTerminal: false))
        #expect(Style.shouldColor(noColorFlag: false, environment: ["NO_COLOR": ""], isTerminal: true))
    }

    @Test func displayWidthCountsWideCharacters() {
        #expect("abc".displayWidth == 3)
        #expect("日本".displayWidth == 4)
        #expect("e\u{301}".displayWidth == 1)
    }

    @Test func tableAlignsAndTruncates() {
        var table = Table(headers: ["Id", "N", "Title"], alignments: [.left, .right, .left])
        table.append(["a", "5", "Short"])
        table.append(["long-id", "12", "A title that is much too long to fit"])
        let lines = table.render(style: .plain, width: 30).split(separator: "\n").map(String.init)
        #expect(lines[0] == "Id        N  Title")
        #expect(lines[2] == "a         5  Short")
        #expect(lines[3].hasPrefix("long-id  12  A title that"))
        #expect(lines[3].hasSuffix("…"))
        #expect(lines.allSatisfy { $0.displayWidth <= 30 })
    }
}
