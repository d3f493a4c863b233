"""Finding entities by name: the label index a build writes beside its store, and the searches over it.

- `text`: one normalisation for indexed labels and queries (case, macrons, "No."/"№" before numbers);
- `build`: `write_index(store, directory, base)` after validation, into the build directory, so the index is
  switched with the store it describes (SQLite FTS5 with the trigram tokenizer, stdlib `sqlite3`);
- `index`: `SearchIndex` (read-only): `search` ranked by match quality (exact > prefix > substring > one
  edit) then by how much the graph knows of the entity, and `suggest` for autocomplete.

Persons are indexed in every script by `kg.names` (kanji, kana, Hepburn, Polivanov Cyrillic, match keys), so
a name is found as any source writes it."""

from .build import INDEX_FILE, IndexStats, write_index
from .index import Hit, SearchIndex, UnknownType

__all__ = ["INDEX_FILE", "Hit", "IndexStats", "SearchIndex", "UnknownType", "write_index"]
