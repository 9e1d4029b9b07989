# PMO Academy: two commands on a fresh machine.
#   make run    install what is missing, build, start pmo on the shipped content (SQLite)
#   make test   install what is missing, build, run every test
SWIFT ?= swift
ARGS ?=

.PHONY: run test build deps bench clean

deps:
	@scripts/install-deps.sh

build: deps
	$(SWIFT) build

run: build
	@$(SWIFT) build --product pmo >/dev/null
	.build/debug/pmo $(ARGS)
	@echo
	@echo "New here? Try a demo organisation with reports to look at:"
	@echo "  .build/debug/pmo demo --people 300 && .build/debug/pmo report org --database ~/.local/share/pmo/demo.sqlite"
	@echo "Learn: .build/debug/pmo learn pmo · quiz: .build/debug/pmo quiz risk · all commands: .build/debug/pmo --help"
	@echo "Ask the chat bot: .build/debug/pmo bot ask \"how do I write a risk statement\""

test:
	@scripts/install-deps.sh --test
	$(SWIFT) build --build-tests
	$(SWIFT) test

bench: deps
	Benchmarks/run.sh

clean:
	rm -rf .build
