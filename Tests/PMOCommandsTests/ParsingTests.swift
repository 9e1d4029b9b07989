import ArgumentParser
import Testing
@testable import PMOCommands

@Suite("Command parsing")
struct ParsingTests {
    @Test func subcommandsAndOptions() throws {
        let command = try PMO.parseAsRoot(["courses", "--json", "--content", "/c", "--no-color"])
        let courses = try #require(command as? PMO.Courses)
        #expect(courses.json)
        #expect(courses.options.overrides == ["content": "/c", "color": "never"])
    }

    @Test func unknownOptionIsAnError() {
        #expect(throws: (any Error).self) { try PMO.parseAsRoot(["courses", "--jsn"]) }
    }
}
