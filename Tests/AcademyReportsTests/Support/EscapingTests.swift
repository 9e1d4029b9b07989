@testable import AcademyReports
import Testing

@Suite("Escaping and formatting")
struct EscapingTests {
    @Test func xml() {
        #expect("a<b>&\"c\"'d".xmlEscaped == "a&lt;b&gt;&amp;&quot;c&quot;&#39;d")
        #expect("bell\u{07}tab\t".xmlEscaped == "belltab\t")
    }

    @Test func markdown() {
        #expect("a|b *c* [d](e) <f>".markdownEscaped == "a\\|b \\*c\\* \\[d\\](e) \\<f\\>")
    }

    @Test func csv() {
        #expect(CSVField.row(["a,b", "say \"hi\"", "=SUM(A1)", "-2", "plain"]) == "\"a,b\",\"say \"\"hi\"\"\",'=SUM(A1),-2,plain")
    }

    @Test func numbers() {
        #expect(2.335.fixed(2) == "2.34" || 2.335.fixed(2) == "2.33")
        #expect((-0.001).fixed(2) == "0.00")
        #expect(61.538.fixed(1) == "61.5")
        #expect(12.0.svg == "12" && 12.5.svg == "12.5" && (-0.001).svg == "0")
    }

    @Test func wrapping() {
        let lines = String(repeating: "word ", count: 40).wrapped(width: 30, indent: "    ", firstIndent: "  ")
        #expect(lines.allSatisfy { $0.count <= 30 })
        #expect(lines.first?.hasPrefix("  word") == true && lines.last?.hasPrefix("    word") == true)
        #expect(String(repeating: "x", count: 70).wrapped(width: 30).allSatisfy { $0.count <= 30 })
    }
}
