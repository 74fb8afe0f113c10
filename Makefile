# Convenience aliases for tasks.py (which needs only Python 3.11).
PY ?= python3

.PHONY: build test lab serve sync student bench manifest lock
build test lab serve sync student bench manifest lock:
	$(PY) tasks.py $@
