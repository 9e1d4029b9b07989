import AcademyStore
import ChatBot
import Foundation
import Logging
import ServiceLifecycle

/// Drains the outbox every `interval` while the server runs.
///
/// A drain that has started is never cancelled: on graceful shutdown the messages it claimed are
/// posted and recorded (or put back) before the service returns, so none is lost or left leased.
public struct OutboxWorker: Service {
    let delivery: @Sendable () async throws -> DeliveryReport
    let interval: Duration
    let logger: Logger

    public init(interval: Duration = .seconds(5), logger: Logger, drain: @escaping @Sendable () async throws -> DeliveryReport) {
        self.delivery = drain
        self.interval = interval
        self.logger = logger
    }

    public func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                // Shielded from the service group's cancellation: a drain runs to its end.
                let report = try await Task { try await delivery() }.value
                if report.delivered + report.retrying + report.dead > 0 {
                    logger.info("outbox drained", metadata: [
                        "delivered": "\(report.delivered)", "retrying": "\(report.retrying)", "dead": "\(report.dead)"])
                }
            } catch {
                logger.error("outbox drain failed", metadata: ["error": "\(type(of: error))"])
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }
}

/// Plans each channel's reminders once a day at its configured local time (`remind_at`, in its time zone).
///
/// Reminder keys make planning idempotent, so a restart, or two servers, plan nothing twice.
public struct ReminderSchedule: Service {
    /// Plans the reminders for the named channels at `now`; returns how many were new.
    public typealias Planner = @Sendable (_ channels: Set<String>, _ now: Date) async throws -> Int

    let store: any Store
    let now: @Sendable () -> Date
    let interval: Duration
    let defaultTime: String
    let logger: Logger
    let plan: Planner

    public init(store: any Store, now: @escaping @Sendable () -> Date, interval: Duration = .seconds(30),
                defaultTime: String = "09:00", logger: Logger, plan: @escaping Planner) {
        self.store = store
        self.now = now
        self.interval = interval
        self.defaultTime = defaultTime
        self.logger = logger
        self.plan = plan
    }

    public func run() async throws {
        var done: [String: String] = [:]  // channel → local day last planned
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            await tick(&done)
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }

    /// One look at the clock: plans for the channels whose time has come today and were not planned today.
    func tick(_ done: inout [String: String]) async {
        let at = now()
        do {
            var due: Set<String> = []
            var days: [String: String] = [:]
            for channel in try await store.channels() {
                let (name, time, zone) = (channel.name, channel.remindAt, channel.timezone)
                let local = Self.localDayAndMinute(at, zone: zone)
                guard let minute = Self.minute(of: time ?? defaultTime), local.minute >= minute, done[name] != local.day else { continue }
                due.insert(name)
                days[name] = local.day
            }
            guard !due.isEmpty else { return }
            let added = try await plan(due, at)
            for (name, day) in days { done[name] = day }
            logger.info("reminders planned", metadata: ["channels": "\(due.count)", "new": "\(added)"])
        } catch {
            logger.error("reminder planning failed", metadata: ["error": "\(type(of: error))"])
        }
    }

    /// "09:30" → 570.
    public static func minute(of time: String) -> Int? {
        let parts = time.split(separator: ":")
        guard parts.count == 2, let h = Int(parts[0]), let m = Int(parts[1]), (0..<24).contains(h), (0..<60).contains(m) else { return nil }
        return h * 60 + m
    }

    static func localDayAndMinute(_ date: Date, zone: String?) -> (day: String, minute: Int) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone.flatMap(TimeZone.init(identifier:)) ?? TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return (String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0), (c.hour ?? 0) * 60 + (c.minute ?? 0))
    }
}

