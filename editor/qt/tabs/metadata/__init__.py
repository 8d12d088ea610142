"""The field editors of the Metadata tab, one small widget per kind of value."""
