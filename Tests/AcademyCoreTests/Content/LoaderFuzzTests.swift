@testable import AcademyCore
import Testing

@Suite("Loader fuzzing")
struct LoaderFuzzTests {
    static let fragments = [":", ": ", "- ", "[", "]", "{", "}", "*a", "&a ", "!!int ", "'", "\"", "\t", "%YAML 1.1\n", "---\n", "...\n",
                            "? ", "|", ">-", "#", "\n", "  ", "\u{0}", "\u{FEFF}", "é", "😀", "99999999999999999999999", "1:2:3:4:5:6:7:99999999999",
                            "-1e400", ".nan", "~", "null", "key: [A, B]", "type: numeric", "difficulty: 9", "\\", "\r\n", "[[[[", "}}}}",
                            "<<: *a", "id: risk-001", "](../x.md)", "[link](", "```"]

    static func mutate(_ text: String, _ rng: inout SeededGenerator) -> String {
        var chars = Array(text.unicodeScalars)
        let operations = Int.random(in: 1...6, using: &rng)
        for _ in 0..<operations {
            switch Int.random(in: 0..<7, using: &rng) {
            case 0 where !chars.isEmpty:  // delete a range
                let start = Int.random(in: 0..<chars.count, using: &rng)
                let end = min(chars.count, start + Int.random(in: 1...40, using: &rng))
                chars.removeSubrange(start..<end)
            case 1:  // insert a YAML-significant fragment
                let at = Int.random(in: 0...chars.count, using: &rng)
                chars.insert(contentsOf: fragments.randomElement(using: &rng)!.unicodeScalars, at: at)
            case 2 where chars.count > 2:  // duplicate a slice
                let start = Int.random(in: 0..<chars.count, using: &rng)
                let end = min(chars.count, start + Int.random(in: 1...200, using: &rng))
                chars.insert(contentsOf: chars[start..<end], at: Int.random(in: 0...chars.count, using: &rng))
            case 3:  // random bytes
                let at = Int.random(in: 0...chars.count, using: &rng)
                for _ in 0..<Int.random(in: 1...8, using: &rng) {
                    chars.insert(Unicode.Scalar(UInt8.random(in: 0...127, using: &rng)), at: at)
                }
            case 4 where !chars.isEmpty:  // truncate
                chars.removeSubrange(Int.random(in: 0..<chars.count, using: &rng)...)
            case 5:  // swap two lines
                var lines = String(String.UnicodeScalarView(chars)).split(separator: "\n", omittingEmptySubsequences: false)
                if lines.count > 2 {
                    lines.swapAt(Int.random(in: 0..<lines.count, using: &rng), Int.random(in: 0..<lines.count, using: &rng))
                }
                chars = Array(lines.joined(separator: "\n").unicodeScalars)
            default:  // change indentation of a line
                var lines = String(String.UnicodeScalarView(chars)).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                if !lines.isEmpty {
                    let i = Int.random(in: 0..<lines.count, using: &rng)
                    lines[i] = Bool.random(using: &rng) ? "   " + lines[i] : String(lines[i].drop(while: { $0 == " " }))
                }
                chars = Array(lines.joined(separator: "\n").unicodeScalars)
            }
        }
        return String(String.UnicodeScalarView(chars))
    }

    static func randomText(_ rng: inout SeededGenerator) -> String {
        var text = ""
        for _ in 0..<Int.random(in: 0...60, using: &rng) {
            if Bool.random(using: &rng) {
                text += fragments.randomElement(using: &rng)!
            } else {
                text += String(repeating: "x", count: Int.random(in: 0...5, using: &rng)) + ["items", "id", "key", "options", "levels", "cut"].randomElement(using: &rng)!
            }
        }
        return text
    }

    @Test("10,000 random and mutated files never crash the loader, and every problem has a location")
    func fuzz() {
        var rng = SeededGenerator(seed: 20_261_126)
        let base = Fixtures.files
        var loads = 0
        var errorsSeen = 0
        for round in 0..<10_000 {
            var files = base
            let index = Int.random(in: 0..<files.count, using: &rng)
            files[index].text = round % 5 == 4 ? Self.randomText(&rng) : Self.mutate(files[index].text, &rng)
            let result = CatalogLoader.load(files: files)
            loads += 1
            errorsSeen += result.errors.count
            for diagnostic in result.diagnostics {
                #expect(diagnostic.location.line >= 1 && diagnostic.location.column >= 1)
                #expect(!diagnostic.message.isEmpty)
            }
        }
        #expect(loads == 10_000)
        #expect(errorsSeen > 5_000, "mutations should mostly produce errors; saw \(errorsSeen)")
    }

    @Test("pathological inputs: deep nesting, huge numbers, binary junk")
    func pathological() {
        let cases = [
            String(repeating: "[", count: 5_000),
            String(repeating: "- ", count: 3_000) + "x",
            "items:\n  - id: a\n    difficulty: 99999999:99999999:99999999:9999999\n",
            "items:\n  - id: a\n    key: 1e999999\n    tolerance: -0\n",
            String(decoding: (0..<2_000).map { UInt8($0 % 256) }, as: UTF8.self),
            "a: &x [*x]\n",
        ]
        for text in cases {
            let result = CatalogLoader.load(files: Fixtures.replacing("Assessments/items/risk.yaml", with: text))
            #expect(result.hasErrors)
        }
    }
}
