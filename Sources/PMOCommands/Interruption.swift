import ArgumentParser
import Foundation
import UnixSignals

#if canImport(Glibc)
import Glibc
#endif

/// Ctrl-C and SIGTERM for work that must tidy up before the process ends.
///
/// The first SIGINT or SIGTERM cancels the work, which then finishes what it must (a delivery
/// records the posts already made and releases the messages it had claimed, so the next run posts
/// them at once instead of after their lease); a second signal ends the process at once.
enum Interruption {
    /// Thrown when a signal stopped the work; `cause` is what the work threw as it stopped.
    struct Interrupted: Error {
        var cause: any Error
    }

    /// Runs `operation`; throws ``Interrupted`` when a signal stopped it.
    static func stoppingOnSignal<T: Sendable>(notice: String, _ operation: @escaping @Sendable () async throws -> T) async throws -> T {
        let signals = await UnixSignalsSequence(trapping: .sigint, .sigterm)
        let work = Task { try await operation() }
        let watcher = Task {
            var received = 0
            for await _ in signals {
                received += 1
                if received > 1 { exit(130) }
                Output.error(notice)
                work.cancel()
            }
            return received
        }
        defer { watcher.cancel() }
        do {
            return try await withTaskCancellationHandler { try await work.value } onCancel: { work.cancel() }
        } catch {
            watcher.cancel()
            if await watcher.value > 0 { throw Interrupted(cause: error) }
            throw error
        }
    }
}
