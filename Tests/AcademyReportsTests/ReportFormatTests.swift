import AcademyReports
import Testing

@Suite("Report formats")
struct ReportFormatTests {
    @Test func namesAndExtensions() {
        #expect(ReportFormat(rawValue: "md") == .markdown)
        #expect(ReportFormat.allCases.map(\.fileExtension) == ["txt", "md", "csv", "json", "html"])
    }
}
