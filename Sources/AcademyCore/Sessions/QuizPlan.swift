/// What an attempt asks and in which order, fixed when the attempt starts so it can resume identically.
public struct QuizPlan: Sendable, Codable, Equatable {
    /// Item ids in the order they are asked.
    public var itemIDs: [String]
    /// For each item with options: display position → original option index.
    public var optionOrders: [String: [Int]]

    public init(itemIDs: [String], optionOrders: [String: [Int]]) {
        self.itemIDs = itemIDs
        self.optionOrders = optionOrders
    }

    /// A plan over `items` (already chosen and ordered) with options shuffled per item.
    ///
    /// Ordering items never start in the right order when they have more than one step.
    public static func make(items: [Item], using rng: inout some RandomNumberGenerator) -> QuizPlan {
        var orders: [String: [Int]] = [:]
        for item in items where !item.options.isEmpty {
            var order = Array(item.options.indices).shuffled(using: &rng)
            if item.type == .ordering, order.count > 1 {
                while order == Array(item.options.indices) { order.shuffle(using: &rng) }
            }
            orders[item.id] = order
        }
        return QuizPlan(itemIDs: items.map(\.id), optionOrders: orders)
    }

    /// The display order of `item`'s options (identity when the plan has none).
    public func optionOrder(for item: Item) -> [Int] {
        optionOrders[item.id] ?? Array(item.options.indices)
    }
}

/// Chooses the items of a quiz.
public enum QuizSelection {
    /// `count` items drawn at random from `pool`, spread over difficulties by taking them in
    /// shuffled order; all of them when `count` is nil or larger than the pool.
    public static func choose(from pool: [Item], count: Int?, using rng: inout some RandomNumberGenerator) -> [Item] {
        let shuffled = pool.shuffled(using: &rng)
        guard let count, count < shuffled.count else { return shuffled }
        // Round-robin over difficulty levels so a short quiz is not all easy or all hard.
        var byDifficulty = Dictionary(grouping: shuffled, by: \.difficulty)
        var chosen: [Item] = []
        while chosen.count < count {
            for level in 1...5 where chosen.count < count {
                if var bucket = byDifficulty[level], !bucket.isEmpty {
                    chosen.append(bucket.removeFirst())
                    byDifficulty[level] = bucket
                }
            }
        }
        return chosen.shuffled(using: &rng)
    }
}
