"""Podcast formats of an episode: transcript and chapter export, transcript import."""
