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

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test

bench: deps
	Benchmarks/run.sh

clean:
	rm -rf .build
