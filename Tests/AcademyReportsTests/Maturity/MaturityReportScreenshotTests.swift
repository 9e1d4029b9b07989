@testable import AcademyReports
import Foundation
import Testing

/// Renders the sample maturity report in headless Chromium, when it is installed, and checks
/// that the screenshot is a real page. `scripts/screenshot-report.sh` installs Chromium.
@Suite("Maturity report: headless screenshot")
struct MaturityReportScreenshotTests {
    @Test("the HTML renders to a non-blank page")
    func screenshot() throws {
        let chromium = try #require(Chromium.path, "Chromium is required: make test installs it (scripts/install-deps.sh --test)")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pmo-report-shot-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let html = directory.appendingPathComponent("maturity.html")
        let png = directory.appendingPathComponent("maturity.png")
        try MaturityReportSampleTests.sample().html().write(to: html, atomically: true, encoding: .utf8)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["timeout", "90", chromium, "--headless", "--no-sandbox", "--disable-gpu",
                             "--hide-scrollbars", "--screenshot=\(png.path)", "--window-size=1200,1600",
                             "file://\(html.path)"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()

        let data = try Data(contentsOf: png)
        #expect(data.starts(with: [0x89, 0x50, 0x4E, 0x47]), "not a PNG")
        // A blank 1200×1600 page compresses to a few kilobytes; the report is far larger.
        #expect(data.count > 40_000, "the screenshot looks blank (\(data.count) bytes)")
    }
}
