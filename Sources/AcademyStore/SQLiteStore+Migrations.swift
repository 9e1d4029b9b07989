import GRDB

extension SQLiteStore {
    /// The schema, one registered migration per version; never edit a shipped migration.
    static let migrator: DatabaseMigrator = {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-learning") { db in
            try db.execute(sql: """
            CREATE TABLE org_unit (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                code TEXT NOT NULL UNIQUE,
                name TEXT NOT NULL,
                parent_id INTEGER REFERENCES org_unit(id) ON DELETE SET NULL
            );
            CREATE TABLE person (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                login TEXT NOT NULL UNIQUE,
                name TEXT NOT NULL,
                role TEXT,
                is_admin BOOLEAN NOT NULL DEFAULT 0,
                unit_id INTEGER REFERENCES org_unit(id) ON DELETE SET NULL,
                clearance TEXT NOT NULL DEFAULT 'internal',
                created_at DATETIME NOT NULL
            );
            CREATE TABLE enrollment (
                person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
                course_id TEXT NOT NULL,
                enrolled_at DATETIME NOT NULL,
                PRIMARY KEY (person_id, course_id)
            );
            CREATE TABLE lesson_progress (
                person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
                lesson_id TEXT NOT NULL,
                course_id TEXT NOT NULL,
                started_at DATETIME NOT NULL,
                completed_at DATETIME,
                PRIMARY KEY (person_id, lesson_id)
            );
            CREATE TABLE attempt (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
                kind TEXT NOT NULL,
                scope TEXT NOT NULL,
                plan TEXT NOT NULL,
                status TEXT NOT NULL,
                started_at DATETIME NOT NULL,
                updated_at DATETIME NOT NULL,
                finished_at DATETIME,
                owner TEXT
            );
            CREATE INDEX attempt_person ON attempt(person_id, status, updated_at);
            CREATE TABLE response (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                attempt_id INTEGER REFERENCES attempt(id) ON DELETE SET NULL,
                person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
                item_id TEXT NOT NULL,
                competency TEXT NOT NULL,
                answer TEXT NOT NULL,
                correct BOOLEAN NOT NULL,
                seconds REAL NOT NULL,
                answered_at DATETIME NOT NULL
            );
            CREATE UNIQUE INDEX response_attempt_item ON response(attempt_id, item_id);
            CREATE INDEX response_person ON response(person_id, competency, answered_at);
            CREATE INDEX response_item ON response(item_id);
            CREATE TABLE skill_estimate (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
                competency TEXT NOT NULL,
                theta REAL NOT NULL,
                se REAL NOT NULL,
                responses INTEGER NOT NULL,
                estimated_at DATETIME NOT NULL
            );
            CREATE INDEX skill_estimate_person ON skill_estimate(person_id, competency, estimated_at);
            CREATE TABLE review_card (
                person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
                item_id TEXT NOT NULL,
                due DATETIME NOT NULL,
                state TEXT NOT NULL,
                updated_at DATETIME NOT NULL,
                PRIMARY KEY (person_id, item_id)
            );
            CREATE INDEX review_card_due ON review_card(person_id, due);
            CREATE TABLE assignment (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                person_id INTEGER REFERENCES person(id) ON DELETE CASCADE,
                unit_id INTEGER REFERENCES org_unit(id) ON DELETE CASCADE,
                course_id TEXT NOT NULL,
                due_date DATETIME,
                assigned_by TEXT NOT NULL,
                created_at DATETIME NOT NULL,
                CHECK (person_id IS NOT NULL OR unit_id IS NOT NULL)
            );
            CREATE INDEX assignment_person ON assignment(person_id);
            CREATE INDEX assignment_unit ON assignment(unit_id);
            CREATE TABLE item_calibration (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                item_id TEXT NOT NULL,
                a REAL NOT NULL,
                b REAL NOT NULL,
                responses INTEGER NOT NULL,
                calibrated_at DATETIME NOT NULL
            );
            CREATE INDEX item_calibration_item ON item_calibration(item_id, calibrated_at);
            CREATE TABLE maturity_assessment (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                model_id TEXT NOT NULL,
                unit_id INTEGER REFERENCES org_unit(id) ON DELETE SET NULL,
                assessor TEXT NOT NULL,
                status TEXT NOT NULL,
                started_at DATETIME NOT NULL,
                submitted_at DATETIME
            );
            CREATE TABLE maturity_answer (
                assessment_id INTEGER NOT NULL REFERENCES maturity_assessment(id) ON DELETE CASCADE,
                criterion_id TEXT NOT NULL,
                answer TEXT NOT NULL,
                note TEXT NOT NULL DEFAULT '',
                answered_at DATETIME NOT NULL,
                PRIMARY KEY (assessment_id, criterion_id)
            );
            CREATE TABLE outbox (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                channel TEXT NOT NULL,
                idempotency_key TEXT NOT NULL UNIQUE,
                payload TEXT NOT NULL,
                status TEXT NOT NULL,
                attempts INTEGER NOT NULL DEFAULT 0,
                next_attempt_at DATETIME NOT NULL,
                lease_until DATETIME,
                last_error TEXT,
                created_at DATETIME NOT NULL,
                delivered_at DATETIME
            );
            CREATE INDEX outbox_due ON outbox(status, next_attempt_at);
            CREATE TABLE audit_log (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                at DATETIME NOT NULL,
                actor TEXT NOT NULL,
                action TEXT NOT NULL,
                detail TEXT NOT NULL
            );
            """)
        }
        migrator.registerMigration("v2-people") { db in
            try db.execute(sql: """
            ALTER TABLE person ADD COLUMN email TEXT;
            ALTER TABLE person ADD COLUMN access TEXT NOT NULL DEFAULT 'learner';
            UPDATE person SET access = 'admin' WHERE is_admin;
            ALTER TABLE person ADD COLUMN manager TEXT;
            ALTER TABLE person ADD COLUMN chat TEXT NOT NULL DEFAULT '{}';
            ALTER TABLE person ADD COLUMN active BOOLEAN NOT NULL DEFAULT 1;
            CREATE INDEX person_unit ON person(unit_id);
            CREATE INDEX attempt_finished ON attempt(status, finished_at);
            """)
        }
        migrator.registerMigration("v3-channels") { db in
            try db.execute(sql: """
            CREATE TABLE channel (
                name TEXT PRIMARY KEY,
                url TEXT NOT NULL,
                format TEXT,
                unit_id INTEGER REFERENCES org_unit(id) ON DELETE SET NULL,
                quiet_hours TEXT,
                timezone TEXT,
                created_at DATETIME NOT NULL
            );
            """)
        }
        migrator.registerMigration("v4-bot-answers") { db in
            try db.execute(sql: """
            ALTER TABLE channel ADD COLUMN audience TEXT NOT NULL DEFAULT 'public';
            ALTER TABLE channel ADD COLUMN chat_id TEXT;
            ALTER TABLE channel ADD COLUMN remind_at TEXT;
            CREATE INDEX channel_chat_id ON channel(chat_id);
            """)
        }
        migrator.registerMigration("v5-capability-report-indexes", migrate: SQLiteStore.capabilityReportIndexes)
        return migrator
    }()
}
