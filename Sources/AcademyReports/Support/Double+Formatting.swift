extension Double {
    /// The value with exactly `decimals` digits after the point, locale-free ("2.30").
    ///
    /// Rounds half away from zero; never prints "-0". Non-finite values print as "–".
    func fixed(_ decimals: Int) -> String {
        guard isFinite else { return "–" }
        let places = Swift.max(0, Swift.min(decimals, 6))
        var factor = 1.0
        for _ in 0..<places { factor *= 10 }
        let scaled = (self * factor).rounded(.toNearestOrAwayFromZero)
        guard abs(scaled) < 9e15 else { return String(self) }
        let whole = Int64(scaled)
        let negative = whole < 0
        let magnitude = negative ? -whole : whole
        let divisor = Int64(factor)
        var text = String(magnitude / divisor)
        if places > 0 {
            let fraction = String(magnitude % divisor)
            text += "." + String(repeating: "0", count: places - fraction.count) + fraction
        }
        return negative ? "-" + text : text
    }

    /// The value with at most two decimals and no trailing zeros, for SVG coordinates ("12.5").
    var svg: String {
        var text = fixed(2)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text == "-0" ? "0" : text
    }

    /// The value rounded to `decimals` places, for numbers stored in report models.
    func rounded(toPlaces decimals: Int) -> Double {
        guard isFinite else { return 0 }
        var factor = 1.0
        for _ in 0..<Swift.max(0, decimals) { factor *= 10 }
        return (self * factor).rounded(.toNearestOrAwayFromZero) / factor
    }
}
