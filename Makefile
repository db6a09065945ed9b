# The entry points of the project. `make help` lists them.
MVN ?= mvn
JAR := lib/target/microgpt.jar
ARGS ?=

.PHONY: help build setup lab test test-java test-python test-notebooks train clean

help:
	@echo "make lab              set everything up and open the course in JupyterLab (ARGS go to JupyterLab)"
	@echo "make test             run every test: library, Python checks, every notebook (what CI runs)"
	@echo "make test-java        the library's tests only"
	@echo "make test-notebooks   execute every notebook headless (ARGS go to pytest, e.g. ARGS='-k 00')"
	@echo "make train            the reference run: java -jar $(JAR) train $(ARGS)"
	@echo "make build            build the library: $(JAR)"
	@echo "make clean            remove build output (keeps .venv)"

build:
	$(MVN) -B -q -DskipTests package

# .venv, the kernel and the library jar; a second run downloads nothing.
setup:
	scripts/setup.sh

lab:
	scripts/lab.sh $(ARGS)

# Every test. CI runs exactly this (see .ci/run).
test: test-java test-python test-notebooks

test-java:
	$(MVN) -B package

test-python: setup
	.venv/bin/python -m pytest -p no:cacheprovider -q tests --ignore=tests/notebooks

test-notebooks: setup
	scripts/test_notebooks.sh $(ARGS)

train:
	@test -f $(JAR) || $(MVN) -B -q -DskipTests package
	java -jar $(JAR) train $(ARGS)

clean:
	$(MVN) -B -q clean
	rm -rf build
