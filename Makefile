# The entry points of the project. `make help` lists them.
MVN ?= mvn
JAR := lib/target/microgpt.jar
ARGS ?=

.PHONY: help build bench bench-torch setup lab test test-java test-python test-notebooks test-browser test-playground train clean student book pair playground serve

help:
	@echo "make lab              set everything up and open the course in JupyterLab (ARGS go to JupyterLab)"
	@echo "make test             run every test: library, Python checks, every notebook, both browser tests (what CI runs)"
	@echo "make test-java        the library's tests only"
	@echo "make test-notebooks   execute every notebook headless (ARGS go to pytest, e.g. ARGS='-k 00')"
	@echo "make test-browser     chapters 00, 06 and 07 in JupyterLab in Chromium, as a learner runs them (screenshots in build/browser/)"
	@echo "make test-playground  the playground page in Chromium: the reference run in WebAssembly against the CLI (about 1 min)"
	@echo "make playground       build the library in WebAssembly and the playground page into build/book/ (no chapters run)"
	@echo "make serve            serve build/book/ on http://127.0.0.1:8000/ (the playground needs http; PORT=... to change)"
	@echo "make train            the reference run: bin/microgpt train $(ARGS)"
	@echo "make build            build the library: $(JAR)"
	@echo "make bench            time the three engines at four sizes with JMH, GFLOP/s and % of peak (about 3 min; ARGS: --quick, --one-thread)"
	@echo "make bench-torch      PyTorch 2.15 (installed into .venv-torch on first use, 3 GB) against bin/microgpt, makemore's transformer"
	@echo "make clean            remove build output (keeps .venv)"
	@echo "make student          the student edition in build/student/: every exercise solution a TODO stub"
	@echo "make book             execute every chapter, render the HTML book in build/book/ (ARGS go to build_book.py)"
	@echo "make pair             every chapter as a plain .java script (jupytext, percent format) in build/pair/"

# Then one short run through bin/microgpt writes its class data sharing archive (lib/target/microgpt.jsa).
build:
	$(MVN) -B -q -DskipTests package
	@rm -f lib/target/microgpt.jsa
	bin/microgpt train --steps 20 --samples 2 > /dev/null

# Both engines, three model sizes: ms/step and bytes allocated per step (JMH with its GC profiler).
bench:
	$(MVN) -B -q -DskipTests package
	java -jar bench/target/benchmarks.jar $(ARGS)

# PyTorch (its own .venv-torch, created on demand) and our engine on makemore's transformer config:
# ms/step, real tokens/s and the ratio. BENCH_ENGINE_ARGS empty: the fastest --engine/--threads the CLI lists.
BENCH_STEPS ?= 200
BENCH_ENGINE_ARGS ?=
bench-torch:
	@test -f $(JAR) || $(MVN) -B -q -DskipTests package
	scripts/bench_torch.sh --steps $(BENCH_STEPS) $(if $(BENCH_ENGINE_ARGS),--engine-args "$(BENCH_ENGINE_ARGS)")

# .venv, the kernel and the library jar; a second run downloads nothing.
setup:
	scripts/setup.sh

lab:
	scripts/lab.sh $(ARGS)

# Every test. CI runs exactly this (see .ci/run).
test: test-java test-python test-notebooks test-browser test-playground

test-java:
	$(MVN) -B package

test-python: setup
	.venv/bin/python -m pytest -p no:cacheprovider -q tests --ignore=tests/notebooks

test-notebooks: setup
	scripts/test_notebooks.sh $(ARGS)

# The course in a real browser: Run All Cells in JupyterLab, driven by Playwright in Debian's
# Chromium (installed with apt when missing). ARGS picks chapters, e.g. ARGS=03-building-blocks.ipynb
test-browser: setup
	scripts/test_browser.sh $(ARGS)

# The playground page in Chromium: builds web/target/playground, runs the CLI's reference run, serves
# the page on 127.0.0.1 and checks every loss, the 20 names, stop/resume and the next-letter box.
test-playground:
	scripts/test_playground.sh

train:
	@test -f $(JAR) || $(MAKE) build
	bin/microgpt train $(ARGS)

clean:
	$(MVN) -B -q clean
	rm -rf build

# The student edition: each chapter to build/student/, the code between every `solution` cell's
# `// BEGIN SOLUTION` / `// END SOLUTION` markers a `// TODO` stub; the signatures and the
# `check` cells stay. Standard library only, no kernel.
student:
	python3 scripts/student_edition.py

# The book: every chapter executed with the Java kernel and rendered to static HTML in build/book/
# (index.html, one page per chapter, concepts.html; screenshots when chromium is installed).
book: setup
	scripts/build_playground.sh
	.venv/bin/python scripts/build_book.py $(ARGS)

# The playground alone (the library in WebAssembly, the page, its worker and the names) into build/book/.
playground:
	scripts/build_playground.sh
	@mkdir -p build/book
	cp web/target/playground/* build/book/
	@echo "playground: build/book/playground.html (make serve, then open http://127.0.0.1:$(PORT)/playground.html)"

# The book over http on this machine only: WebAssembly and workers do not load from file://.
PORT ?= 8000
serve:
	@test -d build/book || { echo "serve: build/book/ does not exist; run 'make book' (or 'make playground') first"; exit 1; }
	@echo "serving build/book/ on http://127.0.0.1:$(PORT)/ (playground: http://127.0.0.1:$(PORT)/playground.html); Ctrl-C stops"
	python3 -m http.server --bind 127.0.0.1 --directory build/book $(PORT)

# Every chapter as a .java script (jupytext's percent format) in build/pair/, to review and diff;
# INSTRUCTORS.md shows how to bring an edited script back into its notebook.
pair: setup
	@mkdir -p build/pair
	@for nb in notebooks/[0-9][0-9]-*.ipynb; do \
	  out="build/pair/$$(basename "$$nb" .ipynb).java"; \
	  .venv/bin/jupytext --quiet --to java:percent --opt notebook_metadata_filter=-all --output "$$out" "$$nb" || exit 1; \
	  echo "$$out"; \
	done
