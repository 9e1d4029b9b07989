import AcademyCore
import AcademyStore
import ArgumentParser
import ChatBot
import Foundation

/// What every `pmo bot` command needs: the store, an administrator at the keyboard, the time.
struct BotContext {
    let command: CommandContext
    let store: any Store
    let actor: Person
    let now: @Sendable () -> Date

    /// Opens configuration and store; refuses anyone but an administrator.
    static func open(options: GlobalOptions, action: String) async throws -> BotContext {
        let command = try CommandContext(options: options)
        let store = try SQLiteStore(path: command.databasePath())
        let now = command.clock()
        let identity = command.identity()
        let actor = try await store.enrolPerson(login: identity.login, name: identity.name, at: now())
        guard actor.isAdmin else { throw PMOError.notAdmin(action: action) }
        return BotContext(command: command, store: store, actor: actor, now: now)
    }

    /// The channel called `name`, or an error listing the channels there are.
    func channel(named name: String) async throws -> ChannelRecord {
        let channels = try await store.channels()
        guard let found = channels.first(where: { $0.name == name }) else {
            throw BotError.unknownChannel(name, known: channels.map(\.name))
        }
        return found
    }

    /// A webhook client with the delivery options' timeout and concurrency.
    func makeClient(_ options: DeliveryOptions) -> WebhookClient {
        var configuration = WebhookClient.Configuration()
        configuration.totalTimeout = .milliseconds(Int64(max(0.1, options.timeout) * 1000))
        configuration.connectTimeout = min(configuration.connectTimeout, configuration.totalTimeout)
        configuration.maxConcurrentTransfers = max(1, options.concurrency)
        return WebhookClient(configuration: configuration)
    }

    /// The delivery worker: real time running on from `PMO_NOW` when that is set, jitter seeded by `PMO_SEED`.
    func makeDelivery(_ options: DeliveryOptions) -> Delivery {
        var configuration = Delivery.Configuration(maxAttempts: options.maxAttempts, mergeLimit: options.mergeLimit)
        if options.noRateLimit {
            configuration.rateLimiting = .off
        } else if let perMinute = options.rateLimit {
            configuration.rateLimiting = .uniform(.perMinute(perMinute))
        }
        if options.verbose {
            configuration.log = { line in Output.error(line) }
        }
        let random: any RandomNumberGenerator
        if let text = command.environment["PMO_SEED"], let seed = UInt64(text) {
            random = SeededGenerator(seed: seed)
        } else {
            random = SystemRandomNumberGenerator()
        }
        return Delivery(store: store, client: makeClient(options), clock: SystemDeliveryClock(origin: now()),
                        configuration: configuration, random: random)
    }
}

extension BotContext {
    /// Delivers everything due (``Delivery/drain()``); Ctrl-C stops it tidily and exits with status 130.
    func drain(_ options: DeliveryOptions) async throws -> DeliveryReport {
        let delivery = makeDelivery(options)
        do {
            return try await Interruption.stoppingOnSignal(
                notice: "Stopping: recording the posts in flight and releasing the rest (Ctrl-C again to quit at once)…"
            ) {
                try await delivery.drain()
            }
        } catch let interrupted as Interruption.Interrupted {
            let delivered = (interrupted.cause as? Delivery.Stopped).map { " after delivering \($0.delivered) message\($0.delivered == 1 ? "" : "s")" } ?? ""
            Output.error("Stopped\(delivered). Every post made is recorded; the messages not posted are due again for the next 'pmo bot deliver'.")
            throw ExitCode(130)
        }
    }
}
