"""USPTO full text, one module per era; the reader entry point is :mod:`ingest.uspto_xml`."""
