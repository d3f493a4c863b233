"""Extractors: each maps one kind of source into RDF quads in named graphs, with evidence attached."""
