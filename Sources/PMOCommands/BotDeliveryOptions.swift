import ArgumentParser

/// Options of the commands that deliver: `pmo bot deliver` and `pmo bot remind`.
struct DeliveryOptions: ParsableArguments {
    @Flag(name: .long, help: "Post as fast as the receivers take it: no per-channel rate limit (benchmarks, local receivers).")
    var noRateLimit = false

    @Option(name: .long, help: ArgumentHelp("Posts per minute per channel (default: 60; Google Chat 60).", valueName: "n"))
    var rateLimit: Double?

    @Option(name: .long, help: ArgumentHelp("The most messages merged into one post (1: never merge).", valueName: "n"))
    var mergeLimit = 10

    @Option(name: .long, help: ArgumentHelp("Attempts before a message becomes a dead letter.", valueName: "n"))
    var maxAttempts = 8

    @Option(name: .long, help: ArgumentHelp("Seconds to wait for a platform's answer.", valueName: "seconds"))
    var timeout: Double = 15

    @Option(name: .long, help: ArgumentHelp("Posts in flight at once over all channels.", valueName: "n"))
    var concurrency = 128

    @Flag(name: .long, help: "Print one line per post on standard error (webhook URLs masked).")
    var verbose = false

    func validate() throws {
        if let rateLimit, rateLimit <= 0 { throw ValidationError("--rate-limit must be a positive number of posts per minute") }
        if mergeLimit < 1 { throw ValidationError("--merge-limit must be at least 1") }
        if maxAttempts < 1 { throw ValidationError("--max-attempts must be at least 1") }
        if timeout <= 0 { throw ValidationError("--timeout must be a positive number of seconds") }
        if concurrency < 1 { throw ValidationError("--concurrency must be at least 1") }
    }
}
