"""Finding entities by name: the label index a build writes beside its store, and the searches over it.

- `text`: one normalisation for indexed labels and queries (case, macrons, "No."/"№" before numbers);
- `feed`: `IndexFeed.watch(quads)` keeps what the index needs of the quads a build loads (staged on disk);
- `terms`: the searchable texts and phonetic keys of one entity;
- `build`: `write_entities(feed, store, directory)` after validation, into the build directory, so the index is
  switched with the store it describes (SQLite FTS5 with the trigram tokenizer, stdlib `sqlite3`);
  `write_index(store, directory, base)` for a store already built;
- `index`: `SearchIndex` (read-only): `search` ranked by match quality (exact > prefix > substring > one
  edit) then by how much the graph knows of the entity, and `suggest` for autocomplete.

Persons are indexed in every script by `kg.names` (kanji, kana, Hepburn, Polivanov Cyrillic, match keys), so
a name is found as any source writes it."""

from .build import INDEX_FILE, IndexStats, open_feed, write_entities, write_index
from .feed import IndexFeed
from .index import Hit, SearchIndex, UnknownType

__all__ = ["INDEX_FILE", "Hit", "IndexFeed", "IndexStats", "SearchIndex", "UnknownType", "open_feed",
           "write_entities", "write_index"]
