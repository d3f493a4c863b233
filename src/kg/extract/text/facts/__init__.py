"""Fact readers, one per family of the ontology: each states, for one sentence, the facts its family's
phrasings carry between the sentence's mentions. `DocumentReader` runs them in order."""
