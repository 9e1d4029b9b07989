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
    public func saveChannel(_ c: ChannelRecord) async throws {
        try await writer.write { db in
            try db.execute(sql: """
                INSERT INTO channel (name, url, format, unit_id, quiet_hours, timezone, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(name) DO UPDATE SET url = excluded.url, format = excluded.format, unit_id = excluded.unit_id,
                    quiet_hours = excluded.quiet_hours, timezone = excluded.timezone
                """, arguments: [c.name, c.url, c.format, c.unitID, c.quietHours, c.timezone, c.createdAt])
        }
    }

    public func channels() async throws -> [ChannelRecord] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM channel ORDER BY name").map {
                ChannelRecord(name: $0["name"], url: $0["url"], format: $0["format"], unitID: $0["unit_id"], quietHours: $0["quiet_hours"],
                              timezone: $0["timezone"], createdAt: $0["created_at"])
            }
        }
    }

    public func removeChannel(name: String) async throws -> Bool {
        try await writer.write { db in
            try db.execute(sql: "DELETE FROM channel WHERE name = ?", arguments: [name])
            return db.changesCount > 0
        }
    }

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
            let rows = try Row.fetchAll(db, sql: """
                SELECT * FROM outbox WHERE status = 'pending' AND next_attempt_at <= ? AND (lease_until IS NULL OR lease_until < ?)
                ORDER BY next_attempt_at, id LIMIT ?
                """, arguments: [now, now, limit]).map(OutboxMessage.init(row:))
            for message in rows {
                try db.execute(sql: "UPDATE outbox SET lease_until = ? WHERE id = ?", arguments: [leaseUntil, message.id])
            }
            return rows.map { var m = $0; m.leaseUntil = leaseUntil; return m }
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
