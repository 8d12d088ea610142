"""The three tabs, one package each (its models, widgets and actions). Tabs never import each
other.
"""
