import AcademyCore
import AcademyStore
import ArgumentParser
import ChatBot
import Foundation

extension PMO.Bot {
    /// `pmo bot ask`: the bot's answer engine, in the terminal.
    struct Ask: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ask",
            abstract: "Ask the bot's answer engine a question, here in the terminal.",
            discussion: """
            The same engine as the chat bot: BM25 over lesson sections and item explanations. By default it \
            answers as it would privately to you (your clearance); --audience public or internal shows what a \
            channel would get.
            """
        )

        @OptionGroup var options: GlobalOptions
        @OptionGroup var tuning: AnswerOptions

        @Argument(help: "The question, e.g. \"how do I write a risk statement\".")
        var question: [String]

        @Option(name: .long, help: ArgumentHelp("Answer as for a public channel, an internal one, or privately for you.",
                                                valueName: "public|internal|private"))
        var audience = "private"

        @Flag(name: .long, help: "Print JSON (the schema is in docs/bot.md).")
        var json = false

        func validate() throws {
            guard ["public", "internal", "private"].contains(audience) else {
                throw ValidationError("--audience must be public, internal or private")
            }
            guard !question.joined().trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("ask a question") }
        }

        func run() async throws {
            let command = try CommandContext(options: options)
            let catalog = try command.loadCatalog()
            let clearance: Classification
            switch audience {
            case "public": clearance = .public
            case "internal": clearance = .internal
            default:
                let store = try SQLiteStore(path: command.databasePath())
                let identity = command.identity()
                clearance = try await store.enrolPerson(login: identity.login, name: identity.name, at: command.clock()()).clearance
            }
            let result = AnswerEngine(catalog: catalog, configuration: tuning.configuration).ask(question.joined(separator: " "), audience: clearance)
            if json {
                Output.print(try JSONOutput.encode(AnswerReport(result)))
                return
            }
            let style = command.style
            let message = result.message()
            Output.print(style.bold(message.title))
            for paragraph in message.paragraphs {
                Output.print("")
                Output.print(paragraph)
            }
        }
    }
}
