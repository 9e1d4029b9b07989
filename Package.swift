// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "PMOAcademy",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "pmo", targets: ["pmo"]),
        .library(name: "AcademyCore", targets: ["AcademyCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.0.0"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.0.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.0.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        .target(
            name: "AcademyCore",
            dependencies: [.product(name: "Yams", package: "Yams")]
        ),
        .target(
            name: "AcademyStore",
            dependencies: ["AcademyCore", .product(name: "GRDB", package: "GRDB.swift"),
                           .product(name: "GRDBSQLite", package: "GRDB.swift")]
        ),
        .target(name: "TerminalUI"),
        .target(name: "AcademyReports", dependencies: ["AcademyCore", "AcademyStore"]),
        .target(name: "ChatBot", dependencies: ["AcademyCore", "AcademyStore", "CCurl"]),
        .target(
            name: "BotServer",
            dependencies: [
                "AcademyCore", "AcademyStore", "ChatBot",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .target(
            name: "PMOCommands",
            dependencies: [
                "AcademyCore", "AcademyStore", "AcademyReports", "ChatBot", "BotServer", "TerminalUI", "CCurl",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "pmo", dependencies: ["PMOCommands", "ChatBot"]),
        .executableTarget(name: "pmo-answer-bench", dependencies: ["ChatBot", "AcademyCore"], path: "Benchmarks/AnswerBenchmark"),
        .executableTarget(name: "pmo-bench", dependencies: ["AcademyStore", "AcademyCore"], path: "Benchmarks/StoreBenchmark"),

        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "CCurlTests", dependencies: ["CCurl", "TestSupport"]),
        .testTarget(name: "AcademyCoreTests", dependencies: ["AcademyCore"], resources: [.copy("Golden")]),
        .testTarget(name: "AcademyStoreTests", dependencies: ["AcademyStore", "AcademyCore", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "AcademyReportsTests", dependencies: ["AcademyReports", "AcademyCore", "AcademyStore"]),
        .testTarget(name: "ChatBotTests", dependencies: ["ChatBot", "AcademyCore", "AcademyStore", "TestSupport", "CCurl",
                                                   .product(name: "Yams", package: "Yams")]),
        .testTarget(name: "BotServerTests", dependencies: [
            "BotServer", "ChatBot", "AcademyCore", "AcademyStore", "TestSupport",
            .product(name: "HummingbirdTesting", package: "hummingbird"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .testTarget(name: "TerminalUITests", dependencies: ["TerminalUI"]),
        .testTarget(name: "PMOCommandsTests", dependencies: ["PMOCommands", "AcademyCore"]),
        .testTarget(name: "EndToEndTests", dependencies: ["TestSupport", .product(name: "Crypto", package: "swift-crypto")]),
    ],
    swiftLanguageModes: [.v6]
)
