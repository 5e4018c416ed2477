// Placeholder: the search client is written with the search index.
