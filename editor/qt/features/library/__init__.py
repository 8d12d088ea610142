"""The episode library dock and podcast-wide guest rename."""
