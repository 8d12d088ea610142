"""Never lose work: file watching, disk prompts, crash recovery, the raw-text view."""
