import AcademyCore
import Foundation
import GRDB

extension ChannelRecord {
    init(row: Row) {
        self.init(name: row["name"], url: row["url"], format: row["format"], unitID: row["unit_id"], quietHours: row["quiet_hours"],
                  timezone: row["timezone"], createdAt: row["created_at"],
                  audience: ChannelAudience(rawValue: row["audience"] ?? "") ?? .public,
                  chatID: row["chat_id"], remindAt: row["remind_at"])
    }
}

extension SQLiteStore {
    public func saveChannel(_ c: ChannelRecord) async throws {
        try await writer.write { db in
            try db.execute(sql: """
                INSERT INTO channel (name, url, format, unit_id, quiet_hours, timezone, created_at, audience, chat_id, remind_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(name) DO UPDATE SET url = excluded.url, format = excluded.format, unit_id = excluded.unit_id,
                    quiet_hours = excluded.quiet_hours, timezone = excluded.timezone, audience = excluded.audience,
                    chat_id = excluded.chat_id, remind_at = excluded.remind_at
                """, arguments: [c.name, c.url, c.format, c.unitID, c.quietHours, c.timezone, c.createdAt,
                                 c.audience.rawValue, c.chatID, c.remindAt])
        }
    }

    public func channels() async throws -> [ChannelRecord] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM channel ORDER BY name").map(ChannelRecord.init(row:))
        }
    }

    public func removeChannel(name: String) async throws -> Bool {
        try await writer.write { db in
            try db.execute(sql: "DELETE FROM channel WHERE name = ?", arguments: [name])
            return db.changesCount > 0
        }
    }
}

extension SQLiteStore {
    public func person(chatPlatform platform: String, handle: String) async throws -> Person? {
        guard platform.allSatisfy({ $0.isLetter || $0 == "_" }), !handle.isEmpty else { return nil }
        return try await writer.read { db in
            try Row.fetchOne(db, sql: """
                SELECT \(Person.columns) FROM person
                WHERE active AND lower(json_extract(chat, '$.\(platform)')) = lower(?)
                ORDER BY id LIMIT 1
                """, arguments: [handle]).map(Person.init(row:))
        }
    }
}
