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

@Suite("Fast date parsing")
struct SQLiteDateParseTests {
    @Test("parses what it formats, to the millisecond")
    func roundTrip() {
        for seconds in [0.0, 951_782_400.5, 1_790_000_000.123, -946_771_200, 4_102_444_799.999] {
            let text = SQLiteDate.string(Date(timeIntervalSince1970: seconds))
            let parsed = Array(text.utf8).withUnsafeBufferPointer { SQLiteDate.parse($0.baseAddress!, count: $0.count) }
            #expect(parsed.map { abs($0.timeIntervalSince1970 - seconds) < 0.0011 } == true, "\(text)")
        }
        let bad = Array("2026-1x-01 00:00:00".utf8).withUnsafeBufferPointer { SQLiteDate.parse($0.baseAddress!, count: $0.count) }
        #expect(bad == nil)
    }
}

@Suite("Flat JSON maps")
struct FlatJSONTests {
    @Test func parsesWhatTheStoreWrites() {
        #expect(FlatJSON.stringMap("{\"slack\":\"U1\",\"discord\":\"42\"}") == ["slack": "U1", "discord": "42"])
        #expect(FlatJSON.stringMap("{}") == [:])
        #expect(FlatJSON.stringMap("{\"a\":\"x\\\"y\"}") == nil, "escapes go to JSONDecoder")
        #expect(FlatJSON.stringMap("{\"a\":1}") == nil)
        #expect(FlatJSON.stringMap("[]") == nil)
    }
}
