import PMOCommands

await PMO.runMain()
