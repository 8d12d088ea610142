"""The YAML round-trip engine: split, load with source positions, render minimal diffs. Knows
nothing of episodes.
"""
