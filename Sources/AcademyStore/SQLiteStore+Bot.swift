import AcademyCore
import Foundation
import GRDB

// Outbox steps of the chat bot's delivery worker and the facts its reminder planner reads.
extension SQLiteStore {
    public func markPostDelivered(ids: [Int64], at date: Date) async throws {
        guard !ids.isEmpty else { return }
        try await writer.write { db in
            // One statement for the whole batch: the ids travel as one JSON array. `+status` keeps
            // SQLite from walking the status index (every pending row) instead of looking up the ids.
            try db.execute(sql: """
                UPDATE outbox SET status = 'delivered', delivered_at = ?, attempts = attempts + 1, lease_until = NULL, last_error = NULL
                WHERE id IN (SELECT value FROM json_each(?)) AND +status = 'pending'
                """, arguments: [date, Self.jsonArray(ids)])
        }
    }

    public func postpone(ids: [Int64], until date: Date) async throws {
        guard !ids.isEmpty else { return }
        try await writer.write { db in
            try db.execute(sql: """
                UPDATE outbox SET next_attempt_at = ?, lease_until = NULL WHERE id IN (SELECT value FROM json_each(?)) AND +status = 'pending'
                """, arguments: [date, Self.jsonArray(ids)])
        }
    }

    public func releaseLeases(ids: [Int64], leasedUntil: Date) async throws {
        guard !ids.isEmpty else { return }
        try await writer.write { db in
            try db.execute(sql: """
                UPDATE outbox SET lease_until = NULL
                WHERE id IN (SELECT value FROM json_each(?)) AND +status = 'pending' AND lease_until = ?
                """, arguments: [Self.jsonArray(ids), leasedUntil])
        }
    }

    /// `[1,2,3]`: a list of ids bound as one argument, read back with `json_each`.
    static func jsonArray(_ ids: [Int64]) -> String {
        var text = "["
        text.reserveCapacity(ids.count * 8 + 2)
        for (index, id) in ids.enumerated() {
            if index > 0 { text += "," }
            text += String(id)
        }
        text += "]"
        return text
    }

    public func recordPartialDelivery(id: Int64, payload: String) async throws {
        try await writer.write { db in
            try db.execute(sql: "UPDATE outbox SET payload = ? WHERE id = ? AND status = 'pending'", arguments: [payload, id])
        }
    }

    public func existingOutboxKeys(_ keys: [String]) async throws -> Set<String> {
        guard !keys.isEmpty else { return [] }
        return try await writer.read { db in
            var found = Set<String>()
            // SQLite limits bound parameters; ask in slices.
            for start in stride(from: 0, to: keys.count, by: 500) {
                let slice = Array(keys[start..<min(keys.count, start + 500)])
                let marks = Array(repeating: "?", count: slice.count).joined(separator: ", ")
                found.formUnion(try String.fetchAll(db, sql: "SELECT idempotency_key FROM outbox WHERE idempotency_key IN (\(marks))",
                                                    arguments: StatementArguments(slice)))
            }
            return found
        }
    }

    public func latestOutboxMessage(keyPrefix: String) async throws -> OutboxMessage? {
        try await writer.read { db in
            try Row.fetchOne(db, sql: """
                SELECT * FROM outbox WHERE substr(idempotency_key, 1, length(?)) = ? ORDER BY created_at DESC, id DESC LIMIT 1
                """, arguments: [keyPrefix, keyPrefix]).map(OutboxMessage.init(row:))
        }
    }

    public func dueReviewCounts(at date: Date) async throws -> [Int64: Int] {
        try await writer.read { db in
            var counts: [Int64: Int] = [:]
            let cursor = try Row.fetchCursor(db, sql: "SELECT person_id, COUNT(*) AS n FROM review_card WHERE due <= ? GROUP BY person_id",
                                             arguments: [date])
            while let row = try cursor.next() { counts[row["person_id"]] = row["n"] }
            return counts
        }
    }

    public func answerTimes(kind: AttemptKind, since date: Date) async throws -> [Int64: [Date]] {
        try await writer.read { db in
            var times: [Int64: [Date]] = [:]
            let cursor = try Row.fetchCursor(db, sql: """
                SELECT r.person_id, r.answered_at FROM response r JOIN attempt a ON a.id = r.attempt_id
                WHERE a.kind = ? AND r.answered_at >= ? ORDER BY r.answered_at
                """, arguments: [kind.rawValue, date])
            while let row = try cursor.next() { times[row["person_id"], default: []].append(row["answered_at"]) }
            return times
        }
    }
}
