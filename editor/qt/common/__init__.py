"""Qt pieces every layer above may use: settings, resources, links, the diff view, small widgets."""
