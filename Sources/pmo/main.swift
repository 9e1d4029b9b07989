import ChatBot
import PMOCommands

// libcurl wants its global initialisation once, before any thread starts; SIGPIPE is ignored.
WebhookClient.prepareProcess()
await PMO.runMain()
