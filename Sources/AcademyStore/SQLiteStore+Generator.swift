import Foundation
import GRDB

extension SQLiteStore {
    /// A store for a one-off generation run (the demo organisation) at `path`, which must not exist yet.
    ///
    /// One connection, no rollback journal, no syncs, foreign keys not checked while loading, a large
    /// cache: a crash loses the file, which is only ever regenerated. `finishGeneration()` turns it into
    /// an ordinary database (WAL, as every other command opens it).
    public static func generator(path: String) throws -> SQLiteStore {
        var config = GRDB.Configuration()
        config.foreignKeysEnabled = false
        config.prepareDatabase { db in
            // 16 KiB pages (before the file has any): fewer pages to split, write and index than with 4 KiB.
            try db.execute(sql: """
                PRAGMA page_size = 16384;
                PRAGMA journal_mode = OFF;
                PRAGMA synchronous = OFF;
                PRAGMA locking_mode = EXCLUSIVE;
                PRAGMA cache_size = -131072;
                """)
        }
        do {
            try FileManager.default.createDirectory(at: URL(fileURLWithPath: path).deletingLastPathComponent(), withIntermediateDirectories: true)
            return try SQLiteStore(writer: DatabaseQueue(path: path, configuration: config))
        } catch let error as DatabaseError {
            throw StoreError.cannotOpen(path: path, reason: error.message ?? "\(error.resultCode)")
        }
    }

    /// Ends a generation run: the indexes dropped by `suspendResponseIndexes` rebuilt and the database
    /// switched to WAL, so that it is like any other.
    public func finishGeneration() async throws {
        try await restoreResponseIndexes()
        try await writer.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA journal_mode = WAL")
        }
    }
}
