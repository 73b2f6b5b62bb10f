"""The fuzzer: hypothesis at volume over the catalogue loader, the document readers and the
quantity extractor (and the output formats). ``python -m tests.fuzz --minutes 10``."""
