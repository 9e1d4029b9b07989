@testable import AcademyStore
import Foundation
import GRDB
import Testing

@Suite("Fast date text")
struct SQLiteDateTests {
    @Test("matches GRDB's own storage format for dates across centuries and leap days")
    func matchesGRDB() throws {
        let queue = try DatabaseQueue()
        for seconds in [0.0, 951_782_400.5, 1_790_000_000.123, -86_400 * 365.25 * 30, 4_102_444_799.999, 1_709_164_800] {
            let date = Date(timeIntervalSince1970: seconds)
            let grdb = try queue.read { db in try String.fetchOne(db, sql: "SELECT ?", arguments: [date]) }
            #expect(SQLiteDate.string(date) == grdb, "\(seconds)")
        }
    }
}
