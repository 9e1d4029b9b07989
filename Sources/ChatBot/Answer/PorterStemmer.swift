/// The Porter stemming algorithm (M. F. Porter, "An algorithm for suffix stripping", Program 14(3), 1980),
/// as published and as the Snowball project implements it: without the later departures of the
/// reference C implementation ("logi", "bli"), and two-letter words stemmed too ("is" → "i").
///
/// Works on lower-case ASCII words; anything else is returned unchanged. Checked against the Snowball
/// project's `porter` stemmer (PyPI `snowballstemmer`) by golden vectors in the tests.
public enum PorterStemmer {
    public static func stem(_ word: String) -> String {
        var bytes = Array(word.utf8)
        guard bytes.count >= 2, bytes.allSatisfy({ $0 >= 97 && $0 <= 122 }) else { return word }
        var s = Stem(b: bytes, k: bytes.count - 1)
        s.step1ab(); s.step1c(); s.step2(); s.step3(); s.step4(); s.step5()
        bytes = Array(s.b[0...s.k])
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The word being stemmed, `b[0...k]`, and `j`, the end of the stem before the suffix last matched.
    private struct Stem {
        var b: [UInt8]
        var k: Int
        var j = 0

        /// Whether `b[i]` is a consonant: not a vowel, and `y` only when it follows a vowel or starts the word.
        func cons(_ i: Int) -> Bool {
            switch b[i] {
            case 97, 101, 105, 111, 117: return false
            case 121: return i == 0 ? true : !cons(i - 1)
            default: return true
            }
        }

        /// The number of vowel–consonant sequences in `b[0...j]`: [C](VC)^m[V].
        func m() -> Int {
            var n = 0, i = 0
            while true { if i > j { return n }; if !cons(i) { break }; i += 1 }
            i += 1
            while true {
                while true { if i > j { return n }; if cons(i) { break }; i += 1 }
                i += 1; n += 1
                while true { if i > j { return n }; if !cons(i) { break }; i += 1 }
                i += 1
            }
        }

        func vowelInStem() -> Bool { (0...max(0, j)).contains { j >= 0 && !cons($0) } }

        func doubleConsonant(_ i: Int) -> Bool { i >= 1 && b[i] == b[i - 1] && cons(i) }

        /// consonant–vowel–consonant at `i-2...i`, the last not w, x or y: "hop", not "snow".
        func cvc(_ i: Int) -> Bool {
            guard i >= 2, cons(i), !cons(i - 1), cons(i - 2) else { return false }
            return b[i] != 119 && b[i] != 120 && b[i] != 121
        }

        mutating func ends(_ suffix: String) -> Bool {
            let s = Array(suffix.utf8)
            guard s.count <= k + 1 else { return false }
            for (offset, byte) in s.enumerated() where b[k - s.count + 1 + offset] != byte { return false }
            j = k - s.count
            return true
        }

        mutating func setTo(_ replacement: String) {
            let r = Array(replacement.utf8)
            b.replaceSubrange((j + 1)..<(k + 1), with: r)
            k = j + r.count
        }

        mutating func replaceIfMeasured(_ replacement: String) { if m() > 0 { setTo(replacement) } }

        mutating func step1ab() {
            if b[k] == 115 {  // s
                if ends("sses") { k -= 2 } else if ends("ies") { setTo("i") } else if k >= 1 && b[k - 1] != 115 { k -= 1 }
            }
            if ends("eed") {
                if m() > 0 { k -= 1 }
            } else if (ends("ed") || ends("ing")) && vowelInStem() {
                k = j
                if ends("at") { setTo("ate") } else if ends("bl") { setTo("ble") } else if ends("iz") { setTo("ize") }
                else if doubleConsonant(k) {
                    k -= 1
                    if [108, 115, 122].contains(b[k]) { k += 1 }  // l, s, z stay doubled
                } else if m() == 1 && cvc(k) { j = k; setTo("e") }
            }
        }

        mutating func step1c() {
            if ends("y") && vowelInStem() { b[k] = 105 }
        }

        mutating func step2() {
            guard k >= 1 else { return }
            let rules: [(String, String)]
            switch b[k - 1] {
            case 97: rules = [("ational", "ate"), ("tional", "tion")]
            case 99: rules = [("enci", "ence"), ("anci", "ance")]
            case 101: rules = [("izer", "ize")]
            case 108: rules = [("abli", "able"), ("alli", "al"), ("entli", "ent"), ("eli", "e"), ("ousli", "ous")]
            case 111: rules = [("ization", "ize"), ("ation", "ate"), ("ator", "ate")]
            case 115: rules = [("alism", "al"), ("iveness", "ive"), ("fulness", "ful"), ("ousness", "ous")]
            case 116: rules = [("aliti", "al"), ("iviti", "ive"), ("biliti", "ble")]
            default: return
            }
            for (suffix, replacement) in rules where ends(suffix) { replaceIfMeasured(replacement); return }
        }

        mutating func step3() {
            let rules: [(String, String)]
            switch b[k] {
            case 101: rules = [("icate", "ic"), ("ative", ""), ("alize", "al")]
            case 105: rules = [("iciti", "ic")]
            case 108: rules = [("ical", "ic"), ("ful", "")]
            case 115: rules = [("ness", "")]
            default: return
            }
            for (suffix, replacement) in rules where ends(suffix) { replaceIfMeasured(replacement); return }
        }

        mutating func step4() {
            guard k >= 1 else { return }
            let suffixes: [String]
            switch b[k - 1] {
            case 97: suffixes = ["al"]
            case 99: suffixes = ["ance", "ence"]
            case 101: suffixes = ["er"]
            case 105: suffixes = ["ic"]
            case 108: suffixes = ["able", "ible"]
            case 110: suffixes = ["ant", "ement", "ment", "ent"]
            case 111:
                if ends("ion") && j >= 0 && (b[j] == 115 || b[j] == 116) {
                    suffixes = []
                } else if ends("ou") {
                    suffixes = []
                } else {
                    return
                }
            case 115: suffixes = ["ism"]
            case 116: suffixes = ["ate", "iti"]
            case 117: suffixes = ["ous"]
            case 118: suffixes = ["ive"]
            case 122: suffixes = ["ize"]
            default: return
            }
            if b[k - 1] != 111 {
                guard suffixes.contains(where: { ends($0) }) else { return }
            }
            if m() > 1 { k = j }
        }

        mutating func step5() {
            j = k
            if b[k] == 101 {
                let a = m()
                if a > 1 || (a == 1 && !cvc(k - 1)) { k -= 1 }
            }
            if b[k] == 108 && doubleConsonant(k) && m() > 1 { k -= 1 }
        }
    }
}
