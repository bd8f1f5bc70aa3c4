"""Helpers the tests share: the sources, the raw-data oracle, copying and building a project, table checks."""
