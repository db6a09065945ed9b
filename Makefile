# The entry points of the project. `make help` lists them.
MVN ?= mvn
JAR := lib/target/microgpt.jar
ARGS ?=

.PHONY: help build test test-java train clean

help:
	@echo "make build    build the library: $(JAR)"
	@echo "make test     run every test (the command CI runs)"
	@echo "make train    the reference run: java -jar $(JAR) train $(ARGS)"
	@echo "make clean    remove build output"

build:
	$(MVN) -B -q -DskipTests package

# Every test. CI runs exactly this (see .ci/run).
test: test-java

test-java:
	$(MVN) -B package

train: build
	java -jar $(JAR) train $(ARGS)

clean:
	$(MVN) -B -q clean
