"""`kg serve`: the SPARQL endpoint, Graph Store, linked-data pages, saved-query API and query UI."""
