import ChatBot
import Testing

@Suite("Chat platforms")
struct ChatPlatformTests {
    @Test func rawValues() {
        #expect(ChatPlatform(rawValue: "google-chat") == .googleChat)
        #expect(ChatPlatform.allCases.count == 6)
    }
}
