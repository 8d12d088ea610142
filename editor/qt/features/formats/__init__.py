"""File ▸ Export… and File ▸ Import Transcript… (podcast formats)."""
