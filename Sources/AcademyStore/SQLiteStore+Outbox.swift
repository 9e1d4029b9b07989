import AcademyCore
import Foundation
import GRDB

extension OutboxMessage {
    init(row: Row) {
        self.init(id: row["id"], channel: row["channel"], idempotencyKey: row["idempotency_key"], payload: row["payload"],
                  status: Status(rawValue: row["status"]) ?? .pending, attempts: row["attempts"], nextAttemptAt: row["next_attempt_at"],
                  leaseUntil: row["lease_until"], lastError: row["last_error"], createdAt: row["created_at"], deliveredAt: row["delivered_at"])
    }
}

extension SQLiteStore {
    public func enqueue(_ messages: [OutboxMessage]) async throws -> Int {
        try await writer.write { db in
            var inserted = 0
            for m in messages {
                try db.execute(sql: """
                    INSERT OR IGNORE INTO outbox (channel, idempotency_key, payload, status, attempts, next_attempt_at, created_at)
                    VALUES (?, ?, ?, 'pending', 0, ?, ?)
                    """, arguments: [m.channel, m.idempotencyKey, m.payload, m.nextAttemptAt, m.createdAt])
                inserted += db.changesCount
            }
            return inserted
        }
    }

    public func claimOutbox(now: Date, leaseUntil: Date, limit: Int) async throws -> [OutboxMessage] {
        try await writer.write { db in
            // One statement leases and returns the rows; columns by position: the worker claims
            // thousands of rows a second. RETURNING gives no order, so the rows are sorted here.
            let cursor = try Row.fetchCursor(db, sql: """
                UPDATE outbox SET lease_until = ?1 WHERE id IN (
                    SELECT id FROM outbox
                    WHERE status = 'pending' AND next_attempt_at <= ?2 AND (lease_until IS NULL OR lease_until < ?2)
                    ORDER BY next_attempt_at, id LIMIT ?3)
                RETURNING id, channel, idempotency_key, payload, attempts, next_attempt_at, last_error, created_at
                """, arguments: [leaseUntil, now, limit])
            var claimed: [OutboxMessage] = []
            while let row = try cursor.next() {
                claimed.append(OutboxMessage(id: row[0], channel: row[1], idempotencyKey: row[2], payload: row[3], status: .pending,
                                             attempts: row[4], nextAttemptAt: row[5], leaseUntil: leaseUntil, lastError: row[6],
                                             createdAt: row[7]))
            }
            claimed.sort { ($0.nextAttemptAt, $0.id ?? 0) < ($1.nextAttemptAt, $1.id ?? 0) }
            return claimed
        }
    }

    public func markDelivered(id: Int64, at date: Date) async throws {
        try await writer.write { db in
            try db.execute(sql: """
                UPDATE outbox SET status = 'delivered', delivered_at = ?, attempts = attempts + 1, lease_until = NULL, last_error = NULL
                WHERE id = ? AND status = 'pending'
                """, arguments: [date, id])
        }
    }

    public func markFailed(id: Int64, error: String, retryAt: Date?) async throws {
        try await writer.write { db in
            if let retryAt {
                try db.execute(sql: """
                    UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?, lease_until = NULL WHERE id = ? AND status = 'pending'
                    """, arguments: [error, retryAt, id])
            } else {
                try db.execute(sql: """
                    UPDATE outbox SET status = 'dead', attempts = attempts + 1, last_error = ?, lease_until = NULL WHERE id = ? AND status = 'pending'
                    """, arguments: [error, id])
            }
        }
    }

    public func outbox(status: OutboxMessage.Status?, limit: Int) async throws -> [OutboxMessage] {
        try await writer.read { db in
            if let status {
                return try Row.fetchAll(db, sql: "SELECT * FROM outbox WHERE status = ? ORDER BY id DESC LIMIT ?", arguments: [status.rawValue, limit])
                    .map(OutboxMessage.init(row:))
            }
            return try Row.fetchAll(db, sql: "SELECT * FROM outbox ORDER BY id DESC LIMIT ?", arguments: [limit]).map(OutboxMessage.init(row:))
        }
    }

    public func requeue(id: Int64, at date: Date) async throws -> Bool {
        try await writer.write { db in
            try db.execute(sql: "UPDATE outbox SET status = 'pending', next_attempt_at = ?, lease_until = NULL WHERE id = ? AND status = 'dead'",
                           arguments: [date, id])
            return db.changesCount > 0
        }
    }
}
